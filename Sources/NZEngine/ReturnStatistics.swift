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
        var accumulator = CurveAccumulator(expectedCount: equity.count, profileBlocks: profileBlocks)
        equity.withUnsafeBufferPointer { accumulator.add($0) }
        self.init(equity: equity, accumulated: accumulator, profileBlocks: profileBlocks)
    }

    /// From the curve's pass already taken: `accumulated` was fed exactly `equity` (a pipelined
    /// run feeds it on another thread while trading).
    init(equity: [Double], accumulated: consuming CurveAccumulator, profileBlocks: Int) {
        self.equity = equity
        let (drawdowns, sums, profile) = accumulated.finish()
        maxDrawdown = drawdowns.deepest
        barsUnderWater = drawdowns.underWater
        maxDrawdownBars = drawdowns.longest
        (mean, deviation, downsideDeviation, negatives, zeros) = (sums.mean, sums.deviation, sums.downsideDeviation, sums.negatives, sums.zeros)
        self.profile = profile
        // A zero equity means the returns after it are skipped: then the returns are stored and
        // summed again (a run that lost everything; rare).
        guard drawdowns.hasZero else { return }
        let stored = zip(equity, equity.dropFirst()).compactMap { previous, value in
            previous != 0 ? (value == previous ? 0 : value / previous - 1) : nil
        }
        storedReturns = stored
        self.profile = nil
        if profileBlocks > 0 {
            // The profile counts a return after a zero equity as 0.
            let returns = zip(equity, equity.dropFirst()).map { $0 != 0 && $1 != $0 ? $1 / $0 - 1 : 0 }
            var accumulator = ReturnProfileAccumulator(count: returns.count, blocks: profileBlocks)
            returns.withUnsafeBufferPointer { accumulator.add($0) }
            self.profile = accumulator.finish()
        }
        let again = Self.sums(of: stored)
        (mean, deviation, downsideDeviation, negatives, zeros) = (again.mean, again.deviation, again.downsideDeviation, again.negatives, again.zeros)
    }

    /// The sums over stored returns, in the curve pass's sub-blocks and buffers.
    private static func sums(of returns: [Double]) -> ReturnSums.Result {
        var sums = ReturnSums(expectedCount: returns.count)
        let (subBlock, chunk) = (CurveAccumulator.subBlock, CurveAccumulator.chunk)
        let gathered = DoubleBuffer(capacity: chunk)
        returns.withUnsafeBufferPointer { values in
            let reader = StoredReturns(values)
            var (start, count) = (0, 0)
            while start < reader.count {
                let size = min(subBlock, reader.count - start)
                if reader.isFlat(from: start, count: size) {
                    sums.addFlat(size)
                } else {
                    reader.copy(from: start, count: size, into: UnsafeMutableBufferPointer(start: gathered.pointer + count, count: size))
                    count += size
                    if count + subBlock > chunk {
                        sums.add(gathered[0..<count])
                        count = 0
                    }
                }
                start += size
            }
            if count > 0 { sums.add(gathered[0..<count]) }
        }
        return sums.finish(count: returns.count)
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
