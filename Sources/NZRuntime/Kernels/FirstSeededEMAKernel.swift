/// An EMA seeded with the first value rather than an SMA, updated as k × x + (1 − k) × e two
/// bars per chain step (`PairedRecursion`) (TA-Lib ADOSC's two EMAs of the A/D line).
/// Warm-up: that of its input.
public struct FirstSeededEMAKernel: UnaryKernel {
    @usableFromInline let k: Double
    @usableFromInline var smoothing: PairedRecursion
    @usableFromInline var started = false

    public init(length: Int) {
        k = 2.0 / Double(max(1, length) + 1)
        smoothing = PairedRecursion(decay: 1 - k)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        guard started else {
            started = true
            smoothing.start(x)
            return x
        }
        return smoothing.next(k * x)
    }

    /// Two bars of a started EMA whose inputs are known not to be na: `step`'s arithmetic.
    @inlinable @inline(__always)
    public mutating func smoothPair(_ x0: Double, _ x1: Double) -> (Double, Double) {
        smoothing.nextPair(k * x0, k * x1)
    }

    public mutating func reset() { started = false }
}
