import Foundation

/// The statistics of an equity curve (one value per bar, at the close): per-bar returns
/// r = e[i] / e[i−1] − 1 (bars whose previous equity is 0 are skipped), their mean, sample
/// standard deviation and downside deviation, historical VaR and CVaR, and the drawdown
/// profile. Formulas: docs/conventions.md#metrics.
struct ReturnStatistics {
    /// The curve, and whether some equity in it is 0 (then returns after it are skipped and the
    /// returns are stored; otherwise they are read off the curve, never stored).
    private let equity: [Double]
    private var storedReturns: [Double]?
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
        // One pass over the curve takes the drawdowns and the returns' sums together. A zero
        // equity found on the way means the returns after it are skipped: then the returns are
        // stored and summed again (a run that lost everything; rare).
        var drawdowns = Drawdowns()
        equity.withUnsafeBufferPointer { curve in
            accumulate(CurveReturns(curve), profileBlocks: profileBlocks, drawdowns: &drawdowns, curve: curve)
        }
        maxDrawdown = drawdowns.deepest
        barsUnderWater = drawdowns.underWater
        maxDrawdownBars = drawdowns.longest
        guard drawdowns.hasZero else { return }
        let stored = zip(equity, equity.dropFirst()).compactMap { previous, value in
            previous != 0 ? (value == previous ? 0 : value / previous - 1) : nil
        }
        storedReturns = stored
        profile = nil
        if profileBlocks > 0 {
            // The profile counts a return after a zero equity as 0.
            let returns = zip(equity, equity.dropFirst()).map { $0 != 0 && $1 != $0 ? $1 / $0 - 1 : 0 }
            var accumulator = ReturnProfileAccumulator(count: returns.count, blocks: profileBlocks)
            returns.withUnsafeBufferPointer { accumulator.add($0) }
            profile = accumulator.finish()
        }
        (mean, deviation, downsideDeviation) = (nil, nil, nil)
        stored.withUnsafeBufferPointer { accumulate(StoredReturns($0), profileBlocks: 0, drawdowns: &drawdowns, curve: nil) }
    }

    /// Mean, downside deviation, sample deviation and the negative returns kept for VaR in one
    /// pass, with the drawdowns of `curve` (the equity the returns are read off) when given.
    /// The pass computes the returns into a small buffer (a division each, the costly part) and
    /// sums them from there; the lanes carry over from buffer to buffer, so the sums are those
    /// of one pass over every return. The squared deviations are summed around each buffer's
    /// own mean, and the buffers combined exactly (`SpreadAccumulator`). Flat stretches
    /// (sub-blocks of returns that are all 0: no position, or an unchanged mark) are skipped:
    /// their zeros add nothing to the sums, join the spread as one group at the end, and are
    /// one O(1) step of the drawdowns.
    private mutating func accumulate<Returns: ReturnReader>(_ r: Returns, profileBlocks: Int, drawdowns: inout Drawdowns,
                                                            curve: UnsafeBufferPointer<Double>?) {
        let n = r.count
        var blocks = profileBlocks > 0 ? ReturnProfileAccumulator(count: n, blocks: profileBlocks) : nil
        defer { if blocks != nil { profile = blocks?.finish() } }
        if let curve { drawdowns.add(curve, upTo: min(1, curve.count)) }
        guard n > 0 else { return }
        let count = Double(n)
        var scratch = [Double](repeating: 0, count: Self.chunk)
        var sum = LaneSums(), downside = LaneSums(), spread = SpreadAccumulator()
        var kept = 0, flat = 0, skipped = 0
        scratch.withUnsafeMutableBufferPointer { chunk in
            negatives = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
                Self.forEachChunk(r, into: chunk, skipped: { size in
                    skipped += size
                    blocks?.addZeros(size)
                    if curve != nil { drawdowns.addRepeats(size) }
                }, piece: { start, values in
                    blocks?.add(values)
                    if let curve { drawdowns.add(curve, upTo: start + values.count + 1) }
                }) { values in
                    // Captured variables live in memory: each loop works on local copies, so
                    // its chains stay in registers.
                    var lanes = sum, downLanes = downside
                    lanes.add(values) { $0 }
                    downLanes.add(values) { min($0, 0) * min($0, 0) }
                    (sum, downside) = (lanes, downLanes)
                    spread.add(values)
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
        }
        spread.addZeros(skipped)
        mean = sum.total / count
        downsideDeviation = (downside.total / count).squareRoot()
        zeros = flat + skipped
        deviation = spread.sampleDeviation
    }

    /// Returns per buffer: a multiple of `subBlock`.
    static let chunk = 4096
    /// Returns per flatness test: a multiple of 4, so that every gathered sub-block starts at
    /// lane 0 and each return keeps the lane (position mod 4) it has in the whole sequence.
    static let subBlock = 32

    /// Calls `body` with the returns of the sub-blocks that are not flat, gathered into
    /// `scratch` a buffer at a time; `skipped` hears of each flat sub-block (its size) and
    /// `piece` of each gathered one (the position of its first return, and its returns), in
    /// order.
    @inline(__always)
    private static func forEachChunk<Returns: ReturnReader>(_ r: Returns, into scratch: UnsafeMutableBufferPointer<Double>,
                                                            skipped: (Int) -> Void = { _ in },
                                                            piece: (Int, UnsafeBufferPointer<Double>) -> Void = { _, _ in },
                                                            _ body: (UnsafeBufferPointer<Double>) -> Void) {
        var start = 0, gathered = 0
        while start < r.count {
            let size = min(subBlock, r.count - start)
            if r.isFlat(from: start, count: size) {
                skipped(size)
            } else {
                let target = UnsafeMutableBufferPointer(rebasing: scratch[gathered..<(gathered + size)])
                r.copy(from: start, count: size, into: target)
                piece(start, UnsafeBufferPointer(target))
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
