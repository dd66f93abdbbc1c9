import Foundation

/// The statistics of a run, each defined with its formula and annualization in
/// `docs/conventions.md#metrics` (the curve is the equity at each bar's close; P is the periods
/// per year). Optional values are nil (`null` in JSON) where undefined.
public struct Metrics: Hashable, Sendable {
    public let finalEquity: Double
    public let totalReturn: Double
    public let cagr: Double?
    public let volatility: Double?
    public let sharpe: Double?
    public let sortino: Double?
    public let calmar: Double?
    public let maxDrawdown: Double
    public let maxDrawdownBars: Int
    public let timeUnderWater: Double?
    public let trades: Int
    public let winRate: Double?
    public let profitFactor: Double?
    public let expectancy: Double?
    public let averageWin: Double?
    public let averageLoss: Double?
    public let payoffRatio: Double?
    public let exposure: Double?
    public let turnover: Double
    public let fees: Double
    public let var95: Double?
    public let cvar95: Double?
    public let var99: Double?
    public let cvar99: Double?
    public let kelly: Double?
    public let sqn: Double?
    /// Funding paid by closed trades and the open position (negative: received).
    public let funding: Double
    /// Trades closed by liquidation.
    public let liquidations: Int
    /// Trades whose exit bar touched both the stop and the target.
    public let ambiguousTrades: Int
    /// The P&L of the ambiguous trades as run (stop first: the worst case) and had every
    /// target come first (the best case).
    public let ambiguousPnLWorst: Double
    public let ambiguousPnLBest: Double

    /// The metrics of a finished run again (for benchmarks that time them apart).
    public static func compute(_ result: BacktestResult, cash: Double, periodsPerYear: Double) -> Metrics {
        compute(trades: result.trades, open: result.openPosition, equity: result.equity, cash: cash, periodsPerYear: periodsPerYear,
                barsInMarket: result.barsInMarket)
    }

    public static func compute(trades: [Trade], open: OpenPosition?, equity: [Double], cash: Double, periodsPerYear: Double,
                        barsInMarket: Int) -> Metrics {
        compute(trades: trades, open: open, equity: equity, curve: ReturnStatistics(equity: equity), cash: cash,
                periodsPerYear: periodsPerYear, barsInMarket: barsInMarket)
    }

    static func compute(trades: [Trade], open: OpenPosition?, equity: [Double], curve: ReturnStatistics, cash: Double,
                        periodsPerYear: Double, barsInMarket: Int) -> Metrics {
        let final = equity.last ?? cash
        let perTrade = TradeStatistics(trades)
        let wins = trades.filter { $0.pnl > 0 }
        let grossProfit = wins.reduce(0) { $0 + $1.pnl }
        let grossLoss = trades.filter { $0.pnl < 0 }.reduce(0) { $0 - $1.pnl }
        let bars = Double(equity.count)
        let growth = final / cash
        let cagr = equity.isEmpty || growth <= 0 ? nil : pow(growth, periodsPerYear / bars) - 1
        let root = periodsPerYear.squareRoot()
        let sharpe = curve.mean.flatMap { mean in curve.deviation.flatMap { $0 > 0 ? mean / $0 * root : nil } }
        let sortino = curve.mean.flatMap { mean in curve.downsideDeviation.flatMap { $0 > 0 ? mean / $0 * root : nil } }
        let traded = trades.reduce(0) { $0 + $1.quantity * ($1.entryPrice + $1.exitPrice) }
            + (open.map { $0.quantity * $0.entryPrice } ?? 0)
        let ambiguous = trades.filter(\.isAmbiguous)
        let risks = curve.valueAtRisk([0.95, 0.99])
        let risk95 = risks[0], risk99 = risks[1]
        return Metrics(
            finalEquity: final, totalReturn: growth - 1, cagr: cagr,
            volatility: curve.deviation.map { $0 * root }, sharpe: sharpe, sortino: sortino,
            calmar: cagr.flatMap { curve.maxDrawdown > 0 ? $0 / curve.maxDrawdown : nil },
            maxDrawdown: curve.maxDrawdown, maxDrawdownBars: curve.maxDrawdownBars,
            timeUnderWater: equity.isEmpty ? nil : Double(curve.barsUnderWater) / bars,
            trades: trades.count, winRate: trades.isEmpty ? nil : Double(wins.count) / Double(trades.count),
            profitFactor: grossLoss > 0 ? grossProfit / grossLoss : nil,
            expectancy: perTrade.expectancy, averageWin: perTrade.averageWin, averageLoss: perTrade.averageLoss,
            payoffRatio: perTrade.payoffRatio, exposure: equity.isEmpty ? nil : Double(barsInMarket) / bars,
            turnover: traded / cash, fees: trades.reduce(0) { $0 + $1.fees } + (open?.fees ?? 0),
            var95: risk95?.var, cvar95: risk95?.cvar, var99: risk99?.var, cvar99: risk99?.cvar,
            kelly: perTrade.kelly, sqn: perTrade.sqn,
            funding: trades.reduce(0) { $0 + $1.funding } + (open?.funding ?? 0),
            liquidations: trades.filter { $0.exitReason == "liquidation" }.count,
            ambiguousTrades: ambiguous.count, ambiguousPnLWorst: ambiguous.reduce(0) { $0 + $1.pnl },
            ambiguousPnLBest: ambiguous.reduce(0) { $0 + ($1.bestCasePnL ?? $1.pnl) })
    }
}
