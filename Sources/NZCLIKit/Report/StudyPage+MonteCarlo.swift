import NZModes

/// The Monte Carlo page: the distributions of final return and maximum drawdown, and a fan
/// chart of the paths' equity (bands between percentiles at each checkpoint).
extension StudyPage {
    static func monteCarlo(_ outcome: MonteCarlo.Outcome, options: MonteCarlo.Options, title: String) -> String {
        let finals = outcome.finalReturns
        var body = "<div class=\"meta\">method <b>\(options.method.rawValue)</b> · \(outcome.paths.count) paths · seed \(options.seed)"
        if let block = outcome.blockLength { body += " · mean block \(block) bars" }
        body += "<br>probability of ruin (a loss of \(number(options.ruin * 100))% at any point): <b>\(number(outcome.ruinProbability(options.ruin)))</b>"
        if let risk = Percentiles.valueAtRisk(finals, level: 0.95) {
            body += " · terminal VaR 95%: <b>\(number(risk.var * 100))%</b>, CVaR 95%: <b>\(number(risk.cvar * 100))%</b>"
        }
        body += "</div><h2>Percentiles</h2><table><tr><th></th>" + Percentiles.levels.map { "<th>p\(Int($0))</th>" }.joined() + "</tr>"
        for (name, values) in [("final return", finals), ("max drawdown", outcome.paths.map(\.maxDrawdown)), ("sharpe", outcome.paths.map(\.sharpe))] {
            body += "<tr><td>\(name)</td>" + Percentiles.of(values).map { "<td>\(number($0))</td>" }.joined() + "</tr>"
        }
        body += "</table>"
        let unit = options.method == .trades ? "trade" : "bar"
        body += "<h2>Equity paths</h2>" + fan(outcome, title: "equity / start by \(unit): 5–95% and 25–75% of paths, median")
        body += "<h2>Final return</h2>" + SVGChart.histogram(finals, bins: 40, title: "paths by final return")
        body += "<h2>Maximum drawdown</h2>" + SVGChart.histogram(outcome.paths.map { -$0.maxDrawdown }, bins: 40, title: "paths by maximum drawdown (negative)")
        return document(title: "\(title): Monte Carlo", body: body)
    }

    /// Bands of the paths' equity at each checkpoint.
    static func fan(_ outcome: MonteCarlo.Outcome, title: String) -> String {
        let steps = outcome.checkpointSteps
        guard !steps.isEmpty, !outcome.paths.isEmpty else { return SVGChart.empty(title) }
        let bands = steps.indices.map { index in Percentiles.of(outcome.paths.map { $0.checkpoints[index] }) }
        let height = 280.0
        let plot = SVGChart.Plot(width: SVGChart.width, height: height, x: (Double(steps[0]), Double(max(steps[steps.count - 1], steps[0] + 1))),
                                 y: SVGChart.range(bands.flatMap { $0 }))
        func area(_ low: Int, _ high: Int, _ opacity: String) -> String {
            var path = ""
            for (index, step) in steps.enumerated() { path += (index == 0 ? "M" : "L") + plot.x(Double(step)) + "," + plot.y(bands[index][high]) + " " }
            for (index, step) in steps.enumerated().reversed() { path += "L" + plot.x(Double(step)) + "," + plot.y(bands[index][low]) + " " }
            return "<path d=\"\(path)Z\" fill=\"#2c6fbb\" fill-opacity=\"\(opacity)\" stroke=\"none\"/>"
        }
        var median = ""
        for (index, step) in steps.enumerated() { median += (index == 0 ? "M" : "L") + plot.x(Double(step)) + "," + plot.y(bands[index][2]) + " " }
        let body = plot.axes(title: title, timeAxis: false) + area(0, 4, "0.18") + area(1, 3, "0.35")
            + "<path d=\"\(median)\" fill=\"none\" stroke=\"#1a4a80\" stroke-width=\"1.5\"/>"
        return SVGChart.svg(height: height, body)
    }
}
