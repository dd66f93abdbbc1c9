/// The last `length` values and their running total, updated in TA-Lib's order: add the new
/// value, read the total, then subtract the value that leaves the window next. SMA and SUM are
/// built on it, so they reproduce TA-Lib's rounding exactly.
public struct RollingSum {
    public let length: Int
    @usableFromInline var window: [Double]
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    @usableFromInline var total = 0.0

    public init(length: Int) {
        self.length = max(1, length)
        self.window = [Double](repeating: 0, count: self.length)
    }

    /// Adds `x` and returns the total of the last `length` values, or nil while warming up.
    @inlinable
    public mutating func push(_ x: Double) -> Double? {
        if filled < length - 1 {
            window[position] = x
            position += 1
            total += x
            filled += 1
            return nil
        }
        total += x
        let sum = total
        window[position] = x
        position += 1
        if position == length { position = 0 }
        total -= window[position]
        return sum
    }

    public mutating func reset() {
        position = 0
        filled = 0
        total = 0
    }
}

/// Simple moving average (TA-Lib SMA). Warm-up: length − 1.
public struct SMAKernel: UnaryKernel {
    @usableFromInline var sum: RollingSum
    @usableFromInline let divisor: Double

    public init(length: Int) {
        sum = RollingSum(length: length)
        divisor = Double(sum.length)
    }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        guard let total = sum.push(x) else { return .nan }
        return total / divisor
    }

    public mutating func reset() { sum.reset() }
}

/// Rolling sum (TA-Lib SUM). Warm-up: length − 1.
public struct SumKernel: UnaryKernel {
    @usableFromInline var sum: RollingSum

    public init(length: Int) { sum = RollingSum(length: length) }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        return sum.push(x) ?? .nan
    }

    public mutating func reset() { sum.reset() }
}
