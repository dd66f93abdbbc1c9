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
        for (index, value) in equity.enumerated() {
            if value >= peak {
                peak = value
                peakBar = index
            } else {
                barsUnderWater += 1
                if peak > 0 { maxDrawdown = max(maxDrawdown, (peak - value) / peak) }
                maxDrawdownBars = max(maxDrawdownBars, index - peakBar)
            }
            if index > 0, equity[index - 1] != 0 { returns.append(value / equity[index - 1] - 1) }
        }
        guard !returns.isEmpty else { return }
        let count = Double(returns.count)
        let average = returns.reduce(0, +) / count
        mean = average
        let downside = returns.reduce(0) { $0 + min($1, 0) * min($1, 0) }
        downsideDeviation = (downside / count).squareRoot()
        guard returns.count >= 2 else { return }
        let squares = returns.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        deviation = (squares / (count - 1)).squareRoot()
    }

    /// Historical value at risk and conditional value at risk at `level` (0.95, 0.99): with q
    /// the (1 − level) quantile of the returns (linear interpolation between order statistics,
    /// numpy's default), VaR = −q and CVaR = −mean(r ≤ q); both positive for losses.
    func valueAtRisk(_ level: Double) -> (var: Double, cvar: Double)? {
        guard !returns.isEmpty else { return nil }
        let sorted = returns.sorted()
        let position = Double(sorted.count - 1) * (1 - level)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let quantile = sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
        let tail = sorted.prefix { $0 <= quantile }
        let tailMean = tail.isEmpty ? quantile : tail.reduce(0, +) / Double(tail.count)
        return (-quantile, -tailMean)
    }
}
