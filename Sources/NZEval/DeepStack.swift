import Foundation

/// Runs work that recurses deeply on a thread with a stack of the given size, and waits for it.
enum DeepStack {
    static func run(stackSize: Int, _ work: () -> Void) {
        withoutActuallyEscaping(work) { work in
            let job = Job(work)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                job.run()
                done.signal()
            }
            thread.stackSize = stackSize
            thread.start()
            done.wait()
        }
    }

    /// The work, handed to the thread; the caller waits until it has run, so it is never used
    /// from two threads at once. It is dropped once run, before the caller is released (the
    /// closure must not outlive `withoutActuallyEscaping`).
    private final class Job: @unchecked Sendable {
        private var work: (() -> Void)?
        init(_ work: @escaping () -> Void) { self.work = work }

        func run() {
            work?()
            work = nil
        }
    }
}
