import NZData
import NZEngine
import NZModes

/// The JSON of `nzs walkforward --json` and `nzs montecarlo --json` (docs/cli.md).
extension StudyJSON {
    static func walkForward(_ outcome: WalkForward.Outcome, space: ParamSpace, time: [Int64], objective: Objective,
                            options: WalkForward.Options) -> String {
        func span(_ range: Range<Int>) -> String {
            "{\"start\": \(range.lowerBound), \"end\": \(range.upperBound), \"bars\": \(range.count), "
                + "\"from\": \(Formatting.jsonString(range.isEmpty ? "" : TimeParsing.iso8601(time[range.lowerBound]))), "
                + "\"to\": \(Formatting.jsonString(range.isEmpty ? "" : TimeParsing.iso8601(time[range.upperBound - 1])))}"
        }
        let windows = outcome.windows.enumerated().map { index, window in
            "{\"index\": \(index), \"train\": \(span(window.train)), \"scored\": \(span(window.scored)), \"test\": \(span(window.test)), "
                + "\"params\": \(params(window.params, space: space)), "
                + "\"in_sample\": \(window.inSample.metrics.map(RunReport.metricsJSON) ?? "null"), "
                + "\"in_sample_objective\": \(Formatting.jsonNumber(window.inSample.objective)), "
                + "\"out_of_sample\": \(RunReport.metricsJSON(window.outOfSample.metrics)), "
                + "\"out_of_sample_objective\": \(Formatting.jsonNumber(window.outOfSampleObjective))}"
        }
        let stability = WalkForward.stability(outcome.windows, space: space).map { entry in
            "\(Formatting.jsonString(entry.name)): {\"mean\": \(Formatting.jsonNumber(entry.mean)), \"std\": \(Formatting.jsonNumber(entry.deviation)), "
                + "\"cv\": \(Formatting.jsonNumber(entry.variation)), \"changes\": \(entry.changes)}"
        }
        var out = "{\n  \"windows\": [\n    " + windows.joined(separator: ",\n    ") + "\n  ],\n"
        out += "  \"stitched\": \(RunReport.metricsJSON(outcome.stitched)),\n"
        out += "  \"efficiency\": \(Formatting.jsonNumber(outcome.efficiency)),\n"
        out += "  \"parameter_stability\": {" + stability.joined(separator: ", ") + "},\n"
        out += "  \"objective\": \(Formatting.jsonString(objective.text)), \"method\": \(Formatting.jsonString(options.search.method.rawValue)), "
        out += "\"seed\": \(options.search.seed), \"train\": \(options.train), \"test\": \(options.test), \"anchored\": \(options.anchored), "
        out += "\"purge\": \(options.purge), \"embargo\": \(options.embargo), \"interrupted\": \(outcome.interrupted)\n}\n"
        return out
    }

    static func monteCarlo(_ outcome: MonteCarlo.Outcome, options: MonteCarlo.Options) -> String {
        func distribution(_ values: [Double]) -> String {
            let finite = values.filter { !$0.isNaN }
            let points = Percentiles.of(finite)
            let mean = finite.isEmpty ? Double.nan : finite.reduce(0, +) / Double(finite.count)
            return "{" + zip(Percentiles.levels, points).map { "\"p\(Int($0))\": \(Formatting.jsonNumber($1))" }.joined(separator: ", ")
                + ", \"mean\": \(Formatting.jsonNumber(mean))}"
        }
        let finals = outcome.finalReturns
        let risk95 = Percentiles.valueAtRisk(finals, level: 0.95), risk99 = Percentiles.valueAtRisk(finals, level: 0.99)
        var out = "{\n  \"method\": \(Formatting.jsonString(options.method.rawValue)), \"runs\": \(outcome.paths.count), \"seed\": \(options.seed), "
        out += "\"block\": \(outcome.blockLength.map(String.init) ?? "null"),\n"
        out += "  \"base\": \(RunReport.metricsJSON(outcome.base.metrics)),\n"
        out += "  \"final_return\": \(distribution(finals)),\n"
        out += "  \"max_drawdown\": \(distribution(outcome.paths.map(\.maxDrawdown))),\n"
        out += "  \"sharpe\": \(distribution(outcome.paths.map(\.sharpe))),\n"
        out += "  \"probability_of_ruin\": \(Formatting.jsonNumber(outcome.ruinProbability(options.ruin))), \"ruin_threshold\": \(Formatting.jsonNumber(options.ruin)),\n"
        out += "  \"terminal_var_95\": \(Formatting.jsonNumber(risk95?.var)), \"terminal_cvar_95\": \(Formatting.jsonNumber(risk95?.cvar)), "
        out += "\"terminal_var_99\": \(Formatting.jsonNumber(risk99?.var)), \"terminal_cvar_99\": \(Formatting.jsonNumber(risk99?.cvar)),\n"
        out += "  \"interrupted\": \(outcome.interrupted)\n}\n"
        return out
    }
}
