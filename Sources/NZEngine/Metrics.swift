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
        let wins = trades.filter { $0.pnl > 0 }
        let grossProfit = wins.reduce(0) { $0 + $1.pnl }
        let grossLoss = trades.filter { $0.pnl < 0 }.reduce(0) { $0 - $1.pnl }
        var drawdown = 0.0
        var sharpe: Double?
        equity.withUnsafeBufferPointer { curve in
            // Drawdown: the lowest value since each peak, divided once per peak.
            var peak = -Double.infinity
            var lowest = Double.infinity
            func close(_ peak: Double, _ lowest: Double) {
                if peak > 0, lowest < peak { drawdown = max(drawdown, (peak - lowest) / peak) }
            }
            // Per-bar returns: mean in this pass, deviations in the next (two exact passes,
            // no returns array).
            var count = 0.0
            var total = 0.0
            for index in curve.indices {
                let value = curve[index]
                if value > peak {
                    close(peak, lowest)
                    peak = value
                    lowest = value
                } else if value < lowest {
                    lowest = value
                }
                if index > 0, curve[index - 1] != 0 {
                    total += curve[index] / curve[index - 1] - 1
                    count += 1
                }
            }
            close(peak, lowest)
            guard count >= 2 else { return }
            let mean = total / count
            var squaredDeviations = 0.0
            for index in curve.indices.dropFirst() where curve[index - 1] != 0 {
                let deviation = (curve[index] / curve[index - 1] - 1) - mean
                squaredDeviations += deviation * deviation
            }
            let variance = squaredDeviations / (count - 1)
            if variance > 0 { sharpe = mean / variance.squareRoot() * periodsPerYear.squareRoot() }
        }
        return Metrics(finalEquity: final, totalReturn: final / cash - 1, maxDrawdown: drawdown, trades: trades.count,
                       winRate: trades.isEmpty ? nil : Double(wins.count) / Double(trades.count),
                       profitFactor: grossLoss > 0 ? grossProfit / grossLoss : nil, sharpe: sharpe)
    }
}
