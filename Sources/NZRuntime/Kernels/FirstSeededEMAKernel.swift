/// An EMA seeded with the first value rather than an SMA, updated as k × x + (1 − k) × e
/// (TA-Lib ADOSC's two EMAs of the A/D line). Warm-up: that of its input.
public struct FirstSeededEMAKernel: UnaryKernel {
    @usableFromInline let k: Double
    @usableFromInline let oneMinusK: Double
    @usableFromInline var value = Double.nan

    public init(length: Int) {
        k = 2.0 / Double(max(1, length) + 1)
        oneMinusK = 1 - k
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        value = value.isNaN ? x : (k * x) + (oneMinusK * value)
        return value
    }

    public mutating func reset() { value = .nan }
}
