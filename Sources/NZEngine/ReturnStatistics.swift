import Foundation

/// The statistics of an equity curve (one value per bar, at the close): per-bar returns
/// r = e[i] / e[i−1] − 1 (bars whose previous equity is 0 are skipped), their mean, sample
/// standard deviation and downside deviation, historical VaR and CVaR, and the drawdown
/// profile. Formulas: docs/conventions.md#metrics.
struct ReturnStatistics {
    /// The curve, and whether some equity in it is 0 (then returns after it are skipped and the
    /// returns are stored; otherwise they are read off the curve, never stored).
    private let equity: [Double]
    private let storedReturns: [Double]?
    var mean: Double?
    /// Sample standard deviation (n − 1).
    var deviation: Double?
    /// √(Σ min(r, 0)² / n): the deviation of returns below 0.
    var downsideDeviation: Double?
    var maxDrawdown = 0.0
    /// The longest run of bars from a peak until equity is back at it (or the data ends).
    var maxDrawdownBars = 0
    /// Bars with equity below its running peak.
    var barsUnderWater = 0
    /// The per-block sums of the returns, when asked for.
    var profile: ReturnProfile?

    /// The negative returns in time order (what VaR selects among), gathered with the variance.
    var negatives: [Double] = []
    /// How many returns are exactly 0 (flat bars): they come right after the negative ones in
    /// order, so VaR rarely needs any other return.
    var zeros = 0

    /// `profileBlocks` above 0 also sums the returns per block (`ReturnProfile`).
    init(equity: [Double], profileBlocks: Int = 0) {
        self.equity = equity
        let drawdowns = equity.withUnsafeBufferPointer { Drawdowns($0) }
        maxDrawdown = drawdowns.deepest
        barsUnderWater = drawdowns.underWater
        maxDrawdownBars = drawdowns.longest
        let hasZero = drawdowns.hasZero
        storedReturns = hasZero ? zip(equity, equity.dropFirst()).compactMap { previous, value in
            previous != 0 ? (value == previous ? 0 : value / previous - 1) : nil
        } : nil
        if let stored = storedReturns {
            if profileBlocks > 0 {
                // The profile counts a return after a zero equity as 0.
                let returns = zip(equity, equity.dropFirst()).map { $0 != 0 && $1 != $0 ? $1 / $0 - 1 : 0 }
                var accumulator = ReturnProfileAccumulator(count: returns.count, blocks: profileBlocks)
                returns.withUnsafeBufferPointer { accumulator.add($0) }
                profile = accumulator.finish()
            }
            stored.withUnsafeBufferPointer { accumulate(StoredReturns($0), profileBlocks: 0) }
        } else {
            // The profile is summed in the metrics' first pass.
            equity.withUnsafeBufferPointer { accumulate(CurveReturns($0), profileBlocks: profileBlocks) }
        }
    }

    /// Mean, downside deviation and the negative returns kept for VaR in one pass, then the
    /// squared deviations in another. Each pass computes the returns into a small buffer (a
    /// division each, the costly part) and sums them from there; the lanes carry over from
    /// buffer to buffer, so the sums are those of one pass over every return. Flat stretches
    /// (sub-blocks of returns that are all 0: no position, or an unchanged mark) are skipped:
    /// their zeros add nothing to the sums, and to the squared deviations they add mean² each,
    /// counted once at the end.
    private mutating func accumulate<Returns: ReturnReader>(_ r: Returns, profileBlocks: Int) {
        let n = r.count
        var blocks = profileBlocks > 0 ? ReturnProfileAccumulator(count: n, blocks: profileBlocks) : nil
        defer { if blocks != nil { profile = blocks?.finish() } }
        guard n > 0 else { return }
        let count = Double(n)
        var scratch = [Double](repeating: 0, count: Self.chunk)
        var sum = LaneSums(), downside = LaneSums(), squares = LaneSums()
        var kept = 0, flat = 0, skipped = 0
        scratch.withUnsafeMutableBufferPointer { chunk in
            negatives = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
                Self.forEachChunk(r, into: chunk, skipped: { size in
                    skipped += size
                    blocks?.addZeros(size)
                }, piece: { blocks?.add($0) }) { values in
                    // Captured variables live in memory: each loop works on local copies, so
                    // its chains stay in registers.
                    var lanes = sum, downLanes = downside
                    lanes.add(values) { $0 }
                    downLanes.add(values) { min($0, 0) * min($0, 0) }
                    (sum, downside) = (lanes, downLanes)
                    // Branch-free compaction: the sign of a return is as good as random.
                    var negative = kept, zero = flat
                    for value in values {
                        buffer[negative] = value
                        // A Bool's byte as the increment: `? 1 : 0` became branches here.
                        negative &+= Int(unsafeBitCast(value < 0, to: UInt8.self))
                        zero &+= Int(unsafeBitCast(value == 0, to: UInt8.self))
                    }
                    (kept, flat) = (negative, zero)
                }
                initialized = kept
            }
            let average = sum.total / count
            Self.forEachChunk(r, into: chunk) { values in
                var lanes = squares
                lanes.add(values) { ($0 - average) * ($0 - average) }
                squares = lanes
            }
        }
        let average = sum.total / count
        mean = average
        downsideDeviation = (downside.total / count).squareRoot()
        zeros = flat + skipped
        if n >= 2 { deviation = ((squares.total + Double(skipped) * (average * average)) / (count - 1)).squareRoot() }
    }

    /// Returns per buffer: a multiple of `subBlock`.
    static let chunk = 4096
    /// Returns per flatness test: a multiple of 4, so that every gathered sub-block starts at
    /// lane 0 and each return keeps the lane (position mod 4) it has in the whole sequence.
    static let subBlock = 32

    /// Calls `body` with the returns of the sub-blocks that are not flat, gathered into
    /// `scratch` a buffer at a time; `skipped` hears of each flat sub-block (its size) and
    /// `piece` of each gathered one, in order.
    @inline(__always)
    private static func forEachChunk<Returns: ReturnReader>(_ r: Returns, into scratch: UnsafeMutableBufferPointer<Double>,
                                                            skipped: (Int) -> Void = { _ in },
                                                            piece: (UnsafeBufferPointer<Double>) -> Void = { _ in },
                                                            _ body: (UnsafeBufferPointer<Double>) -> Void) {
        var start = 0, gathered = 0
        while start < r.count {
            let size = min(subBlock, r.count - start)
            if r.isFlat(from: start, count: size) {
                skipped(size)
            } else {
                let target = UnsafeMutableBufferPointer(rebasing: scratch[gathered..<(gathered + size)])
                r.copy(from: start, count: size, into: target)
                piece(UnsafeBufferPointer(target))
                gathered += size
                if gathered + subBlock > scratch.count {
                    body(UnsafeBufferPointer(rebasing: scratch[0..<gathered]))
                    gathered = 0
                }
            }
            start += size
        }
        if gathered > 0 { body(UnsafeBufferPointer(rebasing: scratch[0..<gathered])) }
    }

    /// Every return, in order (stored only when VaR needs more than the negative ones).
    var returns: [Double] {
        if let storedReturns { return storedReturns }
        return equity.withUnsafeBufferPointer { e in
            let r = CurveReturns(e)
            return (0..<r.count).map { r[$0] }
        }
    }

    /// Historical value at risk and conditional value at risk at each level (0.95, 0.99): with
    /// q the (1 − level) quantile of the returns (linear interpolation between order
    /// statistics, numpy's default), VaR = −q and CVaR = −mean(r ≤ q), the tail summed in time
    /// order; both positive for losses. NaN returns are left out.
    /// - Complexity: O(n) per level (selection, not a sort).
    func valueAtRisk(_ levels: [Double]) -> [(var: Double, cvar: Double)?] {
        // A NaN return makes the mean NaN: only then is there anything to filter.
        let finite = mean?.isNaN == true ? returns.filter { !$0.isNaN } : nil
        let isNaNFree = finite == nil
        let total = finite?.count ?? storedReturns?.count ?? max(0, equity.count - 1)
        guard total > 0 else { return levels.map { _ in nil } }
        // The quantiles sit in the lower tail: when every order statistic they need is among the
        // negative returns, only those take part in the selections (often a quarter of all,
        // the rest being flat bars and gains), which makes them several times cheaper.
        let needed = levels.map { Int((Double(total - 1) * (1 - $0)).rounded(.down)) + 1 }.max() ?? 0
        // Every order statistic needed, and so every tail value, is in `pool` (NaN is never
        // negative, so `negatives` holds no NaN). When some are flat bars' zeros, the pool is the
        // negative returns and just enough zeros; the other zeros are only counted in the tails
        // (a quantile of 0 takes them all in). Otherwise it is every return.
        let pool: [Double]
        var unpooledZeros = 0
        if negatives.count > needed {
            pool = negatives
        } else if isNaNFree, negatives.count + zeros > needed {
            let padding = needed + 1 - negatives.count
            pool = negatives + repeatElement(0.0, count: padding)
            unpooledZeros = zeros - padding
        } else {
            pool = finite ?? returns
        }
        var candidates = pool
        // Largest level first: the smaller quantiles then lie in the prefix it leaves below the
        // selected position, so each later selection works on that prefix only.
        var quantiles = [Double](repeating: .nan, count: levels.count)
        var limit = candidates.count
        for index in levels.indices.sorted(by: { levels[$0] < levels[$1] }) {
            let position = Double(total - 1) * (1 - levels[index])
            let lower = min(Int(position.rounded(.down)), limit - 1)
            let low = OrderStatistic.select(&candidates, lower, below: limit)
            // The next order statistic is the smallest value after `lower` (below `limit`, or
            // beyond it when `lower` is its last position: those are at least `low`).
            var high = low
            if lower + 1 < candidates.count {
                high = .infinity
                for value in candidates[(lower + 1)..<(lower + 1 < limit ? limit : candidates.count)] where value < high { high = value }
            }
            quantiles[index] = low + (position - Double(lower)) * (high - low)
            limit = lower + 1
        }
        // Each tail, summed in time order (the pool holds all of it, in time order).
        return quantiles.map { quantile in
            var sum = 0.0, count = 0
            pool.withUnsafeBufferPointer { buffer in
                for value in buffer {
                    let inTail = value <= quantile
                    sum += inTail ? value : 0
                    count += inTail ? 1 : 0
                }
            }
            count += quantile >= 0 ? unpooledZeros : 0
            return (-quantile, -(sum / Double(max(count, 1))))
        }
    }
}

/// The k-th smallest value of an array (0-based), by Floyd and Rivest's SELECT ("Algorithm
/// 489", CACM 18(3), 1975): a recursive selection on a sample brackets the k-th value closely,
/// so the partitions that follow touch little more than n elements in all. The array is
/// reordered so that every value before k is at most the result and every value after it at
/// least it. Values must not be NaN.
enum OrderStatistic {
    /// - Complexity: O(n) expected, n + min(k, n − k) + o(n) comparisons.
    /// Only `values[..<below]` takes part (default: all of them).
    static func select(_ values: inout [Double], _ k: Int, below: Int? = nil) -> Double {
        let end = below ?? values.count
        return values.withUnsafeMutableBufferPointer { buffer in
            select(buffer, left: 0, right: end - 1, k)
            return buffer[k]
        }
    }

    private static func select(_ a: UnsafeMutableBufferPointer<Double>, left: Int, right: Int, _ k: Int) {
        var left = left, right = right
        while right > left {
            if right - left > 600 {
                // Select within a sample of the range first: its bounds bracket the k-th value.
                let n = Double(right - left + 1), i = Double(k - left + 1)
                let z = Foundation.log(n), s = 0.5 * Foundation.exp(2 * z / 3)
                let spread = 0.5 * (z * s * (n - s) / n).squareRoot() * (i < n / 2 ? -1 : 1)
                select(a, left: max(left, Int(Double(k) - i * s / n + spread)), right: min(right, Int(Double(k) + (n - i) * s / n + spread)), k)
            }
            let pivot = a[k]
            var i = left, j = right
            a.swapAt(left, k)
            if a[right] > pivot { a.swapAt(right, left) }
            while i < j {
                a.swapAt(i, j)
                i += 1
                j -= 1
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
            }
            if a[left] == pivot {
                a.swapAt(left, j)
            } else {
                j += 1
                a.swapAt(j, right)
            }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }
}

/// The per-bar returns of a run, read by position: off the curve (r = e[k + 1] / e[k] − 1, 0
/// when flat, computed where read) or from a stored array.
protocol ReturnReader {
    var count: Int { get }
    subscript(_ index: Int) -> Double { get }
    /// Writes returns `start..<start + count` to the start of `out`.
    func copy(from start: Int, count: Int, into out: UnsafeMutableBufferPointer<Double>)
    /// Whether returns `start..<start + count` are all exactly 0.
    func isFlat(from start: Int, count: Int) -> Bool
}

struct CurveReturns: ReturnReader {
    let equity: UnsafeBufferPointer<Double>
    init(_ equity: UnsafeBufferPointer<Double>) { self.equity = equity }
    var count: Int { max(0, equity.count - 1) }
    @inline(__always)
    subscript(_ index: Int) -> Double {
        let previous = equity[index], value = equity[index + 1]
        return value == previous ? 0 : value / previous - 1
    }

    /// The return is 0 exactly where the equity is unchanged (the test stops at the first
    /// change, at once on most bars with a position).
    @inline(__always)
    func isFlat(from start: Int, count: Int) -> Bool {
        var index = start
        let end = start + count
        // Four at a time (no early exit within the four: a bar with a position fails the first).
        while index + 4 <= end {
            let previous = SIMD4(equity[index], equity[index + 1], equity[index + 2], equity[index + 3])
            let value = SIMD4(equity[index + 1], equity[index + 2], equity[index + 3], equity[index + 4])
            guard all(value .== previous) else { return false }
            index += 4
        }
        while index < end, equity[index + 1] == equity[index] { index += 1 }
        return index == end
    }

    /// Four returns per step, in vector registers: the divisions, the costly part, go two or
    /// four at a time (each the same IEEE division as `self[k]`, so the values are identical).
    @inline(__always)
    func copy(from start: Int, count: Int, into out: UnsafeMutableBufferPointer<Double>) {
        var offset = 0
        while offset + 4 <= count {
            let at = start + offset
            let previous = SIMD4(equity[at], equity[at + 1], equity[at + 2], equity[at + 3])
            let value = SIMD4(equity[at + 1], equity[at + 2], equity[at + 3], equity[at + 4])
            let r = (value / previous - 1).replacing(with: 0, where: value .== previous)
            out[offset] = r[0]
            out[offset + 1] = r[1]
            out[offset + 2] = r[2]
            out[offset + 3] = r[3]
            offset += 4
        }
        while offset < count {
            out[offset] = self[start + offset]
            offset += 1
        }
    }
}

struct StoredReturns: ReturnReader {
    let values: UnsafeBufferPointer<Double>
    init(_ values: UnsafeBufferPointer<Double>) { self.values = values }
    var count: Int { values.count }
    @inline(__always)
    subscript(_ index: Int) -> Double { values[index] }

    func isFlat(from start: Int, count: Int) -> Bool {
        var index = start
        while index < start + count, values[index] == 0 { index += 1 }
        return index == start + count
    }

    func copy(from start: Int, count: Int, into out: UnsafeMutableBufferPointer<Double>) {
        for offset in 0..<count { out[offset] = values[start + offset] }
    }
}

/// The drawdown figures of a curve. The drawdown from a peak is largest at the lowest equity
/// before the next peak, so (peak − lowest) / peak is divided out once per peak.
struct Drawdowns {
    var deepest = 0.0
    var underWater = 0
    var longest = 0
    var hasZero = false

    init(_ e: UnsafeBufferPointer<Double>) {
        var peak = -Double.infinity, lowest = Double.infinity
        var peakBar = 0
        for index in e.indices {
            let value = e[index]
            if value >= peak {
                if peak > 0, lowest < peak { deepest = max(deepest, (peak - lowest) / peak) }
                peak = value
                peakBar = index
                lowest = .infinity
            } else {
                underWater &+= 1
                lowest = min(lowest, value)
                longest = max(longest, index &- peakBar)
            }
            hasZero = hasZero || value == 0
        }
        if peak > 0, lowest < peak { deepest = max(deepest, (peak - lowest) / peak) }
    }
}

/// Σ f(r) accumulated in four interleaved partial sums (return i into sum i mod 4), added as
/// (s0 + s1) + (s2 + s3): four independent chains of additions instead of one, and a fixed
/// order, so the result is the same on every run (docs/conventions.md#metrics). Values can be
/// added in several calls; every call but the last must add a multiple of 4.
struct LaneSums {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0

    @inline(__always)
    mutating func add(_ values: UnsafeBufferPointer<Double>, _ f: (Double) -> Double) {
        var index = 0
        let count = values.count
        while index + 4 <= count {
            s0 += f(values[index])
            s1 += f(values[index + 1])
            s2 += f(values[index + 2])
            s3 += f(values[index + 3])
            index += 4
        }
        if index < count { s0 += f(values[index]) }
        if index + 1 < count { s1 += f(values[index + 1]) }
        if index + 2 < count { s2 += f(values[index + 2]) }
    }

    var total: Double { (s0 + s1) + (s2 + s3) }
}
