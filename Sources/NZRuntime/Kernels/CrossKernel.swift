/// `crossover(a, b)`: 1 when a > b on this bar and a <= b on the previous bar (Pine Script's
/// definition), else 0; `crossunder` mirrors it. Comparisons with `na` are false, so the first
/// bar and bars next to an `na` never cross. Warm-up: 0 (never `na`).
public struct CrossKernel: BinaryKernel {
    public let isOver: Bool
    @usableFromInline var previousA = Double.nan
    @usableFromInline var previousB = Double.nan

    public init(isOver: Bool) { self.isOver = isOver }

    @inlinable @inline(__always)
    public mutating func step(_ a: Double, _ b: Double) -> Double {
        let crossed = isOver ? (a > b && previousA <= previousB) : (a < b && previousA >= previousB)
        previousA = a
        previousB = b
        return crossed ? 1 : 0
    }

    public mutating func reset() {
        previousA = .nan
        previousB = .nan
    }
}
