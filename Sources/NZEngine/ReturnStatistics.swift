/// The statistics of an equity curve (one value per bar, at the close): per-bar returns
/// r = e[i] / e[i−1] − 1 (bars whose previous equity is 0 are skipped), their mean, sample
/// standard deviation and downside deviation, historical VaR and CVaR, and the drawdown
/// profile. Formulas: docs/conventions.md#metrics.
struct ReturnStatistics {
    var returns: [Double] = []
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

    init(equity: [Double]) {
        var peak = -Double.infinity
        var peakBar = 0
        returns.reserveCapacity(equity.count)
        var total = 0.0, downside = 0.0
        for (index, value) in equity.enumerated() {
            if value >= peak {
                peak = value
                peakBar = index
            } else {
                barsUnderWater += 1
                if peak > 0 { maxDrawdown = max(maxDrawdown, (peak - value) / peak) }
                maxDrawdownBars = max(maxDrawdownBars, index - peakBar)
            }
            if index > 0, equity[index - 1] != 0 {
                let change = value / equity[index - 1] - 1
                returns.append(change)
                total += change
                downside += min(change, 0) * min(change, 0)
            }
        }
        guard !returns.isEmpty else { return }
        let count = Double(returns.count)
        let average = total / count
        mean = average
        downsideDeviation = (downside / count).squareRoot()
        guard returns.count >= 2 else { return }
        let squares = returns.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        deviation = (squares / (count - 1)).squareRoot()
    }

    /// Historical value at risk and conditional value at risk at each level (0.95, 0.99): with
    /// q the (1 − level) quantile of the returns (linear interpolation between order
    /// statistics, numpy's default), VaR = −q and CVaR = −mean(r ≤ q); both positive for losses.
    /// - Complexity: O(n) per level (selection, not a sort). Reorders `returns` in place.
    mutating func valueAtRisk(_ levels: [Double]) -> [(var: Double, cvar: Double)?] {
        if returns.contains(where: \.isNaN) { returns.removeAll(where: \.isNaN) }  // NaN returns are left out
        let total = returns.count
        guard total > 0 else { return levels.map { _ in nil } }
        // The quantiles sit in the lower tail: when every order statistic they need is among the
        // negative returns, only those take part (often a quarter of all, the rest being flat
        // bars and gains), which makes the selections several times cheaper.
        let needed = levels.map { Int((Double(total - 1) * (1 - $0)).rounded(.down)) + 1 }.max() ?? 0
        var negatives = returns.filter { $0 < 0 }
        if negatives.count > needed { return Self.valueAtRisk(levels, smallest: &negatives, of: total) }
        return Self.valueAtRisk(levels, smallest: &returns, of: total)
    }

    /// VaR and CVaR from `values`, the smallest `values.count` of `total` returns (all of them,
    /// or a prefix of the order statistics that holds every one the levels need).
    private static func valueAtRisk(_ levels: [Double], smallest returns: inout [Double], of total: Int) -> [(var: Double, cvar: Double)?] {
        // Largest position first: the smaller quantiles then lie in the prefix it leaves
        // below the selected position, so each later selection works on that prefix only.
        var results = [(var: Double, cvar: Double)?](repeating: nil, count: levels.count)
        let order = levels.indices.sorted { levels[$0] < levels[$1] }
        var limit = returns.count
        var previousLow = Double.nan
        for index in order {
            let position = Double(total - 1) * (1 - levels[index])
            let lower = min(Int(position.rounded(.down)), limit - 1)
            let low = OrderStatistic.select(&returns, lower, below: limit)
            // Now returns[...lower] ≤ low ≤ returns[(lower + 1)...]. The next order statistic
            // is the smallest value after `lower`, counted with its ties: values beyond
            // `limit` are at least the previous level's `low`, so they matter only as ties.
            var high = low, ties = 0
            if lower + 1 < returns.count {
                let end = lower + 1 < limit ? limit : returns.count
                high = .infinity
                for value in returns[(lower + 1)..<end] {
                    if value < high { high = value; ties = 1 } else if value == high { ties += 1 }
                }
                if end < returns.count, high == previousLow {
                    for value in returns[end...] where value == high { ties += 1 }
                }
            }
            let quantile = low + (position - Double(lower)) * (high - low)
            // The tail r ≤ q: every value up to `lower`, and the ties of `high` when q reaches it.
            var sum = 0.0
            for value in returns[...lower] { sum += value }
            var count = lower + 1
            if ties > 0, quantile >= high {
                sum += high * Double(ties)
                count += ties
            }
            results[index] = (-quantile, -(sum / Double(count)))
            limit = lower + 1
            previousLow = low
        }
        return results
    }
}

/// The k-th smallest value of an array (0-based), by quickselect: the array is reordered so
/// that every value before k is at most the result and every value after it at least it.
enum OrderStatistic {
    /// - Complexity: O(n) expected (median-of-three pivots); falls back to sorting the
    ///   remaining range after 64 partition rounds, so never worse than O(n log n).
    /// Only `values[..<below]` takes part (default: all of them).
    static func select(_ values: inout [Double], _ k: Int, below: Int? = nil) -> Double {
        var low = 0, high = (below ?? values.count) - 1, rounds = 0
        while low < high {
            rounds += 1
            if rounds > 64 {
                values[low...high].sort()
                return values[k]
            }
            let middle = low + (high - low) / 2
            // Median of three as the pivot.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
