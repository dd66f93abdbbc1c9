import Dispatch
import Foundation

/// Runs independent pieces of work (sweep trials, shared columns, Monte Carlo paths) on up to
/// `jobs` threads and returns their results in index order, so what the caller sees never
/// depends on how many threads ran or which finished first. Each piece must be a pure
/// function of its index: any random draw inside takes its seed from the index.
public enum ParallelWork {
    /// `body(i)` for every `i` in `0..<count`, on up to `jobs` threads (the calling thread is one
    /// of them). Threads take the next index as they finish one, so uneven pieces balance. Once
    /// `isCancelled()` is true no new piece starts; the result of every piece not run is nil.
    public static func map<Result: Sendable>(_ count: Int, jobs: Int, isCancelled: @Sendable () -> Bool = { false },
                                             _ body: @Sendable (Int) -> Result) -> [Result?] {
        guard count > 0 else { return [] }
        let slots = Slots<Result>(count)
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            for index in 0..<count where !isCancelled() { slots.store(body(index), at: index) }
            return slots.values
        }
        let next = Ticket()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !isCancelled(), let index = next.take(below: count) {
                slots.store(body(index), at: index)
            }
        }
        return slots.values
    }

    /// The number of threads worth running on this machine.
    public static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// One result per index, each written by exactly one thread and read only after every
    /// thread has finished (`concurrentPerform` returns after all iterations), which is what
    /// makes the unchecked sendability sound.
    private final class Slots<Result: Sendable>: @unchecked Sendable {
        private var storage: [Result?]
        private let lock = NSLock()

        init(_ count: Int) { storage = [Result?](repeating: nil, count: count) }

        func store(_ result: Result, at index: Int) {
            lock.lock()
            storage[index] = result
            lock.unlock()
        }

        var values: [Result?] { storage }
    }

    /// Hands out indices 0, 1, 2, ... to whichever thread asks next.
    private final class Ticket: @unchecked Sendable {
        private var next = 0
        private let lock = NSLock()

        func take(below count: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }
}
