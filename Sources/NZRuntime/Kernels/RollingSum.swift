/// The last `length` values and their running total. Once the window is full, each bar adds
/// (new − leaving) to the total: one addition on the loop-carried chain per bar, which is what
/// makes SMA and SUM faster than TA-Lib's add-then-subtract (the rounding differs from TA-Lib's
/// by a few ulps of the total, far inside the 1e-9 parity tolerance).
public struct RollingSum {
    public let length: Int
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    @usableFromInline var total = 0.0

    public init(length: Int) {
        self.length = max(1, length)
        self.window = KernelStorage(repeating: 0, count: self.length)
    }

    /// Adds `x` and returns the total of the last `length` values, or nil while warming up.
    @inlinable @inline(__always)
    public mutating func push(_ x: Double) -> Double? {
        let leaving = window[position]
        window[position] = x
        position = position + 1 == length ? 0 : position + 1
        if filled < length {
            total += x
            filled += 1
            return filled == length ? total : nil
        }
        total += x - leaving
        return total
    }

    public mutating func reset() {
        position = 0
        filled = 0
        total = 0
    }
}

/// Simple moving average (TA-Lib SMA). Warm-up: length − 1.
/// The mean is the total times 1/length: a multiply, not a divide, per bar (within an ulp of
/// the correctly rounded quotient TA-Lib returns).
public struct SMAKernel: UnaryKernel {
    @usableFromInline var sum: RollingSum
    @usableFromInline let inverse: Double

    public init(length: Int) {
        sum = RollingSum(length: length)
        inverse = 1 / Double(sum.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        guard let total = sum.push(x) else { return .nan }
        return total * inverse
    }

    public mutating func reset() { sum.reset() }
}

/// Rolling sum (TA-Lib SUM). Warm-up: length − 1.
public struct SumKernel: UnaryKernel {
    @usableFromInline var sum: RollingSum

    public init(length: Int) { sum = RollingSum(length: length) }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        return sum.push(x) ?? .nan
    }

    public mutating func reset() { sum.reset() }
}
