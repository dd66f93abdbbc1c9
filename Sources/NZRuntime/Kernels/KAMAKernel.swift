/// Kaufman adaptive moving average (TA-Lib KAMA, fast 2 and slow 30). Efficiency ratio
/// ER = |x − x[n]| / (sum of |1-bar changes| over n), 1 when that sum is not above the change
/// or is (TA-Lib-)zero; sc = (ER × (2/3 − 2/31) + 2/31)²; seeded with x[n − 1], first output
/// at index n. Warm-up: length.
public struct KAMAKernel: UnaryKernel {
    public let length: Int
    @usableFromInline let fastest = 2.0 / 3.0
    @usableFromInline let slowest = 2.0 / 31.0
    /// The last length + 1 values.
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var count = 0
    @usableFromInline var changeSum = 0.0
    @usableFromInline var value = 0.0

    public init(length: Int) {
        self.length = max(1, length)
        self.window = KernelStorage(repeating: 0, count: self.length + 1)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        let size = length + 1
        let previousIndex = position == 0 ? size - 1 : position - 1
        let previous = window[previousIndex]
        // The slot being overwritten holds x[t − n − 1]; the next one holds x[t − n].
        let leaving = window[position]
        var nextIndex = position + 1
        if nextIndex == size { nextIndex = 0 }
        if count > length {
            changeSum -= Swift.abs(leaving - window[nextIndex])
        }
        if count > 0 { changeSum += Swift.abs(previous - x) }
        window[position] = x
        position = nextIndex
        count += 1
        guard count > length else { return .nan }
        if count == length + 1 { value = previous }
        let change = x - window[position]
        var ratio = 1.0
        if !(changeSum <= change || TALibTolerance.isZero(changeSum)) { ratio = Swift.abs(change / changeSum) }
        var smoothing = (ratio * (fastest - slowest)) + slowest
        smoothing *= smoothing
        value = ((x - value) * smoothing) + value
        return value
    }

    public mutating func reset() {
        position = 0
        count = 0
        changeSum = 0
        value = 0
    }
}
