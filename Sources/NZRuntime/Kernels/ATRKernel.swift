/// Wilder's average true range (TA-Lib ATR). The true range is defined from bar 1:
/// max(high − low, |high − previous close|, |low − previous close|). The first ATR, at index
/// `length`, is the mean of TR over bars 1...length; then a = (a × (length − 1) + TR) / length,
/// computed as a × ((length − 1)/length) + TR/length two bars per chain step
/// (`PairedRecursion`). An na (or infinite) input resets it. Warm-up: length.
public struct ATRKernel: BarKernel {
    public let length: Int
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var seed: RollingSum
    @usableFromInline var count = 0
    @usableFromInline var smoothing: PairedRecursion

    @usableFromInline let inverse: Double

    public init(length: Int) {
        self.length = max(1, length)
        self.seed = RollingSum(length: self.length)
        smoothing = PairedRecursion(decay: Double(self.length - 1) / Double(self.length))
        inverse = 1 / Double(self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        // One test for all three inputs: (v − v) is 0 for a number and na for na (or an
        // infinity, which is treated as missing too).
        guard !((high - high) + (low - low) + (close - close)).isNaN else { reset(); return .nan }
        let previous = previousClose
        previousClose = close
        let range = TrueRange.of(high: high, low: low, previousClose: previous)
        if count < length {
            guard !previous.isNaN else { return .nan }
            count += 1
            guard let total = seed.push(range) else { return .nan }
            let mean = total / Double(length)
            smoothing.start(mean)
            return mean
        }
        return smoothing.next(range * inverse)
    }

    public mutating func reset() {
        previousClose = .nan
        seed.reset()
        count = 0
    }
}

/// TA-Lib NATR: 100 × ATR / close, as (atr / close) × 100. Warm-up: length.
public struct NATRKernel: BarKernel {
    @usableFromInline var atr: ATRKernel

    public init(length: Int) { atr = ATRKernel(length: length) }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        (atr.step(high: high, low: low, close: close) / close) * 100
    }

    public mutating func reset() { atr.reset() }
}

/// The true range of one bar, in TA-Lib's order of comparisons.
public enum TrueRange {
    @inlinable @inline(__always)
    public static func of(high: Double, low: Double, previousClose: Double) -> Double {
        // Selects, not branches (the comparisons are unpredictable); the same order as TA-Lib.
        let range = high - low
        let toHigh = Swift.abs(previousClose - high)
        let first = toHigh > range ? toHigh : range
        let toLow = Swift.abs(previousClose - low)
        return toLow > first ? toLow : first
    }
}
