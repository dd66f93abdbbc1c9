/// The headline statistics of a run. Definitions (also in `docs/conventions.md`):
/// - `totalReturn` = final equity / initial cash − 1 (a fraction).
/// - `maxDrawdown` = the largest fall from a running peak of the close-to-close equity curve,
///   as a fraction of that peak.
/// - `winRate` = closed trades with pnl > 0 / closed trades (nil without trades).
/// - `profitFactor` = gross profit / gross loss of closed trades (nil without losses).
/// - `sharpe` = mean / standard deviation (n − 1) of per-bar equity returns × √(bars per
///   year), risk-free rate 0 (nil when the deviation is 0).
public struct Metrics: Hashable, Sendable {
    public let finalEquity: Double
    public let totalReturn: Double
    public let maxDrawdown: Double
    public let trades: Int
    public let winRate: Double?
    public let profitFactor: Double?
    public let sharpe: Double?

    static func compute(trades: [Trade], equity: [Double], cash: Double, periodsPerYear: Double) -> Metrics {
        let final = equity.last ?? cash
        var peak = -Double.infinity
        var drawdown = 0.0
        for value in equity {
            peak = max(peak, value)
            if peak > 0 { drawdown = max(drawdown, (peak - value) / peak) }
        }
        let wins = trades.filter { $0.pnl > 0 }
        let grossProfit = wins.reduce(0) { $0 + $1.pnl }
        let grossLoss = trades.filter { $0.pnl < 0 }.reduce(0) { $0 - $1.pnl }
        var returns: [Double] = []
        returns.reserveCapacity(equity.count)
        for index in equity.indices.dropFirst() where equity[index - 1] != 0 {
            returns.append(equity[index] / equity[index - 1] - 1)
        }
        var sharpe: Double?
        if returns.count >= 2 {
            let mean = returns.reduce(0, +) / Double(returns.count)
            let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
            if variance > 0 { sharpe = mean / variance.squareRoot() * periodsPerYear.squareRoot() }
        }
        return Metrics(finalEquity: final, totalReturn: final / cash - 1, maxDrawdown: drawdown, trades: trades.count,
                       winRate: trades.isEmpty ? nil : Double(wins.count) / Double(trades.count),
                       profitFactor: grossLoss > 0 ? grossProfit / grossLoss : nil, sharpe: sharpe)
    }
}
