import NZEngine
import NZModes

/// The JSON of the research commands (`nzs optimize --json`, `walkforward --json`,
/// `montecarlo --json`), documented in docs/cli.md: keys in a fixed order, numbers as
/// `nzs run --json` writes them, na as null.
enum StudyJSON {
    /// `{"fast": 10, "slow": 30}`: every param the script lets you set, in declaration order.
    static func params(_ values: [Double], space: ParamSpace) -> String {
        let fields = space.program.ir.params.enumerated().filter { !$0.element.isInstrument }.map { index, param in
            "\(Formatting.jsonString(param.name)): \(Formatting.jsonNumber(values[index]))"
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// One trial: `{"params": {...}, "metrics": {...}, "objective": x}`, plus `"error"` when it
    /// could not run (then metrics and objective are null).
    static func trial(_ trial: TrialResult, space: ParamSpace) -> String {
        var text = "{\"params\": \(params(trial.params, space: space)), \"metrics\": \(trial.metrics.map(RunReport.metricsJSON) ?? "null"), "
            + "\"objective\": \(Formatting.jsonNumber(trial.objective))"
        if let error = trial.error { text += ", \"error\": \(Formatting.jsonString(error))" }
        return text + "}"
    }

    /// The whole `nzs optimize --json` object.
    static func optimize(_ outcome: Optimizer.Outcome, space: ParamSpace, objective: Objective, options: Optimizer.Options,
                         warnings: [String]) -> String {
        let trials = outcome.trials.map { trial($0, space: space) }
        var out = "{\n  \"trials\": " + (trials.isEmpty ? "[]" : "[\n    " + trials.joined(separator: ",\n    ") + "\n  ]") + ",\n"
        out += "  \"best\": \(best(outcome, space: space)),\n"
        out += "  \"pbo\": \(Formatting.jsonNumber(outcome.overfitting?.probability)),\n"
        out += "  \"deflated_sharpe\": \(Formatting.jsonNumber(outcome.deflatedSharpe?.probability)),\n"
        out += "  \"guards\": \(guards(outcome)),\n"
        out += "  \"objective\": \(Formatting.jsonString(objective.text)), \"method\": \(Formatting.jsonString(options.method.rawValue)), "
        out += "\"seed\": \(options.seed), \"skipped\": \(outcome.skipped), \"interrupted\": \(outcome.interrupted),\n"
        out += "  \"warnings\": [" + warnings.map(Formatting.jsonString).joined(separator: ", ") + "]\n}\n"
        return out
    }

    /// `{"trial": i, "params": ..., "metrics": ..., "objective": x}`, or null.
    static func best(_ outcome: Optimizer.Outcome, space: ParamSpace) -> String {
        guard let index = outcome.best else { return "null" }
        let body = trial(outcome.trials[index], space: space)
        return "{\"trial\": \(index), " + body.dropFirst()
    }

    /// The details behind `pbo` and `deflated_sharpe`.
    static func guards(_ outcome: Optimizer.Outcome) -> String {
        let pbo = outcome.overfitting, dsr = outcome.deflatedSharpe
        return "{\"pbo_splits\": \(pbo.map { String($0.splits) } ?? "null"), \"pbo_median_logit\": \(Formatting.jsonNumber(pbo?.medianLogit)), "
            + "\"dsr_trials\": \(dsr.map { String($0.trials) } ?? "null"), \"dsr_sharpe_per_bar\": \(Formatting.jsonNumber(dsr?.sharpe)), "
            + "\"dsr_expected_max_sharpe_per_bar\": \(Formatting.jsonNumber(dsr?.expectedMaximum))}"
    }

    /// The overfitting warnings a study prints (and lists in its JSON).
    static func warnings(_ outcome: Optimizer.Outcome) -> [String] {
        var warnings: [String] = []
        if let note = TrialResult.rejectionNote(outcome.trials) { warnings.append(note) }
        if let pbo = outcome.overfitting, pbo.probability > 0.5 {
            warnings.append("the probability of backtest overfitting is \(Formatting.number(rounded(pbo.probability))) (above 0.5): the in-sample best is more likely than not to rank below the median out of sample")
        }
        if let dsr = outcome.deflatedSharpe, dsr.probability < 0.95 {
            warnings.append("the deflated Sharpe ratio is \(Formatting.number(rounded(dsr.probability))) (below 0.95): after \(dsr.trials) trials the best Sharpe ratio is not clearly above what luck would give")
        }
        return warnings
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
