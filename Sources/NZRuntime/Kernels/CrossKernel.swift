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

    /// The batch driver's loop: bar i compares a[i], b[i] with a[i − 1], b[i − 1] read from the
    /// block itself (the state only carries the block's last bar over), so the loop has no
    /// dependency from one bar to the next and vectorizes. Same comparisons, same values as `step`.
    @inlinable
    public mutating func run(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                             into output: UnsafeMutableBufferPointer<Double>) {
        let count = min(a.count, b.count, output.count)
        guard count > 0 else { return }
        output[0] = step(a[0], b[0])
        // Both comparisons as 0/1 and multiplied (not `&&`): no branch, so the loop vectorizes.
        if isOver {
            for index in 1..<count { output[index] = (a[index] > b[index] ? 1 : 0) * (a[index - 1] <= b[index - 1] ? 1 : 0) }
        } else {
            for index in 1..<count { output[index] = (a[index] < b[index] ? 1 : 0) * (a[index - 1] >= b[index - 1] ? 1 : 0) }
        }
        previousA = a[count - 1]
        previousB = b[count - 1]
    }

    public mutating func reset() {
        previousA = .nan
        previousB = .nan
    }
}
