/// The metrics by their public names, in the order of `nzs run --json`'s `metrics` object: one
/// list for the JSON writers and for expressions over metrics (an optimizer's objective), so a
/// name means the same everywhere.
extension Metrics {
    /// One metric: its name, its value (nil where undefined) and whether it is a count.
    public struct Named: Sendable {
        public let name: String
        public let value: Double?
        public let isCount: Bool
    }

    /// Every metric, in the JSON order: the first seven keys are the original contract.
    public var named: [Named] {
        func value(_ name: String, _ value: Double?) -> Named { Named(name: name, value: value, isCount: false) }
        func count(_ name: String, _ value: Int) -> Named { Named(name: name, value: Double(value), isCount: true) }
        return [
            value("final_equity", finalEquity), value("total_return", totalReturn), value("max_drawdown", maxDrawdown),
            count("trades", trades), value("win_rate", winRate), value("profit_factor", profitFactor), value("sharpe", sharpe),
            value("cagr", cagr), value("volatility", volatility), value("sortino", sortino), value("calmar", calmar),
            count("max_drawdown_bars", maxDrawdownBars), value("time_under_water", timeUnderWater), value("expectancy", expectancy),
            value("average_win", averageWin), value("average_loss", averageLoss), value("payoff_ratio", payoffRatio),
            value("exposure", exposure), value("turnover", turnover), value("fees", fees), value("var_95", var95),
            value("cvar_95", cvar95), value("var_99", var99), value("cvar_99", cvar99), value("kelly", kelly), value("sqn", sqn),
            value("funding", funding), count("liquidations", liquidations), count("ambiguous_trades", ambiguousTrades),
            value("ambiguous_pnl_worst", ambiguousPnLWorst), value("ambiguous_pnl_best", ambiguousPnLBest),
        ]
    }

    /// The names of `named`, in order (without computing any metric).
    public static let names: [String] = [
        "final_equity", "total_return", "max_drawdown", "trades", "win_rate", "profit_factor", "sharpe", "cagr", "volatility",
        "sortino", "calmar", "max_drawdown_bars", "time_under_water", "expectancy", "average_win", "average_loss", "payoff_ratio",
        "exposure", "turnover", "fees", "var_95", "cvar_95", "var_99", "cvar_99", "kelly", "sqn", "funding", "liquidations",
        "ambiguous_trades", "ambiguous_pnl_worst", "ambiguous_pnl_best",
    ]
}
