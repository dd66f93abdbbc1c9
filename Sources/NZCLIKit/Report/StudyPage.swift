import Foundation
import NZEngine
import NZModes

/// The HTML pages of the research commands: self-contained (inline CSS and SVG, no script, no
/// network), like `nzs report`. `optimize` shows the objective over the first two swept params
/// as a heatmap, the objective's distribution and the best trials.
enum StudyPage {
    static func optimize(_ outcome: Optimizer.Outcome, space: ParamSpace, objective: Objective, title: String) -> String {
        var body = "<div class=\"meta\">objective <b>\(SVGChart.escape(objective.text))</b> · \(outcome.trials.count) trials"
        if outcome.skipped > 0 { body += " (\(outcome.skipped) grid points ruled out by constraints)" }
        body += "<br>probability of backtest overfitting (CSCV, 16 blocks): <b>\(number(outcome.overfitting?.probability))</b>"
        body += " · deflated Sharpe ratio: <b>\(number(outcome.deflatedSharpe?.probability))</b></div>"
        for warning in StudyJSON.warnings(outcome) { body += "<p class=\"warning\">warning: \(SVGChart.escape(warning))</p>" }
        if let best = outcome.best {
            let trial = outcome.trials[best]
            body += "<h2>Best trial</h2><p>\(SVGChart.escape(StudyJSON.params(trial.params, space: space)))</p>"
            if let metrics = trial.metrics { body += HTMLReport.metricsTable(RunReport.metricsJSON(metrics)) }
        }
        let dimensions = space.dimensions
        if dimensions.count >= 2 {
            let note = dimensions.count > 2 ? " (the best over the other params)" : ""
            body += "<h2>Objective by \(SVGChart.escape(dimensions[0].name)) and \(SVGChart.escape(dimensions[1].name))</h2>"
            body += heatmap(outcome.trials, rows: dimensions[0], columns: dimensions[1], title: "\(objective.text)\(note)")
        } else if let only = dimensions.first {
            let points = outcome.trials.map { ($0.params[only.param], $0.objective) }.sorted { $0.0 < $1.0 }
            body += "<h2>Objective by \(SVGChart.escape(only.name))</h2>"
            body += SVGChart.xy(points, title: "\(objective.text) by \(only.name)", color: "#2c6fbb")
        }
        body += "<h2>Distribution</h2>" + SVGChart.histogram(outcome.trials.map(\.objective), title: "trials by \(objective.text)")
        let ranked = outcome.trials.indices.sorted { a, b in
            Objective.isBetter(outcome.trials[a].objective, than: outcome.trials[b].objective)
                || (!Objective.isBetter(outcome.trials[b].objective, than: outcome.trials[a].objective) && a < b)
        }
        body += "<h2>Best trials</h2><table><tr><th>trial</th><th>params</th><th>objective</th><th>return</th><th>max drawdown</th><th>trades</th></tr>"
        for index in ranked.prefix(20) {
            let trial = outcome.trials[index]
            body += "<tr><td>\(index)</td><td>\(SVGChart.escape(StudyJSON.params(trial.params, space: space)))</td><td>\(number(trial.objective))</td>"
                + "<td>\(number(trial.metrics?.totalReturn))</td><td>\(number(trial.metrics?.maxDrawdown))</td><td>\(trial.metrics.map { String($0.trades) } ?? "")</td></tr>"
        }
        body += "</table>"
        return document(title: "\(title): optimize", body: body)
    }

    /// A rows × columns grid of the best objective at each pair of values.
    static func heatmap(_ trials: [TrialResult], rows: ParamSpace.Dimension, columns: ParamSpace.Dimension, title: String) -> String {
        var best: [[Double]] = Array(repeating: Array(repeating: .nan, count: columns.values.count), count: rows.values.count)
        for trial in trials {
            guard let row = rows.values.firstIndex(of: trial.params[rows.param]),
                  let column = columns.values.firstIndex(of: trial.params[columns.param]) else { continue }
            if Objective.isBetter(trial.objective, than: best[row][column]) { best[row][column] = trial.objective }
        }
        let finite = best.flatMap { $0 }.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        let cellWidth = max(12, min(60, 840 / Double(columns.values.count))), cellHeight = max(10, min(24, 600 / Double(rows.values.count)))
        let left = 70.0, top = 40.0
        let height = top + cellHeight * Double(rows.values.count) + 40
        var svg = "<text x=\"10\" y=\"18\" class=\"title\">\(SVGChart.escape(title)); rows \(SVGChart.escape(rows.name)), columns \(SVGChart.escape(columns.name))</text>"
        for (index, value) in columns.values.enumerated() where index % max(1, columns.values.count / 16) == 0 {
            svg += "<text x=\"\(SVGChart.fmt(left + cellWidth * (Double(index) + 0.5)))\" y=\"\(SVGChart.fmt(top - 6))\" text-anchor=\"middle\" class=\"axis\">\(Formatting.number(value))</text>"
        }
        for (row, value) in rows.values.enumerated() {
            let y = top + cellHeight * Double(row)
            if row % max(1, rows.values.count / 24) == 0 {
                svg += "<text x=\"\(SVGChart.fmt(left - 6))\" y=\"\(SVGChart.fmt(y + cellHeight * 0.75))\" text-anchor=\"end\" class=\"axis\">\(Formatting.number(value))</text>"
            }
            for column in columns.values.indices {
                let objective = best[row][column]
                let color: String
                if objective.isFinite {
                    let share = high > low ? (objective - low) / (high - low) : 1
                    color = "rgb(\(Int(230 - 190 * share)),\(Int(90 + 110 * share)),\(Int(80 + 40 * share)))"
                } else {
                    color = "#eee"
                }
                svg += "<rect x=\"\(SVGChart.fmt(left + cellWidth * Double(column) + 0.5))\" y=\"\(SVGChart.fmt(y + 0.5))\" width=\"\(SVGChart.fmt(cellWidth - 1))\" height=\"\(SVGChart.fmt(cellHeight - 1))\" fill=\"\(color)\">"
                    + "<title>\(SVGChart.escape(rows.name)) \(Formatting.number(value)), \(SVGChart.escape(columns.name)) \(Formatting.number(columns.values[column])): \(number(objective))</title></rect>"
            }
        }
        svg += "<text x=\"\(SVGChart.fmt(left))\" y=\"\(SVGChart.fmt(height - 12))\" class=\"axis\">red: \(number(low)) · green: \(number(high)) · grey: not run</text>"
        return SVGChart.svg(height: height, svg)
    }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(SVGChart.escape(title))</title>
        <style>
        body { font: 14px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
        .meta { color: #555; } .warning { color: #a04000; } table { border-collapse: collapse; }
        td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; } td:first-child, th:first-child { text-align: left; }
        .metrics td:nth-child(odd) { text-align: left; color: #555; }
        .title { font-size: 13px; font-weight: 600; fill: #222; } .axis { font-size: 11px; fill: #666; } .cell { font-size: 10px; fill: #111; }
        </style></head><body>
        <h1>\(SVGChart.escape(title))</h1>
        \(body)
        </body></html>

        """
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.4g", value)
    }
}
