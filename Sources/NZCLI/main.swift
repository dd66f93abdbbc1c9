import NZCLIKit

#if os(Linux)
/// glibc's `mallopt` (declared here: `malloc.h` is not part of the Glibc module).
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

// Column-sized arrays (megabytes each) come and go with every evaluation. By default glibc maps
// big blocks fresh from the kernel and trims freed heap memory back to it, so repeated
// backtests (optimize, walk-forward, Monte Carlo, bench) pay page faults to zero the same
// memory again and again. Keep blocks below 256 MiB on the heap and keep up to 256 MiB of freed
// heap for reuse. (M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3 in malloc.h.)
_ = mallopt(-1, 256 << 20)
_ = mallopt(-3, 256 << 20)
#endif

// The `nzs` executable: everything lives in NZCLIKit so tests can run commands in-process.
NZSEntryPoint.main()
