import Foundation
import NZData

/// `nzs report ID --html FILE`: one self-contained page for a stored run (inline CSS and SVG,
/// no script, no network): the run's identity, the metrics table, equity and drawdown, the
/// close with the trades' entries and exits, monthly returns and the trade P&L histogram.
enum HTMLReport {
    static func page(_ run: StoredRun) -> String {
        let drawdown = drawdowns(run.equity).map { -$0 * 100 }
        var markers: [(time: Int64, value: Double, color: String, label: String)] = []
        for trade in run.trades {
            markers.append((trade.entryTime, trade.entryPrice, trade.side == "long" ? "#27ae60" : "#c0392b",
                            "\(trade.side) entry \(TimeParsing.iso8601(trade.entryTime)) @ \(Formatting.number(trade.entryPrice))"))
            markers.append((trade.exitTime, trade.exitPrice, "#34495e",
                            "exit (\(trade.exitReason)) \(TimeParsing.iso8601(trade.exitTime)) @ \(Formatting.number(trade.exitPrice)), pnl \(String(format: "%.2f", trade.pnl))"))
        }
        let title = SVGChart.escape(run.strategy)
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title): run \(run.id)</title>
        <style>
        body { font: 14px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
        .meta { color: #555; } table { border-collapse: collapse; } td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; }
        td:first-child, th:first-child { text-align: left; } .metrics td:nth-child(odd) { text-align: left; color: #555; }
        .title { font-size: 13px; font-weight: 600; fill: #222; } .axis { font-size: 11px; fill: #666; } .cell { font-size: 10px; fill: #111; }
        </style></head><body>
        <h1>\(title)</h1>
        <div class="meta">run \(run.id) · \(SVGChart.escape(run.mode)) · saved \(TimeParsing.iso8601(run.createdAt))<br>
        script \(SVGChart.escape(run.scriptPath)) (hash \(run.scriptHash)) · data \(SVGChart.escape(run.dataPath)) (hash \(run.dataHash), \(run.equity.count) bars)<br>
        params \(SVGChart.escape(run.paramsJSON))<br>settings \(SVGChart.escape(run.settingsJSON))</div>
        <h2>Metrics</h2>
        \(metricsTable(run.metricsJSON))
        <h2>Equity</h2>
        \(SVGChart.line(times: run.times, values: run.equity, color: "#2c6fbb", title: "equity at each close"))
        <h2>Drawdown</h2>
        \(SVGChart.line(times: run.times, values: drawdown, height: 180, color: "#c0392b", fillToZero: true, title: "drawdown from the running peak, %"))
        <h2>Price and trades</h2>
        \(SVGChart.line(times: run.times, values: run.close, color: "#555", markers: markers, title: "close; entries (green long, red short) and exits (dark)"))
        <h2>Monthly returns</h2>
        \(SVGChart.heatmap(monthlyReturns(times: run.times, equity: run.equity), title: "return of each calendar month (UTC)"))
        <h2>Trade P&amp;L</h2>
        \(SVGChart.histogram(run.trades.map(\.pnl), title: "closed trades by P&L (\(run.trades.count) trades)"))
        """
        html += "\n</body></html>\n"
        return html
    }

    /// The metrics JSON object as a two-column table, in the stored order.
    static func metricsTable(_ json: String) -> String {
        let pairs = json.trimmingCharacters(in: CharacterSet(charactersIn: "{} \n")).components(separatedBy: ", \"")
        var rows: [String] = []
        var index = 0
        while index < pairs.count {
            func cell(_ pair: String) -> String {
                let parts = pair.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
                guard parts.count == 2 else { return "<td></td><td></td>" }
                return "<td>\(SVGChart.escape(parts[0]))</td><td>\(SVGChart.escape(pretty(parts[1])))</td>"
            }
            rows.append("<tr>" + cell(pairs[index]) + (index + 1 < pairs.count ? cell(pairs[index + 1]) : "") + "</tr>")
            index += 2
        }
        return "<table class=\"metrics\">" + rows.joined() + "</table>"
    }

    private static func pretty(_ text: String) -> String {
        guard let value = Double(text) else { return text == "null" ? "n/a" : text }
        if value == value.rounded(), abs(value) < 1e15 { return String(format: "%.0f", value) }
        return String(format: "%.6g", value)
    }

    /// `(peak − equity) / peak` at each bar, with the running peak.
    static func drawdowns(_ equity: [Double]) -> [Double] {
        var peak = -Double.infinity
        return equity.map { value in
            peak = max(peak, value)
            return peak > 0 ? (peak - value) / peak : 0
        }
    }

    /// The return of each calendar month: its last equity over the previous month's last
    /// equity (the first month over its first bar's equity).
    static func monthlyReturns(times: [Int64], equity: [Double]) -> [(year: Int, month: Int, value: Double)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var out: [(year: Int, month: Int, value: Double)] = []
        var base = equity.first ?? 0
        var current: (year: Int, month: Int)?
        var last = base
        for (time, value) in zip(times, equity) {
            let parts = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: Double(time) / 1000))
            let key = (parts.year ?? 0, parts.month ?? 0)
            if let month = current, month != key {
                out.append((month.year, month.month, base != 0 ? last / base - 1 : 0))
                base = last
            }
            current = key
            last = value
        }
        if let month = current { out.append((month.year, month.month, base != 0 ? last / base - 1 : 0)) }
        return out
    }
}
