/// TA-Lib indicators of the bars' high, low and close that are short formulas over kernels
/// (true range, Williams %R, the ultimate oscillator), each as one kernel so the whole formula
/// runs in one loop. Every formula keeps the order of operations, and the na rules, of the IR
/// composition it replaces, so the values are the composition's exactly.

/// TA-Lib TRANGE: `TrueRange.of` the bar, na where the high, the low or the previous close is
/// na (so on the first bar). Warm-up: 1.
public struct TrueRangeKernel: BarKernel {
    @usableFromInline var previousClose = Double.nan

    public init() {}

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        let previous = previousClose
        previousClose = close
        guard !(high.isNaN || low.isNaN || previous.isNaN) else { return .nan }
        return TrueRange.of(high: high, low: low, previousClose: previous)
    }

    public mutating func reset() { previousClose = .nan }
}

/// The highest of one series and the lowest of another over the same `length` bars (Williams
/// %R's highs and lows, MIDPOINT's one series twice).
public struct WindowRange {
    @usableFromInline var highest: WindowMaxKernel
    @usableFromInline var lowest: WindowMaxKernel

    public init(length: Int) {
        highest = WindowMaxKernel(length: length, isMaximum: true)
        lowest = WindowMaxKernel(length: length, isMaximum: false)
    }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double) -> (highest: Double, lowest: Double) {
        (highest.step(high), lowest.step(low))
    }

    public mutating func reset() {
        highest.reset()
        lowest.reset()
    }
}

/// TA-Lib WILLR: −100 × (highest high − close) / (highest high − lowest low) over `length` bars,
/// 0 when the range is 0. Warm-up: length − 1.
public struct WilliamsRKernel: BarKernel {
    @usableFromInline var range: WindowRange

    public init(length: Int) { range = WindowRange(length: length) }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        let (top, bottom) = range.step(high: high, low: low)
        let width = top - bottom
        let value = ((top - close) / width) * -100
        return width == 0 ? 0 : value
    }

    public mutating func reset() { range.reset() }
}

/// The element-wise `min` and `max` of the IR (na if either is na), for kernels that replace a
/// composition using them.
public enum IRMath {
    @inlinable @inline(__always)
    public static func max(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }

    @inlinable @inline(__always)
    public static func min(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
}

/// TA-Lib AD: the running total of the money flow CLV × volume / (high − low), CLV =
/// (close − low) − (high − close); a bar whose range is not positive adds 0. Warm-up: 0.
public struct AccumulationDistributionKernel: QuadKernel {
    @usableFromInline var total = CumulativeKernel()

    public init() {}

    @inlinable @inline(__always)
    static func flow(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let range = high - low
        let clv = (close - low) - (high - close)
        return range > 0 ? (clv * volume) / range : 0
    }

    @inlinable @inline(__always)
    public mutating func step(_ high: Double, _ low: Double, _ close: Double, _ volume: Double) -> Double {
        total.step(Self.flow(high: high, low: low, close: close, volume: volume))
    }

    public mutating func reset() { total.reset() }
}

/// TA-Lib ADOSC: EMA(fast) − EMA(slow) of the A/D line, both seeded with its first value,
/// shown from bar max(fast, slow) − 1 (`bar` counts every bar, as `bar_index` does).
/// Warm-up: max(fast, slow) − 1.
public struct ChaikinOscillatorKernel: QuadBlockKernel {
    @usableFromInline var line = AccumulationDistributionKernel()
    @usableFromInline var fast: FirstSeededEMAKernel
    @usableFromInline var slow: FirstSeededEMAKernel
    @usableFromInline let first: Double
    @usableFromInline var bar = 0.0

    public init(fast: Int, slow: Int) {
        self.fast = FirstSeededEMAKernel(length: fast)
        self.slow = FirstSeededEMAKernel(length: slow)
        first = Double(max(fast, slow)) - 1
    }

    @inlinable @inline(__always)
    public mutating func step(_ high: Double, _ low: Double, _ close: Double, _ volume: Double) -> Double {
        let value = line.step(high, low, close, volume)
        let difference = fast.step(value) - slow.step(value)
        let shown = bar >= first
        bar += 1
        return shown ? difference : .nan
    }

    /// The batch driver's loop: `step` until both EMAs run and the value is shown, then two
    /// bars per iteration with `step`'s arithmetic (the A/D total one bar at a time, both EMAs
    /// by `smoothPair`) until a pair's total is na (then `step` takes over for the block).
    @inlinable
    public mutating func run(_ high: UnsafeBufferPointer<Double>, _ low: UnsafeBufferPointer<Double>, _ close: UnsafeBufferPointer<Double>,
                             _ volume: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        let count = min(high.count, low.count, close.count, volume.count, output.count)
        var index = 0
        while index < count, !(fast.started && slow.started && bar >= first) {
            output[index] = step(high[index], low[index], close[index], volume[index])
            index += 1
        }
        var total = line.total.total, fastEMA = fast, slowEMA = slow
        let steadyStart = index
        while index + 2 <= count {
            let t0 = total + AccumulationDistributionKernel.flow(high: high[index], low: low[index], close: close[index], volume: volume[index])
            let t1 = t0 + AccumulationDistributionKernel.flow(high: high[index + 1], low: low[index + 1], close: close[index + 1],
                                                              volume: volume[index + 1])
            if (t0 + t1).isNaN { break }
            let (f0, f1) = fastEMA.smoothPair(t0, t1)
            let (s0, s1) = slowEMA.smoothPair(t0, t1)
            output[index] = f0 - s0
            output[index + 1] = f1 - s1
            total = t1
            index += 2
        }
        if index > steadyStart {
            line.total.total = total
            fast = fastEMA
            slow = slowEMA
            bar += Double(index - steadyStart)
        }
        while index < count {
            output[index] = step(high[index], low[index], close[index], volume[index])
            index += 1
        }
    }

    public mutating func reset() {
        line.reset()
        fast.reset()
        slow.reset()
        bar = 0
    }
}

/// TA-Lib BOP: (close − open) / (high − low), 0 when the range is under 1e-8. Warm-up: 0.
public struct BalanceOfPowerKernel: QuadKernel {
    public init() {}

    @inlinable @inline(__always)
    public mutating func step(_ open: Double, _ high: Double, _ low: Double, _ close: Double) -> Double {
        let range = high - low
        let value = (close - open) / range
        return range < 0.00000001 ? 0 : value
    }

    public mutating func reset() {}
}
