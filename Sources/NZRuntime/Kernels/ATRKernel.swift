/// Wilder's average true range (TA-Lib ATR). The true range is defined from bar 1:
/// max(high − low, |high − previous close|, |low − previous close|). The first ATR, at index
/// `length`, is the mean of TR over bars 1...length; then a = (a × (length − 1) + TR) / length,
/// computed as a × ((length − 1)/length) + TR/length four bars per chain step
/// (`QuadRecursion`). An na (or infinite) input resets it. Warm-up: length.
public struct ATRKernel: BarBlockKernel {
    public let length: Int
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var seed: RollingSum
    @usableFromInline var count = 0
    @usableFromInline var smoothing: QuadRecursion

    @usableFromInline let inverse: Double

    public init(length: Int) {
        self.length = max(1, length)
        self.seed = RollingSum(length: self.length)
        smoothing = QuadRecursion(decay: Double(self.length - 1) / Double(self.length))
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
    /// group (and for the block's first bar, whose previous close is the state's), then four
    /// bars per iteration with `step`'s arithmetic, the previous close read from the block,
    /// until a group holds an na or an infinity (which `step` then handles); `step` for what
    /// is left.
    @inlinable
    public mutating func run(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                             into output: UnsafeMutableBufferPointer<Double>) {
        let bars = min(high.count, low.count, close.count, output.count)
        var index = 0
        while index < bars, index == 0 || count < length || !smoothing.isAtGroupStart {
            output[index] = step(high: high[index], low: low[index], close: close[index])
            index += 1
        }
        let steadyStart = index
        var recursion = smoothing
        let inverse = inverse
        while index + 4 <= bars {
            let c0 = close[index], c1 = close[index + 1], c2 = close[index + 2], c3 = close[index + 3]
            let w0 = TrueRange.of(high: high[index], low: low[index], previousClose: close[index - 1]) * inverse
            let w1 = TrueRange.of(high: high[index + 1], low: low[index + 1], previousClose: c0) * inverse
            let w2 = TrueRange.of(high: high[index + 2], low: low[index + 2], previousClose: c1) * inverse
            let w3 = TrueRange.of(high: high[index + 3], low: low[index + 3], previousClose: c2) * inverse
            // An na or infinite high or low makes its range na or infinite, and so does an
            // infinite close; an na close is in the sum itself. t − t is na for any of them (a
            // finite sum that overflows is a false alarm: the group goes to `step`).
            let test = ((w0 + w1) + (w2 + w3)) + ((c0 + c1) + (c2 + c3))
            if (test - test).isNaN { break }
            let values = recursion.nextQuad(w0, w1, w2, w3)
            output[index] = values[0]
            output[index + 1] = values[1]
            output[index + 2] = values[2]
            output[index + 3] = values[3]
            index += 4
        }
        if index > steadyStart {
            smoothing = recursion
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
public struct NATRKernel: BarBlockKernel {
    @usableFromInline var atr: ATRKernel

    public init(length: Int) { atr = ATRKernel(length: length) }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        (atr.step(high: high, low: low, close: close) / close) * 100
    }

    /// The batch driver's loop: ATR's over the block, then each value divided by its close in
    /// place (`step`'s arithmetic, while the block is still in cache).
    @inlinable
    public mutating func run(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                             into output: UnsafeMutableBufferPointer<Double>) {
        atr.run(high: high, low: low, close: close, into: output)
        for index in 0..<min(close.count, output.count) { output[index] = (output[index] / close[index]) * 100 }
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
