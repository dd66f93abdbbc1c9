/// Runs a kernel over whole columns: the research driver. A thin loop over `step`, specialized
/// per kernel type, so the kernel's arithmetic is the streaming driver's exactly. Each loop
/// works on a local copy of the kernel (written back at the end) so that its state can live
/// in registers instead of being stored and reloaded around every output write (windows are
/// `KernelStorage`, shared by the copy, so nothing is copied but a few scalars).
public enum BatchDriver {
    @inlinable @inline(__always)
    public static func run<K: UnaryKernel>(_ kernel: inout K, _ input: UnsafeBufferPointer<Double>,
                                           into output: UnsafeMutableBufferPointer<Double>) {
        var local = kernel
        for index in 0..<min(input.count, output.count) {
            output[index] = local.step(input[index])
        }
        kernel = local
    }

    @inlinable @inline(__always)
    public static func run<K: BinaryKernel>(_ kernel: inout K, _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                                            into output: UnsafeMutableBufferPointer<Double>) {
        var local = kernel
        for index in 0..<min(a.count, b.count, output.count) {
            output[index] = local.step(a[index], b[index])
        }
        kernel = local
    }

    @inlinable @inline(__always)
    public static func run<K: TernaryKernel>(_ kernel: inout K, _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                                             _ c: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        var local = kernel
        for index in 0..<min(a.count, b.count, c.count, output.count) {
            output[index] = local.step(a[index], b[index], c[index])
        }
        kernel = local
    }

    @inlinable @inline(__always)
    public static func run<K: BarKernel>(_ kernel: inout K, high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                                         close: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        var local = kernel
        for index in 0..<min(high.count, low.count, close.count, output.count) {
            output[index] = local.step(high: high[index], low: low[index], close: close[index])
        }
        kernel = local
    }

    @inlinable @inline(__always)
    public static func run<K: QuadKernel>(_ kernel: inout K, _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                                          _ c: UnsafeBufferPointer<Double>, _ d: UnsafeBufferPointer<Double>,
                                          into output: UnsafeMutableBufferPointer<Double>) {
        var local = kernel
        for index in 0..<min(a.count, b.count, c.count, d.count, output.count) {
            output[index] = local.step(a[index], b[index], c[index], d[index])
        }
        kernel = local
    }

    /// Convenience for tests and small inputs: runs a fresh copy of `kernel` over an array.
    public static func column<K: UnaryKernel>(_ kernel: K, _ input: [Double]) -> [Double] {
        var state = kernel
        var output = [Double](repeating: .nan, count: input.count)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in run(&state, source, into: target) }
        }
        return output
    }
}
