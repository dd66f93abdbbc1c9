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
        let totals = TradeTotals(trades)
        let bars = Double(equity.count)
        let growth = final / cash
        let cagr = equity.isEmpty || growth <= 0 ? nil : pow(growth, periodsPerYear / bars) - 1
        let root = periodsPerYear.squareRoot()
        let sharpe = curve.mean.flatMap { mean in curve.deviation.flatMap { $0 > 0 ? mean / $0 * root : nil } }
        let sortino = curve.mean.flatMap { mean in curve.downsideDeviation.flatMap { $0 > 0 ? mean / $0 * root : nil } }
        let traded = totals.traded + (open.map { $0.quantity * $0.entryPrice } ?? 0)
        let risks = curve.valueAtRisk([0.95, 0.99])
        let risk95 = risks[0], risk99 = risks[1]
        return Metrics(
            finalEquity: final, totalReturn: growth - 1, cagr: cagr,
            volatility: curve.deviation.map { $0 * root }, sharpe: sharpe, sortino: sortino,
            calmar: cagr.flatMap { curve.maxDrawdown > 0 ? $0 / curve.maxDrawdown : nil },
            maxDrawdown: curve.maxDrawdown, maxDrawdownBars: curve.maxDrawdownBars,
            timeUnderWater: equity.isEmpty ? nil : Double(curve.barsUnderWater) / bars,
            trades: trades.count, winRate: trades.isEmpty ? nil : Double(totals.wins) / Double(trades.count),
            profitFactor: totals.grossLoss > 0 ? totals.grossProfit / totals.grossLoss : nil,
            expectancy: perTrade.expectancy, averageWin: perTrade.averageWin, averageLoss: perTrade.averageLoss,
            payoffRatio: perTrade.payoffRatio, exposure: equity.isEmpty ? nil : Double(barsInMarket) / bars,
            turnover: traded / cash, fees: totals.fees + (open?.fees ?? 0),
            var95: risk95?.var, cvar95: risk95?.cvar, var99: risk99?.var, cvar99: risk99?.cvar,
            kelly: perTrade.kelly, sqn: perTrade.sqn,
            funding: totals.funding + (open?.funding ?? 0), liquidations: totals.liquidations,
            ambiguousTrades: totals.ambiguous, ambiguousPnLWorst: totals.ambiguousWorst, ambiguousPnLBest: totals.ambiguousBest)
    }
}

/// The sums over the closed trades that the metrics need, in one pass in trade order (each sum
/// the same as a reduce over the trades it covers). Fields are read in place: copying whole
/// trades (with their exit reason strings) cost more than the sums.
struct TradeTotals {
    var wins = 0
    var grossProfit = 0.0
    /// Σ −pnl over the losing trades (positive).
    var grossLoss = 0.0
    /// Σ quantity × (entry + exit price).
    var traded = 0.0
    var fees = 0.0
    var funding = 0.0
    var liquidations = 0
    var ambiguous = 0
    var ambiguousWorst = 0.0
    var ambiguousBest = 0.0

    init(_ trades: [Trade]) {
        for index in trades.indices {
            let pnl = trades[index].pnl
            if pnl > 0 {
                wins += 1
                grossProfit += pnl
            } else if pnl < 0 {
                grossLoss -= pnl
            }
            traded += trades[index].quantity * (trades[index].entryPrice + trades[index].exitPrice)
            fees += trades[index].fees
            funding += trades[index].funding
            if let best = trades[index].bestCasePnL {
                ambiguous += 1
                ambiguousWorst += pnl
                ambiguousBest += best
            }
            if trades[index].exitReason == "liquidation" { liquidations += 1 }
        }
    }
}
