/// TA-Lib indicators of the bars' high, low and close that are short formulas over kernels
/// (true range, Williams %R, the ultimate oscillator), each as one kernel so the whole formula
/// runs in one loop. Every formula keeps the order of operations, and the na rules, of the IR
/// composition it replaces, so the values are the composition's exactly.

/// TA-Lib TRANGE: max(max(high − low, |previous close − high|), |previous close − low|), na on
/// the first bar (no previous close). Warm-up: 1.
public struct TrueRangeKernel: BarKernel {
    @usableFromInline var previousClose = Double.nan

    public init() {}

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        let previous = previousClose
        previousClose = close
        let spread = high - low
        let toHigh = Swift.abs(previous - high)
        let toLow = Swift.abs(previous - low)
        return IRMath.max(IRMath.max(spread, toHigh), toLow)
    }

    public mutating func reset() { previousClose = .nan }
}

/// TA-Lib WILLR: −100 × (highest high − close) / (highest high − lowest low) over `length` bars,
/// 0 when the range is 0. Warm-up: length − 1.
public struct WilliamsRKernel: BarKernel {
    @usableFromInline var highest: WindowMaxKernel
    @usableFromInline var lowest: WindowMaxKernel

    public init(length: Int) {
        highest = WindowMaxKernel(length: length, isMaximum: true)
        lowest = WindowMaxKernel(length: length, isMaximum: false)
    }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        let top = highest.step(high), bottom = lowest.step(low)
        let range = top - bottom
        let value = ((top - close) / range) * -100
        return range == 0 ? 0 : value
    }

    public mutating func reset() {
        highest.reset()
        lowest.reset()
    }
}

/// TA-Lib MIDPOINT: (highest + lowest) / 2 of the last `length` values. Warm-up: length − 1.
public struct MidpointKernel: UnaryKernel {
    @usableFromInline var highest: WindowMaxKernel
    @usableFromInline var lowest: WindowMaxKernel

    public init(length: Int) {
        highest = WindowMaxKernel(length: length, isMaximum: true)
        lowest = WindowMaxKernel(length: length, isMaximum: false)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double { (highest.step(x) + lowest.step(x)) / 2 }

    public mutating func reset() {
        highest.reset()
        lowest.reset()
    }
}

/// TA-Lib ULTOSC: with the previous close p, true low = min(low, p), buying pressure
/// BP = close − true low, range = max(high, p) − true low; A(n) = sum(BP, n) / sum(range, n)
/// (0 when the range sum is 0); 100 × ((4·A(fast) + 2·A(medium)) + A(slow)) / 7, shown once the
/// longest window is full. Warm-up: max(fast, medium, slow).
public struct UltimateOscillatorKernel: BarKernel {
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var buying: (SumKernel, SumKernel, SumKernel)
    @usableFromInline var ranges: (SumKernel, SumKernel, SumKernel)
    @usableFromInline var longest: SumKernel

    public init(fast: Int, medium: Int, slow: Int) {
        // Each sum made on its own: kernels share their windows when copied (KernelStorage).
        buying = (SumKernel(length: fast), SumKernel(length: medium), SumKernel(length: slow))
        ranges = (SumKernel(length: fast), SumKernel(length: medium), SumKernel(length: slow))
        longest = SumKernel(length: max(max(fast, medium), slow))
    }

    @inlinable @inline(__always)
    static func ratioOrZero(_ numerator: Double, _ denominator: Double) -> Double {
        denominator == 0 ? 0 : numerator / denominator
    }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        let previous = previousClose
        previousClose = close
        let trueLow = IRMath.min(low, previous)
        let pressure = close - trueLow
        let range = IRMath.max(high, previous) - trueLow
        let a1 = Self.ratioOrZero(buying.0.step(pressure), ranges.0.step(range))
        let a2 = Self.ratioOrZero(buying.1.step(pressure), ranges.1.step(range))
        let a3 = Self.ratioOrZero(buying.2.step(pressure), ranges.2.step(range))
        let weighted = (4 * a1 + 2 * a2) + a3
        let value = (100 * weighted) / 7
        return longest.step(range).isNaN ? .nan : value
    }

    public mutating func reset() {
        previousClose = .nan
        buying.0.reset(); buying.1.reset(); buying.2.reset()
        ranges.0.reset(); ranges.1.reset(); ranges.2.reset()
        longest.reset()
    }
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
public struct ChaikinOscillatorKernel: QuadKernel {
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
