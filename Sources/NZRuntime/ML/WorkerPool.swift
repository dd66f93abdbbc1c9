import Dispatch
import Foundation
import Synchronization

/// Worker threads that stay awake between the many short parallel steps of one gradient-boosting
/// fit (a few hundred microseconds each: one histogram, one partition).
///
/// Forking through Dispatch for each step costs a thread wake-up, which on a virtual machine
/// with an idle second vCPU was measured at about a millisecond, longer than the step itself.
/// So the workers wait for the next step by spinning for a bounded time (`spinTime`, then
/// yielding the processor between checks), and only then block on a semaphore; a fit keeps them
/// busy enough that they rarely block. Bounding the spin keeps the pool polite when another
/// process needs the cores (unbounded spinning is how OpenMP pools slow down by orders of
/// magnitude on a busy machine).
///
/// Indices are claimed dynamically (an atomic counter), so a worker that the system has
/// descheduled never holds the others up: the caller simply claims the rest. Every caller of
/// `forEach` makes index i compute and write only its own outputs, so which thread runs an index
/// never changes a result.
///
/// The protocol: the caller writes the step (`job`, `jobCount`), opens it (`state` = its step
/// number), claims indices, and when all are done closes it (`state` = −1) and waits until no
/// worker is inside. A worker enters by raising `inside` and re-reading `state`: if the step is
/// still open it may read the step until it leaves; otherwise it backs out. With sequentially
/// consistent atomics either the worker sees the close or the caller sees the worker inside.
@available(macOS 15.0, *)
final class WorkerPool: @unchecked Sendable {
    /// Threads, the caller included.
    let threads: Int
    /// How long an idle worker spins before it yields, and (×4) before it blocks.
    static let spinTime = Duration.microseconds(200)

    /// One per worker thread (worker w at w − 1): whether it is blocked, and its wake-up.
    private final class Slot: Sendable {
        let sleeping = Atomic<Bool>(false)
        let wakeUp = DispatchSemaphore(value: 0)
    }

    private let state = Atomic<Int>(-1)
    private let inside = Atomic<Int>(0)
    private let next = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let slots: [Slot]
    // Written by the caller while no step is open; read by workers only inside an open step.
    nonisolated(unsafe) private var job: ((Int) -> Void)?
    nonisolated(unsafe) private var jobCount = 0
    nonisolated(unsafe) private var step = 0

    init(threads: Int) {
        self.threads = max(1, threads)
        slots = (1..<max(2, self.threads)).map { _ in Slot() }
        for worker in 1..<self.threads {
            let thread = Thread { [self] in self.work(worker) }
            thread.start()
        }
    }

    /// Runs `body(i)` for every i in 0..<count, on up to `limit` threads; returns when all are done.
    func forEach(_ count: Int, limit: Int = .max, _ body: (Int) -> Void) {
        guard min(threads, max(1, limit), count) > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            jobCount = count
            step += 1
            next.store(0, ordering: .sequentiallyConsistent)
            completed.store(0, ordering: .sequentiallyConsistent)
            state.store(step, ordering: .sequentiallyConsistent)
            wakeSleepers()
            runClaims(escapable, count)
            let clock = ContinuousClock()
            let start = clock.now
            while completed.load(ordering: .acquiring) < count {
                if clock.now - start > Self.spinTime { sched_yield() }
            }
            state.store(-1, ordering: .sequentiallyConsistent)
            while inside.load(ordering: .sequentiallyConsistent) > 0 { sched_yield() }
            job = nil
        }
    }

    /// Ends the worker threads (after the last `forEach`).
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wakeSleepers()
    }

    private func wakeSleepers() {
        for slot in slots where slot.sleeping.exchange(false, ordering: .sequentiallyConsistent) { slot.wakeUp.signal() }
    }

    private func runClaims(_ body: (Int) -> Void, _ count: Int) {
        while true {
            let i = next.add(1, ordering: .sequentiallyConsistent).oldValue
            guard i < count else { return }
            body(i)
            completed.add(1, ordering: .sequentiallyConsistent)
        }
    }

    private func work(_ worker: Int) {
        let slot = slots[worker - 1]
        var seen = -1
        let clock = ContinuousClock()
        var idleSince = clock.now
        while !stopping.load(ordering: .acquiring) {
            let open = state.load(ordering: .acquiring)
            if open >= 0, open != seen {
                inside.add(1, ordering: .sequentiallyConsistent)
                if state.load(ordering: .sequentiallyConsistent) == open, let job {
                    runClaims(job, jobCount)
                }
                seen = open
                inside.subtract(1, ordering: .sequentiallyConsistent)
                idleSince = clock.now
                continue
            }
            let idle = clock.now - idleSince
            guard idle > Self.spinTime else { continue }
            sched_yield()
            guard idle > Self.spinTime * 4 else { continue }
            // Block: announce it, then re-check so a step opened meanwhile is not missed.
            slot.sleeping.store(true, ordering: .sequentiallyConsistent)
            let now = state.load(ordering: .sequentiallyConsistent)
            if (now >= 0 && now != seen) || stopping.load(ordering: .sequentiallyConsistent) {
                // If the caller already took the flag it has signalled: consume the signal.
                if !slot.sleeping.exchange(false, ordering: .sequentiallyConsistent) { slot.wakeUp.wait() }
            } else {
                slot.wakeUp.wait()
            }
            idleSince = clock.now
        }
    }
}

/// The threads of one fit: a `WorkerPool` where the platform has `Synchronization` atomics
/// (Linux; macOS 15), `Parallel.forEach` (Dispatch) otherwise. `stop()` ends the pool's threads.
final class ThreadTeam: @unchecked Sendable {
    let threads: Int
    private let pool: AnyObject?

    init(threads: Int) {
        self.threads = max(1, threads)
        if #available(macOS 15.0, *), self.threads > 1 {
            pool = WorkerPool(threads: self.threads)
        } else {
            pool = nil
        }
    }

    /// `body(i)` for every i in 0..<count on up to `limit` threads (worker w takes w, w + workers, …).
    func forEach(_ count: Int, limit: Int = .max, _ body: (Int) -> Void) {
        if #available(macOS 15.0, *), let pool = pool as? WorkerPool {
            pool.forEach(count, limit: limit, body)
        } else {
            Parallel.forEach(count, threads: min(threads, max(1, limit)), body)
        }
    }

    func stop() {
        if #available(macOS 15.0, *), let pool = pool as? WorkerPool { pool.stop() }
    }
}
