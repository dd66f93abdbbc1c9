#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a command writes, and what it may assume about the terminal. The executable uses
/// the process's stdout and stderr; tests capture both in memory.
public final class CommandIO: @unchecked Sendable {
    public private(set) var capturedOut = ""
    public private(set) var capturedError = ""
    let isCapturing: Bool
    /// Colour diagnostics only on a terminal, and never when `NO_COLOR` is set.
    public let useColor: Bool
    /// The directory relative paths are resolved against.
    public let workingDirectory: String
    private var outBuffer: [UInt8] = []

    init(isCapturing: Bool, useColor: Bool, workingDirectory: String) {
        self.isCapturing = isCapturing
        self.useColor = useColor
        self.workingDirectory = workingDirectory
    }

    /// The process's own streams.
    public static func standard() -> CommandIO {
        // no-color.org: a NO_COLOR with any non-empty value turns colour off.
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let colorAllowed = !noColor && isatty(STDERR_FILENO) != 0
        return CommandIO(isCapturing: false, useColor: colorAllowed, workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// In-memory streams for tests.
    public static func capturing(workingDirectory: String) -> CommandIO {
        CommandIO(isCapturing: true, useColor: false, workingDirectory: workingDirectory)
    }

    public func out(_ text: String) {
        if isCapturing { capturedOut += text; return }
        outBuffer.append(contentsOf: text.utf8)
        if outBuffer.count > 1 << 16 { flush() }
    }

    public func error(_ text: String) {
        if isCapturing { capturedError += text; return }
        flush()
        FileHandle.standardError.write(Data(text.utf8))
    }

    public func flush() {
        guard !outBuffer.isEmpty else { return }
        outBuffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, base + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        outBuffer.removeAll(keepingCapacity: true)
    }

    /// Resolves a user-given path against the working directory.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }
}

/// Exit statuses, following sysexits(3) as craftinginterpreters does.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// `nzs parity` found a difference between backtest and paper replay.
    public static let parityDifference: Int32 = 1
    /// Bad command-line usage (unknown param, malformed value).
    public static let usage: Int32 = 64
    /// The script has compile errors.
    public static let compileError: Int32 = 65
    /// A runtime or data error (bad rows, missing files).
    public static let runtimeError: Int32 = 70
    /// A study stopped by Ctrl-C after reporting what finished (128 + SIGINT, as shells report it).
    public static let interrupted: Int32 = 130
}
