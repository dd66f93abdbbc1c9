/// Exponential moving average (TA-Lib EMA): k = 2 / (length + 1); the first output, at index
/// length − 1, is the simple mean of the first `length` values; then e = (x − e) × k + e,
/// computed as e × (1 − k) + x × k two bars per chain step (`PairedRecursion`); the values
/// agree with TA-Lib's to ~1e-15 relative. Warm-up: length − 1.
public struct EMAKernel: UnaryKernel {
    public let length: Int
    @usableFromInline let k: Double
    @usableFromInline var smoothing: PairedRecursion
    @usableFromInline var seedSum = 0.0
    @usableFromInline var count = 0

    public init(length: Int) {
        self.length = max(1, length)
        self.k = 2.0 / Double(self.length + 1)
        smoothing = PairedRecursion(decay: 1 - k)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        if count < length {
            seedSum += x
            count += 1
            guard count == length else { return .nan }
            let seed = seedSum / Double(length)
            smoothing.start(seed)
            return seed
        }
        return smoothing.next(x * k)
    }

    /// Whether the seed is done, so that each bar is one step of the smoothing.
    @inlinable public var isSmoothing: Bool { count == length }

    /// Two bars of a seeded EMA (`isSmoothing`) whose inputs are known not to be na: `step`'s
    /// arithmetic for both.
    @inlinable @inline(__always)
    public mutating func smoothPair(_ x0: Double, _ x1: Double) -> (Double, Double) {
        smoothing.nextPair(x0 * k, x1 * k)
    }

    public mutating func reset() {
        seedSum = 0
        count = 0
    }
}
