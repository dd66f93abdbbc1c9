import COpenBLAS
import Foundation

/// How many threads OpenBLAS runs on: one, unless `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS`
/// says otherwise. At the models' sizes (a 50-column Gram matrix) its worker threads cost more
/// than they save, and they spin when another process holds the cores (a 100k × 50 ridge fit
/// measured 18 ms on one thread against 21–50 ms on two on a busy 2-core machine). The library
/// starts its workers when it is loaded, and an idle worker spins (`sched_yield`) for about
/// 0.1 s before it sleeps, so every `nzs` command, model or not, lost that much of a second
/// core at start-up; one thread means those workers are ended too.
public enum BLASThreads {
    /// Applies the setting; `nzs` calls it first thing, and every BLAS call goes through it.
    public static func configure() { _ = isConfigured }

    /// Set once (a `static let` initializer runs exactly once).
    static let isConfigured: Bool = {
        let environment = ProcessInfo.processInfo.environment
        if environment["OPENBLAS_NUM_THREADS"] == nil, environment["OMP_NUM_THREADS"] == nil {
            openblas_set_num_threads(1)
            // With one thread no BLAS call uses the workers (and OpenBLAS would start them again
            // if one did), so end them now instead of letting them spin.
            _ = blas_thread_shutdown_()
        }
        return true
    }()
}
