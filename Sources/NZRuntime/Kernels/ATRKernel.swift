/// Wilder's average true range (TA-Lib ATR). The true range is defined from bar 1:
/// max(high − low, |high − previous close|, |low − previous close|). The first ATR, at index
/// `length`, is the mean of TR over bars 1...length; then a = (a × (length − 1) + TR) / length,
/// computed as a × ((length − 1)/length) + TR/length two bars per chain step
/// (`PairedRecursion`). An na (or infinite) input resets it. Warm-up: length.
public struct ATRKernel: BarBlockKernel {
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

    /// The batch driver's loop: `step` until the smoothing is running and at the start of a
    /// pair (and for the block's first bar, whose previous close is the state's), then two bars
    /// per iteration with `step`'s arithmetic, the previous close read from the block, until a
    /// pair holds an na or an infinity (which `step` then handles); `step` for what is left.
    @inlinable
    public mutating func run(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                             into output: UnsafeMutableBufferPointer<Double>) {
        let bars = min(high.count, low.count, close.count, output.count)
        var index = 0
        while index < bars, index == 0 || count < length || smoothing.isSecond {
            output[index] = step(high: high[index], low: low[index], close: close[index])
            index += 1
        }
        let steadyStart = index
        var anchor = smoothing.anchor
        let decay = smoothing.decay, decaySquared = smoothing.decaySquared, inverse = inverse
        while index + 2 <= bars {
            let h0 = high[index], l0 = low[index], c0 = close[index]
            let h1 = high[index + 1], l1 = low[index + 1], c1 = close[index + 1]
            let test0 = (h0 - h0) + (l0 - l0) + (c0 - c0), test1 = (h1 - h1) + (l1 - l1) + (c1 - c1)
            if (test0 + test1).isNaN { break }
            let w0 = TrueRange.of(high: h0, low: l0, previousClose: close[index - 1]) * inverse
            let w1 = TrueRange.of(high: h1, low: l1, previousClose: c0) * inverse
            output[index] = anchor * decay + w0
            anchor = anchor * decaySquared + (w0 * decay + w1)
            output[index + 1] = anchor
            index += 2
        }
        if index > steadyStart {
            smoothing.anchor = anchor
            previousClose = close[index - 1]
        }
        while index < bars {
            output[index] = step(high: high[index], low: low[index], close: close[index])
            index += 1
        }
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
