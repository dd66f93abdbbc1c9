#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// A progress bar with an ETA on stderr for long studies, redrawn at most ten times a second:
/// shown on a terminal (or with `--progress`), never in captured output. Thread-safe: trials
/// report from whichever thread ran them.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let isEnabled: Bool
    private let label: String
    private var total = 0
    private var done = 0
    private var started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now - .seconds(1)
    private var hasDrawn = false

    init(io: CommandIO, forced: Bool, label: String) {
        isEnabled = !io.isCapturing && (forced || isatty(STDERR_FILENO) != 0)
        self.label = label
    }

    /// Sets (or raises) the number of steps expected.
    func expect(_ count: Int) {
        lock.lock()
        if done == 0 { started = .now }
        total = max(total, done + count)
        lock.unlock()
    }

    /// One step finished.
    func advance() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        guard isEnabled, ContinuousClock.now - lastDrawn >= .milliseconds(100) || done == total else { return }
        lastDrawn = .now
        draw()
    }

    /// Clears the bar's line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if hasDrawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func draw() {
        let width = 30
        let share = total > 0 ? Double(done) / Double(total) : 0
        let filled = Int(share * Double(width))
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let eta = done > 0 ? seconds / Double(done) * Double(max(0, total - done)) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r%@ [%@] %d/%d %3.0f%%  ETA %@", label, bar, done, total, share * 100, Self.duration(eta))
        FileHandle.standardError.write(Data(line.utf8))
        hasDrawn = true
    }

    private static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.1fs", seconds) : String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}

/// Ctrl-C during a study: the first one stops new trials from starting, so the command can
/// report what finished (exit status 130); a second one ends the process at once. Only the
/// executable installs it; tests never do.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var source: DispatchSourceSignal?

    /// Installs the handler when `io` writes to the process's own streams.
    init(io: CommandIO) {
        guard !io.isCapturing else { return }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let again = self.stopped
            self.stopped = true
            self.lock.unlock()
            if again { exit(130) }
            FileHandle.standardError.write(Data("\ninterrupted: finishing the trials under way (Ctrl-C again to quit now)\n".utf8))
        }
        source.resume()
        self.source = source
    }

    deinit {
        source?.cancel()
        if source != nil { signal(SIGINT, SIG_DFL) }
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }
}
