import NZEngine
import NZData
import NZModes

/// The text summaries of the research commands, for people (the JSON is for programs).
enum StudyText {
    static func optimize(_ outcome: Optimizer.Outcome, setup: StudySetup, objective: Objective, options: Optimizer.Options) -> String {
        let space = setup.space
        var out = "strategy   \(setup.program.ir.strategyName ?? "")\n"
        out += "data       \(setup.frame.count) bars\n"
        out += "search     \(options.method.rawValue), \(outcome.trials.count) trials"
        if outcome.skipped > 0 { out += " (\(outcome.skipped) ruled out by constraints)" }
        if options.method != .grid { out += ", seed \(options.seed)" }
        out += "\nobjective  \(objective.text)\n"
        out += "params     " + space.dimensions.map { "\($0.name) \(Formatting.number($0.values[0]))...\(Formatting.number($0.values[$0.values.count - 1])) (\($0.values.count) values)" }.joined(separator: ", ") + "\n\n"
        let ranked = outcome.trials.indices.sorted { a, b in
            Objective.isBetter(outcome.trials[a].objective, than: outcome.trials[b].objective)
                || (!Objective.isBetter(outcome.trials[b].objective, than: outcome.trials[a].objective) && a < b)
        }
        let names = space.dimensions.map(\.name)
        out += "best trials:\n  " + (names + ["objective", "return", "max dd", "trades"]).map { pad($0, 11) }.joined() + "\n"
        for index in ranked.prefix(10) {
            let trial = outcome.trials[index]
            let values = space.dimensions.map { Formatting.number(trial.params[$0.param]) }
            let metrics = trial.metrics
            let columns = values + [fixed(trial.objective, 4), percent(metrics?.totalReturn), percent(metrics?.maxDrawdown), metrics.map { String($0.trades) } ?? "-"]
            out += "  " + columns.map { pad($0, 11) }.joined() + (trial.error.map { "  error: \($0)" } ?? "") + "\n"
        }
        out += "\nprobability of backtest overfitting  \(fixed(outcome.overfitting?.probability, 3))"
        if let pbo = outcome.overfitting { out += "  (CSCV, \(pbo.splits) splits of 16 blocks)" }
        out += "\ndeflated Sharpe ratio                \(fixed(outcome.deflatedSharpe?.probability, 3))"
        if let dsr = outcome.deflatedSharpe { out += "  (best of \(dsr.trials) trials)" }
        return out + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.\(digits)f", value)
    }

    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.2f%%", value * 100)
    }
}

extension StudyText {
    static func walkForward(_ outcome: WalkForward.Outcome, setup: StudySetup, objective: Objective, options: WalkForward.Options) -> String {
        let time = setup.frame.time
        var out = "strategy   \(setup.program.ir.strategyName ?? "")\n"
        out += "windows    \(outcome.windows.count): train \(options.train)\(options.anchored ? " (anchored)" : ""), test \(options.test), purge \(options.purge), embargo \(options.embargo)\n"
        out += "search     \(options.search.method.rawValue), objective \(objective.text)\n\n"
        let names = setup.space.dimensions.map(\.name)
        out += "  " + (["window", "test from"] + names + ["in-sample", "out-of-sample", "oos return"]).map { pad($0, 12) }.joined() + "\n"
        for (index, window) in outcome.windows.enumerated() {
            let values = setup.space.dimensions.map { Formatting.number(window.params[$0.param]) }
            let from = String(TimeParsing.iso8601(time[window.test.lowerBound]).prefix(10))
            out += "  " + (["\(index)", from] + values + [fixed(window.inSample.objective, 4), fixed(window.outOfSampleObjective, 4),
                                                          percent(window.outOfSample.metrics.totalReturn)]).map { pad($0, 12) }.joined() + "\n"
        }
        let m = outcome.stitched
        out += "\nstitched out of sample: return \(percent(m.totalReturn)), max drawdown \(percent(m.maxDrawdown)), sharpe \(fixed(m.sharpe, 3)), trades \(m.trades)\n"
        out += "walk-forward efficiency \(fixed(outcome.efficiency, 3))\n"
        for entry in WalkForward.stability(outcome.windows, space: setup.space) {
            out += "param \(entry.name): mean \(String(format: "%.4g", entry.mean)), sd \(fixed(entry.deviation, 3)), changed in \(entry.changes) of \(max(0, outcome.windows.count - 1)) windows\n"
        }
        return out
    }

    static func monteCarlo(_ outcome: MonteCarlo.Outcome, setup: StudySetup, options: MonteCarlo.Options) -> String {
        var out = "strategy   \(setup.program.ir.strategyName ?? "")\n"
        out += "method     \(options.method.rawValue), \(outcome.paths.count) paths, seed \(options.seed)"
        if let block = outcome.blockLength { out += ", mean block \(block) bars" }
        out += "\nbase run   return \(percent(outcome.base.metrics.totalReturn)), max drawdown \(percent(outcome.base.metrics.maxDrawdown)), sharpe \(fixed(outcome.base.metrics.sharpe, 3))\n\n"
        out += "  " + ["", "p5", "p25", "p50", "p75", "p95"].map { pad($0, 14) }.joined() + "\n"
        let rows: [(String, [Double], Bool)] = [("final return", outcome.finalReturns, true), ("max drawdown", outcome.paths.map(\.maxDrawdown), true),
                                                ("sharpe", outcome.paths.map(\.sharpe), false)]
        for (name, values, isPercent) in rows {
            out += "  " + ([name] + Percentiles.of(values).map { isPercent ? percent($0) : fixed($0, 3) }).map { pad($0, 14) }.joined() + "\n"
        }
        out += "\nprobability of ruin (a \(percent(options.ruin)) loss at any point)  \(fixed(outcome.ruinProbability(options.ruin), 4))\n"
        for level in [0.95, 0.99] {
            if let risk = Percentiles.valueAtRisk(outcome.finalReturns, level: level) {
                out += "terminal VaR \(Int(level * 100))%  \(percent(risk.var)), CVaR \(percent(risk.cvar))"
                    + (risk.var < 0 ? "  (negative: the worst \(100 - Int(level * 100))% of paths still gain)" : "") + "\n"
            }
        }
        return out
    }
}
