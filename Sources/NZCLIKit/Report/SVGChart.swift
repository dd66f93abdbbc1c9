import Foundation
import NZData

/// Inline SVG charts for the HTML report: a line chart (with optional trade markers and a
/// filled area), a histogram and a month × year heatmap. Everything is computed here, so the
/// page needs no script and no network.
enum SVGChart {
    static let width = 960.0

    /// A line over `values` at `times`, down-sampled to at most `maxPoints` (keeping each
    /// bucket's first, lowest and highest point), with markers and an optional fill to zero.
    static func line(times: [Int64], values: [Double], height: Double = 260, color: String, fillToZero: Bool = false,
                     markers: [(time: Int64, value: Double, color: String, label: String)] = [], title: String) -> String {
        let points = zip(times, values).filter { $0.1.isFinite }
        guard let first = points.first, let last = points.last else { return empty(title) }
        let plot = Plot(width: width, height: height, x: (Double(first.0), Double(max(last.0, first.0 + 1))),
                        y: range(points.map(\.1) + markers.map(\.value) + (fillToZero ? [0] : [])))
        let sampled = downsample(points, to: 2000)
        var path = ""
        for (index, point) in sampled.enumerated() {
            path += (index == 0 ? "M" : "L") + plot.x(Double(point.0)) + "," + plot.y(point.1) + " "
        }
        var body = plot.axes(title: title, timeAxis: true)
        if fillToZero {
            let zero = plot.y(0)
            body += "<path d=\"\(path)L\(plot.x(Double(last.0))),\(zero) L\(plot.x(Double(first.0))),\(zero) Z\" fill=\"\(color)\" fill-opacity=\"0.25\" stroke=\"none\"/>"
        }
        body += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.3\"/>"
        for marker in markers.prefix(2000) {
            body += "<circle cx=\"\(plot.x(Double(marker.time)))\" cy=\"\(plot.y(marker.value))\" r=\"3\" fill=\"\(marker.color)\"><title>\(escape(marker.label))</title></circle>"
        }
        return svg(height: height, body)
    }

    /// A line through (x, y) points on numeric axes (the points in x order; na values skipped).
    static func xy(_ points: [(Double, Double)], height: Double = 240, title: String, color: String) -> String {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = finite.first, let last = finite.last else { return empty(title) }
        let plot = Plot(width: width, height: height, x: (first.0, max(last.0, first.0 + 1e-12)), y: range(finite.map(\.1)))
        var path = ""
        for (index, point) in finite.enumerated() { path += (index == 0 ? "M" : "L") + plot.x(point.0) + "," + plot.y(point.1) + " " }
        var body = plot.axes(title: title, timeAxis: false)
        body += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
        for point in finite.prefix(500) { body += "<circle cx=\"\(plot.x(point.0))\" cy=\"\(plot.y(point.1))\" r=\"2.5\" fill=\"\(color)\"/>" }
        return svg(height: height, body)
    }

    /// A histogram of `values` in `bins` equal bins; bars below zero in red, above in green.
    static func histogram(_ values: [Double], bins: Int = 30, height: Double = 220, title: String) -> String {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return empty(title) }
        let span = high > low ? high - low : 1
        var counts = [Int](repeating: 0, count: bins)
        for value in finite { counts[min(bins - 1, Int((value - low) / span * Double(bins)))] += 1 }
        let plot = Plot(width: width, height: height, x: (low, low + span), y: (0, Double(counts.max() ?? 1)))
        var body = plot.axes(title: title, timeAxis: false)
        let step = span / Double(bins)
        for (index, count) in counts.enumerated() where count > 0 {
            let left = low + Double(index) * step
            let x0 = plot.xValue(left), x1 = plot.xValue(left + step)
            let top = plot.yValue(Double(count)), bottom = plot.yValue(0)
            let color = left + step / 2 < 0 ? "#c0392b" : "#27ae60"
            body += "<rect x=\"\(fmt(x0 + 0.5))\" y=\"\(fmt(top))\" width=\"\(fmt(max(x1 - x0 - 1, 1)))\" height=\"\(fmt(bottom - top))\" fill=\"\(color)\"><title>\(count) trade(s) from \(fmt(left)) to \(fmt(left + step))</title></rect>"
        }
        return svg(height: height, body)
    }

    /// Monthly returns: one row per year, one column per month, colored by sign and size.
    static func heatmap(_ months: [(year: Int, month: Int, value: Double)], title: String) -> String {
        guard !months.isEmpty else { return empty(title) }
        let years = Array(Set(months.map(\.year))).sorted()
        let cell = 62.0, row = 22.0, left = 60.0, top = 40.0
        let height = top + row * Double(years.count) + 10
        let largest = max(months.map { abs($0.value) }.max() ?? 0, 1e-12)
        var body = "<text x=\"10\" y=\"20\" class=\"title\">\(escape(title))</text>"
        for (index, name) in ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].enumerated() {
            body += "<text x=\"\(fmt(left + cell * Double(index) + cell / 2))\" y=\"\(fmt(top - 6))\" text-anchor=\"middle\" class=\"axis\">\(name)</text>"
        }
        for (rowIndex, year) in years.enumerated() {
            let y = top + row * Double(rowIndex)
            body += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y + row * 0.7))\" text-anchor=\"end\" class=\"axis\">\(year)</text>"
            for entry in months where entry.year == year {
                let strength = min(abs(entry.value) / largest, 1)
                let color = entry.value >= 0 ? "rgba(39,174,96,\(fmt(0.15 + 0.85 * strength)))" : "rgba(192,57,43,\(fmt(0.15 + 0.85 * strength)))"
                let x = left + cell * Double(entry.month - 1)
                body += "<rect x=\"\(fmt(x + 1))\" y=\"\(fmt(y + 1))\" width=\"\(fmt(cell - 2))\" height=\"\(fmt(row - 2))\" fill=\"\(color)\"/>"
                body += "<text x=\"\(fmt(x + cell / 2))\" y=\"\(fmt(y + row * 0.7))\" text-anchor=\"middle\" class=\"cell\">\(String(format: "%.1f%%", entry.value * 100))</text>"
            }
        }
        return svg(height: height, body)
    }

    // MARK: - Helpers

    /// Maps data coordinates into the plot area (margins for the axis labels).
    struct Plot {
        let width: Double, height: Double
        let x: (Double, Double), y: (Double, Double)
        let left = 70.0, right = 15.0, top = 30.0, bottom = 28.0

        func xValue(_ value: Double) -> Double { left + (value - x.0) / (x.1 - x.0) * (width - left - right) }
        func yValue(_ value: Double) -> Double { height - bottom - (value - y.0) / (y.1 - y.0) * (height - top - bottom) }
        func x(_ value: Double) -> String { SVGChart.fmt(xValue(value)) }
        func y(_ value: Double) -> String { SVGChart.fmt(yValue(value)) }

        func axes(title: String, timeAxis: Bool) -> String {
            var out = "<text x=\"10\" y=\"18\" class=\"title\">\(SVGChart.escape(title))</text>"
            out += "<rect x=\"\(SVGChart.fmt(left))\" y=\"\(SVGChart.fmt(top))\" width=\"\(SVGChart.fmt(width - left - right))\" height=\"\(SVGChart.fmt(height - top - bottom))\" fill=\"none\" stroke=\"#ccc\"/>"
            for step in 0...4 {
                let value = y.0 + (y.1 - y.0) * Double(step) / 4
                out += "<text x=\"\(SVGChart.fmt(left - 6))\" y=\"\(self.y(value))\" text-anchor=\"end\" class=\"axis\">\(SVGChart.short(value))</text>"
                let valueX = x.0 + (x.1 - x.0) * Double(step) / 4
                let label = timeAxis ? SVGChart.date(Int64(valueX)) : SVGChart.short(valueX)
                out += "<text x=\"\(self.x(valueX))\" y=\"\(SVGChart.fmt(height - 8))\" text-anchor=\"middle\" class=\"axis\">\(label)</text>"
            }
            return out
        }
    }

    static func range(_ values: [Double]) -> (Double, Double) {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return (0, 1) }
        let pad = high > low ? (high - low) * 0.04 : max(abs(high) * 0.04, 1)
        return (low - pad, high + pad)
    }

    static func downsample(_ points: [(Int64, Double)], to limit: Int) -> [(Int64, Double)] {
        guard points.count > limit else { return points }
        let bucket = (points.count + limit / 3 - 1) / (limit / 3)
        var out: [(Int64, Double)] = []
        var start = 0
        while start < points.count {
            let slice = points[start..<min(start + bucket, points.count)]
            if let head = slice.first, let low = slice.min(by: { $0.1 < $1.1 }), let high = slice.max(by: { $0.1 < $1.1 }) {
                out += [head, low, high].sorted { $0.0 < $1.0 }
            }
            start += bucket
        }
        if let last = points.last { out.append(last) }
        return out
    }

    static func svg(height: Double, _ body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" width=\"100%\">\(body)</svg>"
    }

    static func empty(_ title: String) -> String {
        svg(height: 60, "<text x=\"10\" y=\"18\" class=\"title\">\(escape(title))</text><text x=\"10\" y=\"45\" class=\"axis\">no data</text>")
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    static func short(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e6 { return String(format: "%.2fM", value / 1e6) }
        if magnitude >= 1e4 { return String(format: "%.1fk", value / 1e3) }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        return String(format: "%.3g", value)
    }

    static func date(_ milliseconds: Int64) -> String {
        String(TimeParsing.iso8601(milliseconds).prefix(10))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
