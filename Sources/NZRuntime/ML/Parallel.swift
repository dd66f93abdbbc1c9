import Dispatch
import Foundation

/// Deterministic fork-join for the tree models: `forEach` runs `body(i)` once for every i, on up
/// to `threads` threads, with a fixed assignment of indices to workers (worker w takes
/// w, w + workers, …). Callers make each `body(i)` write only its own outputs and compute them
/// from inputs that do not depend on other indices, so results are bit-identical for any
/// thread count.
enum Parallel {
    /// The default worker count: the processors the system reports as active (at least 1).
    static var availableThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = min(max(1, threads), count)
        guard workers > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        // `body` is not `Sendable`: callers share unsafe buffers into it, each index writing only its
        // own elements (the contract above), which is what makes this safe.
        withoutActuallyEscaping(body) { escapable in
            nonisolated(unsafe) let work = escapable
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < count {
                    work(i)
                    i += workers
                }
            }
        }
    }
}
