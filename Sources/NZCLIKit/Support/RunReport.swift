import Foundation
import NZData
import NZEngine
import NZEval

/// The outputs of `nzs run`: a text summary for people and the stable JSON object documented
/// in docs/cli.md.
enum RunReport {
    /// The JSON object, written piece by piece to `write` (a trade at a time: a run with many
    /// trades never holds its whole JSON text, nor a string per trade).
    static func json(_ result: BacktestResult, write: (String) -> Void) {
        write("{\n  \"trades\": ")
        if result.trades.isEmpty {
            write("[]")
        } else {
            for (index, trade) in result.trades.enumerated() {
                write((index == 0 ? "[\n    " : ",\n    ") + tradeJSON(RunRecording.stored(trade)))
            }
            write("\n  ]")
        }
        var open = "null"
        if let position = result.openPosition {
            open = "{\"side\": \(Formatting.jsonString(position.side.rawValue)), \"entry_time\": \(Formatting.jsonString(TimeParsing.iso8601(position.entryTime))), "
                + "\"entry_price\": \(Formatting.jsonNumber(position.entryPrice)), \"quantity\": \(Formatting.jsonNumber(position.quantity)), "
                + "\"mark_price\": \(Formatting.jsonNumber(position.markPrice)), \"unrealized_pnl\": \(Formatting.jsonNumber(position.unrealizedPnL)), "
                + "\"fees\": \(Formatting.jsonNumber(position.fees)), \"funding\": \(Formatting.jsonNumber(position.funding)), "
                + "\"entries\": \(position.entries)}"
        }
        write(",\n  \"open_position\": \(open),\n  \"metrics\": \(metricsJSON(result.metrics))\n}\n")
    }

    /// The JSON object as one string.
    static func json(_ result: BacktestResult) -> String {
        var out = ""
        json(result) { out += $0 }
        return out
    }

    /// One closed trade as `nzs run --json` and `nzs runs show --json` print it.
    static func tradeJSON(_ trade: StoredTrade) -> String {
        "{\"side\": \(Formatting.jsonString(trade.side)), \"entry_time\": \(Formatting.jsonString(TimeParsing.iso8601(trade.entryTime))), "
            + "\"entry_price\": \(Formatting.jsonNumber(trade.entryPrice)), \"exit_time\": \(Formatting.jsonString(TimeParsing.iso8601(trade.exitTime))), "
            + "\"exit_price\": \(Formatting.jsonNumber(trade.exitPrice)), \"quantity\": \(Formatting.jsonNumber(trade.quantity)), "
            + "\"pnl\": \(Formatting.jsonNumber(trade.pnl)), \"fees\": \(Formatting.jsonNumber(trade.fees)), "
            + "\"funding\": \(Formatting.jsonNumber(trade.funding)), \"exit_reason\": \(Formatting.jsonString(trade.exitReason)), "
            + "\"ambiguous\": \(trade.ambiguous)}"
    }

    /// The `metrics` object of `nzs run --json`, on one line (keys in `Metrics.named` order).
    static func metricsJSON(_ m: Metrics) -> String {
        "{" + m.named.map { metric in
            let value = metric.isCount ? metric.value.map { String(Int($0)) } ?? "null" : Formatting.jsonNumber(metric.value)
            return "\"\(metric.name)\": \(value)"
        }.joined(separator: ", ") + "}"
    }

    static func text(_ result: BacktestResult, name: String, frame: Frame, settings: EngineSettings) -> String {
        let m = result.metrics
        var out = "strategy   \(name)\n"
        if let first = frame.time.first, let last = frame.time.last {
            out += "data       \(frame.count) bars, \(TimeParsing.iso8601(first)) to \(TimeParsing.iso8601(last))\n"
        }
        var costs = "cash       \(money(settings.cash)), fee \(percent(settings.fee)) per side"
        if settings.feeFixed > 0 { costs += " + \(money(settings.feeFixed)) per fill" }
        costs += ", slippage \(percent(settings.slippage))"
        if settings.slippageTicks > 0 { costs += " + \(compact(settings.slippageTicks)) tick(s)" }
        if settings.funding != 0 { costs += ", funding \(compact(settings.funding * 100))% per 8 h" }
        if settings.instrument.leverage > 1 { costs += ", leverage \(compact(settings.instrument.leverage))x" }
        out += costs + "\n\n"
        out += "final equity   \(money(m.finalEquity))\n"
        out += "total return   \(percent(m.totalReturn))\n"
        out += "max drawdown   \(percent(m.maxDrawdown))\n"
        out += "sharpe         \(m.sharpe.map { String(format: "%.3f", $0) } ?? "n/a")\n"
        out += "trades         \(m.trades)\n"
        out += "win rate       \(m.winRate.map(percent) ?? "n/a")\n"
        out += "profit factor  \(m.profitFactor.map { String(format: "%.3f", $0) } ?? "n/a")\n"
        out += "cagr           \(m.cagr.map(percent) ?? "n/a")\n"
        out += "sortino        \(m.sortino.map { String(format: "%.3f", $0) } ?? "n/a")\n"
        out += "exposure       \(m.exposure.map(percent) ?? "n/a")\n"
        out += "fees           \(money(m.fees))\n"
        if m.funding != 0 { out += "funding        \(money(m.funding))\n" }
        if m.liquidations > 0 { out += "liquidations   \(m.liquidations)\n" }
        if m.ambiguousTrades > 0 {
            out += "ambiguous      \(m.ambiguousTrades) trade(s), pnl \(money(m.ambiguousPnLWorst)) (stop first) to \(money(m.ambiguousPnLBest)) (target first)\n"
        }
        if let open = result.openPosition {
            out += "open position  \(open.side.rawValue) \(compact(open.quantity)) @ \(compact(open.entryPrice)) since \(TimeParsing.iso8601(open.entryTime)), unrealized \(money(open.unrealizedPnL))\n"
        }
        if !result.trades.isEmpty {
            out += "\nlast trades (of \(result.trades.count)):\n"
            for trade in result.trades.suffix(10) {
                out += "  \(trade.side.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) \(TimeParsing.iso8601(trade.entryTime)) @ \(compact(trade.entryPrice))"
                    + " -> \(TimeParsing.iso8601(trade.exitTime)) @ \(compact(trade.exitPrice))  qty \(compact(trade.quantity))  pnl \(money(trade.pnl))"
                    + (trade.exitReason == "signal" ? "" : "  (\(trade.exitReason)\(trade.isAmbiguous ? ", ambiguous bar" : ""))") + "\n"
            }
        }
        return out
    }

    /// Up to 10 significant digits: readable prices and quantities in the text summary (the
    /// JSON keeps every digit).
    private static func compact(_ value: Double) -> String { String(format: "%.10g", value) }

    private static func money(_ value: Double) -> String { String(format: "%.2f", value) }
    private static func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
}
