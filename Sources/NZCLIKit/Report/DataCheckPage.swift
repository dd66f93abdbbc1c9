import Foundation
import NZData

/// `nzs data check --html FILE`: the check as one self-contained page (inline SVG, no script):
/// the counts, the close with every gap and outlier marked, the distribution of returns, and the
/// gaps and outliers listed.
enum DataCheckPage {
    static func page(_ check: DataCheck, raw: RawBars, source: String) -> String {
        let order = (0..<raw.count).filter { raw.times[$0] != nil }.sorted { (raw.times[$0] ?? 0, $0) < (raw.times[$1] ?? 0, $1) }
        let times = order.compactMap { raw.times[$0] }, closes = order.map { raw.close[$0] }
        var closeAt: [Int64: Double] = [:]
        for (time, close) in zip(times, closes) where closeAt[time] == nil { closeAt[time] = close }
        var markers: [(time: Int64, value: Double, color: String, label: String)] = []
        for gap in check.gaps.prefix(1000) {
            markers.append((gap.after, closeAt[gap.after] ?? .nan, "#c0392b",
                            "gap after \(TimeParsing.iso8601(gap.after)): \(gap.missingBars) missing bar(s)"))
        }
        for outlier in check.outliers.prefix(1000) {
            markers.append((outlier.time, closeAt[outlier.time] ?? .nan, "#8e44ad",
                            "\(outlier.kind) outlier \(TimeParsing.iso8601(outlier.time)): z = \(String(format: "%.1f", outlier.z))"))
        }
        let returns = zip(closes, closes.dropFirst()).compactMap { $0 > 0 && $1 > 0 ? log($1 / $0) : nil }
        let counts: [(String, String)] = [
            ("rows", "\(check.rows)"), ("timeframe", check.timeframe?.description ?? "unknown"), ("calendar", check.calendar.rawValue),
            ("gaps", "\(check.gaps.count)"), ("missing bars", "\(check.missingBars)"), ("duplicates", "\(check.duplicates)"),
            ("unsorted", "\(check.unsorted)"), ("bad times", "\(check.badTimes)"), ("malformed rows", "\(check.malformed)"),
            ("nan", "\(check.nan)"), ("zeros", "\(check.zeros)"), ("negatives", "\(check.negatives)"),
            ("infinities", "\(check.infinities)"), ("OHLC violations", "\(check.ohlcViolations)"), ("flat bars", "\(check.flatBars)"),
            ("outliers", "\(check.outliers.count) (|z| > \(Formatting.number(check.outlierThreshold)))"),
        ]
        var summaryRows: [String] = []
        for index in stride(from: 0, to: counts.count, by: 2) {
            var cells = ""
            for (name, value) in counts[index..<min(index + 2, counts.count)] {
                cells += "<td>" + SVGChart.escape(name) + "</td><td>" + SVGChart.escape(value) + "</td>"
            }
            summaryRows.append("<tr>" + cells + "</tr>")
        }
        let summary = "<table class=\"metrics\">" + summaryRows.joined() + "</table>"
        let gapRows = check.gaps.prefix(200).map {
            "<tr><td>\(TimeParsing.iso8601($0.after))</td><td>\(TimeParsing.iso8601($0.before))</td><td>\($0.missingBars)</td></tr>"
        }.joined()
        let outlierRows = check.outliers.prefix(200).map {
            "<tr><td>\(TimeParsing.iso8601($0.time))</td><td>\($0.kind)</td><td>\(String(format: "%.6g", $0.value))</td><td>\(String(format: "%.2f", $0.z))</td></tr>"
        }.joined()
        let columns = check.columns.map { column in
            "<tr><td>\(column.name)</td><td>\(column.count)</td><td>\(column.min.map(Formatting.number) ?? "n/a")</td>"
                + "<td>\(column.max.map(Formatting.number) ?? "n/a")</td><td>\(column.mean.map { String(format: "%.6g", $0) } ?? "n/a")</td>"
                + "<td>\(column.std.map { String(format: "%.6g", $0) } ?? "n/a")</td><td>\(column.nan)</td></tr>"
        }.joined()
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>data check: \(SVGChart.escape(source))</title>
        <style>
        body { font: 14px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }
        h1 { font-size: 20px; } h2 { font-size: 16px; margin: 26px 0 8px; } table { border-collapse: collapse; }
        td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; } td:first-child, th:first-child { text-align: left; }
        .metrics td:nth-child(odd) { text-align: left; color: #555; }
        .title { font-size: 13px; font-weight: 600; fill: #222; } .axis { font-size: 11px; fill: #666; }
        </style></head><body>
        <h1>data check: \(SVGChart.escape(source))</h1>
        \(summary)
        <h2>Close, with gaps and outliers</h2>
        \(SVGChart.line(times: times, values: closes, color: "#555", markers: markers.filter { $0.value.isFinite }, title: "close; gaps (red) and outliers (purple)"))
        <h2>Returns</h2>
        \(SVGChart.histogram(returns, bins: 60, title: "close-to-close log returns (\(returns.count))"))
        <h2>Columns</h2>
        <table><tr><th>column</th><th>count</th><th>min</th><th>max</th><th>mean</th><th>std</th><th>nan</th></tr>\(columns)</table>
        <h2>Gaps (\(check.gaps.count))</h2>
        <table><tr><th>after</th><th>before</th><th>missing bars</th></tr>\(gapRows)</table>
        <h2>Outliers (\(check.outliers.count))</h2>
        <table><tr><th>time</th><th>kind</th><th>value</th><th>z</th></tr>\(outlierRows)</table>
        </body></html>

        """
    }
}
