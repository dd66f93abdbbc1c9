/// Wilder's average true range (TA-Lib ATR). The true range is defined from bar 1:
/// max(high − low, |high − previous close|, |low − previous close|). The first ATR, at index
/// `length`, is the mean of TR over bars 1...length; then a = (a × (length − 1) + TR) / length.
/// Warm-up: length.
public struct ATRKernel: BarKernel {
    public let length: Int
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var seed: RollingSum
    @usableFromInline var count = 0
    @usableFromInline var value = 0.0

    public init(length: Int) {
        self.length = max(1, length)
        self.seed = RollingSum(length: self.length)
    }

    @inlinable
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        guard !high.isNaN, !low.isNaN, !close.isNaN else { reset(); return .nan }
        defer { previousClose = close }
        guard !previousClose.isNaN else { return .nan }
        let range = TrueRange.of(high: high, low: low, previousClose: previousClose)
        if count < length {
            count += 1
            guard let total = seed.push(range) else { return .nan }
            value = total / Double(length)
            return value
        }
        value = (value * Double(length - 1) + range) / Double(length)
        return value
    }

    public mutating func reset() {
        previousClose = .nan
        seed.reset()
        count = 0
    }
}

/// The true range of one bar, in TA-Lib's order of comparisons.
public enum TrueRange {
    @inlinable
    public static func of(high: Double, low: Double, previousClose: Double) -> Double {
        var greatest = high - low
        let toHigh = Swift.abs(previousClose - high)
        if toHigh > greatest { greatest = toHigh }
        let toLow = Swift.abs(previousClose - low)
        if toLow > greatest { greatest = toLow }
        return greatest
    }
}
