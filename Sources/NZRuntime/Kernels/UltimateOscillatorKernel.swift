/// TA-Lib ULTOSC: with the previous close p, true low = min(low, p), buying pressure
/// BP = close − true low, range = max(high, p) − true low; A(n) = sum(BP, n) / sum(range, n)
/// (0 when the range sum is 0); ((4·A(fast) + 2·A(medium)) + A(slow)) × (100/7), shown once the
/// longest window is full. The three sums of each series share one window (`MultiWindowSum`).
/// Warm-up: max(fast, medium, slow).
public struct UltimateOscillatorKernel: BarBlockKernel {
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var buying: MultiWindowSum
    @usableFromInline var ranges: MultiWindowSum
    /// The batch loop's pressures and ranges of a block.
    @usableFromInline var scratch = KernelStorage(repeating: 0, count: 0)

    public init(fast: Int, medium: Int, slow: Int) {
        buying = MultiWindowSum(fast, medium, slow)
        ranges = MultiWindowSum(fast, medium, slow)
    }

    /// 100 / 7: a multiply instead of TA-Lib's divide by 7 (within an ulp or two of it).
    @inlinable static var scale: Double { 100.0 / 7.0 }

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
        let b = buying.step(pressure), r = ranges.step(range)
        let value = Self.oscillator(b, r)
        return ranges.isFull ? value : .nan
    }

    /// The oscillator from the three sums of each series.
    @inlinable @inline(__always)
    static func oscillator(_ b: (Double, Double, Double), _ r: (Double, Double, Double)) -> Double {
        // The first two quotients in one vector division (each lane is the scalar quotient).
        let quotients = SIMD2(b.0, b.1) / SIMD2(r.0, r.1)
        let a1 = r.0 == 0 ? 0 : quotients.x
        let a2 = r.1 == 0 ? 0 : quotients.y
        let a3 = ratioOrZero(b.2, r.2)
        let weighted = (4 * a1 + 2 * a2) + a3
        return weighted * scale
    }

    /// The batch driver's loop: the block's buying pressures and ranges first (each bar's
    /// previous close is the block's previous bar), then `step` while a leaving value is still in
    /// the windows (the block's first `capacity` bars) or they are not full, then the six sums
    /// bar by bar with leaving values read from the block's own pressures and ranges, until one
    /// is na (then `step` takes over for the rest of the block). The windows are brought to
    /// where stepping would have left them.
    @inlinable
    public mutating func run(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                             into output: UnsafeMutableBufferPointer<Double>) {
        let count = min(high.count, low.count, close.count, output.count)
        guard count > 0 else { return }
        if scratch.count < 2 * count { scratch = KernelStorage(repeating: 0, count: 2 * count) }
        let pressures = scratch.base, ranges = scratch.base + count
        var previous = previousClose
        for index in 0..<count {
            let trueLow = IRMath.min(low[index], previous)
            pressures[index] = close[index] - trueLow
            ranges[index] = IRMath.max(high[index], previous) - trueLow
            previous = close[index]
        }
        var index = 0
        let capacity = buying.capacity
        while index < count, index < capacity || !(buying.isFull && self.ranges.isFull) {
            output[index] = step(high: high[index], low: low[index], close: close[index])
            index += 1
        }
        let start = index
        var b = buying.totals, r = self.ranges.totals
        let (n0, n1, n2) = buying.lengths
        while index < count {
            let p = pressures[index], q = ranges[index]
            if (p + q).isNaN { break }
            b.0 += p - pressures[index - n0]
            b.1 += p - pressures[index - n1]
            b.2 += p - pressures[index - n2]
            r.0 += q - ranges[index - n0]
            r.1 += q - ranges[index - n1]
            r.2 += q - ranges[index - n2]
            output[index] = Self.oscillator(b, r)
            index += 1
        }
        if index > start {
            buying.totals = b
            self.ranges.totals = r
            buying.advance(over: UnsafeBufferPointer(start: pressures, count: count), from: start, to: index)
            self.ranges.advance(over: UnsafeBufferPointer(start: ranges, count: count), from: start, to: index)
            previousClose = close[index - 1]
        }
        while index < count {
            output[index] = step(high: high[index], low: low[index], close: close[index])
            index += 1
        }
    }

    public mutating func reset() {
        previousClose = .nan
        buying.reset()
        ranges.reset()
    }
}

/// Three rolling sums of one series over different lengths, sharing one window of the longest
/// length. Each sum is updated one bar at a time (the first values added, then new − leaving);
/// an na input resets all three.
public struct MultiWindowSum {
    @usableFromInline let lengths: (Int, Int, Int)
    @usableFromInline let capacity: Int
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var count = 0
    @usableFromInline var totals = (0.0, 0.0, 0.0)

    public init(_ first: Int, _ second: Int, _ third: Int) {
        lengths = (Swift.max(1, first), Swift.max(1, second), Swift.max(1, third))
        capacity = Swift.max(Swift.max(lengths.0, lengths.1), lengths.2)
        window = KernelStorage(repeating: 0, count: capacity)
    }

    /// Whether every window holds a full set of values.
    @inlinable public var isFull: Bool { count >= capacity }

    @inlinable @inline(__always)
    func leaving(_ length: Int) -> Double {
        let index = position - length
        return window[index < 0 ? index + capacity : index]
    }

    /// What the sum over `length` moves by when `x` arrives.
    @inlinable @inline(__always)
    func change(_ x: Double, _ length: Int) -> Double {
        count < length ? x : x - leaving(length)
    }

    /// The three sums after adding `x`, each na until its window is full.
    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> (Double, Double, Double) {
        guard !x.isNaN else { reset(); return (.nan, .nan, .nan) }
        let changes = (change(x, lengths.0), change(x, lengths.1), change(x, lengths.2))
        totals.0 += changes.0
        totals.1 += changes.1
        totals.2 += changes.2
        window[position] = x
        position = position + 1 == capacity ? 0 : position + 1
        count += 1
        return (count >= lengths.0 ? totals.0 : .nan, count >= lengths.1 ? totals.1 : .nan,
                count >= lengths.2 ? totals.2 : .nan)
    }

    /// Brings the window to where stepping `values[start..<end]` would leave it (the caller
    /// has kept the totals).
    @inlinable
    public mutating func advance(over values: UnsafeBufferPointer<Double>, from start: Int, to end: Int) {
        position = window.catchUp(position: position, capacity: capacity, with: values, from: start, to: end)
        count += end - start
    }

    public mutating func reset() {
        position = 0
        count = 0
        totals = (0, 0, 0)
    }
}
