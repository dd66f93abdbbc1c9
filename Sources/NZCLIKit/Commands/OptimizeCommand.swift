import ArgumentParser
import Foundation
import NZData
import NZEngine
import NZEval
import NZModes

/// `nzs optimize FILE --data CSV`: backtests a strategy over a grid (or a random or Bayesian
/// sample) of its params on all cores, reports every trial, the best one, and the overfitting
/// guards (PBO, deflated Sharpe), and records the study in the store.
struct OptimizeCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Search a strategy's params for the best objective, with overfitting guards.",
        discussion: "Every combination shares what does not depend on the swept params. See docs/research.md for the methods and formulas and docs/cli.md for the JSON format."
    )

    @Argument(help: "The strategy script.")
    var file: String

    @Option(help: "The bars: a file (CSV, an MT5 export, Binance klines or Parquet).")
    var data: String?

    @OptionGroup var bars: BarSourceOptions
    @OptionGroup var study: StudyOptions
    @OptionGroup var search: SearchOptions
    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print one JSON object: every trial, the best, pbo and deflated_sharpe.")
    var json = false

    @Option(help: "Also write a self-contained HTML page (a heatmap for two params).")
    var html: String?

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        guard let (method, objective, setup) = StudySetup.search(file: file, data: data, bars: bars, study: study, search: search,
                                                                 engine: engine, support: &support) else { return support.status }
        let options = Optimizer.Options(method: method, trials: search.trials, seed: study.seed)
        var runner = setup.runner(objective: objective)
        let progress = ProgressReporter(io: io, forced: study.progress, label: "optimize")
        let interruption = Interruption(io: io)
        let clock = ContinuousClock()
        let start = clock.now
        let result = Optimizer.run(&runner, space: setup.space, options: options, isCancelled: { interruption.isStopped },
                                   planned: { progress.expect($0) }, finished: { progress.advance() })
        progress.finish()
        let searched = Compiler.seconds(clock.now - start)
        let outcome: Optimizer.Outcome
        switch result {
        case .success(let value): outcome = value
        case .failure(let error):
            io.error("error: \(error.message)\n")
            return ExitStatus.usage
        }
        support.timings += [("shared columns", runner.sharedSeconds), ("trials", searched - runner.sharedSeconds - outcome.guardSeconds),
                            ("guards", outcome.guardSeconds)]
        let output = clock.now
        let warnings = StudyJSON.warnings(outcome)
        if json {
            io.out(StudyJSON.optimize(outcome, space: setup.space, objective: objective, options: options, warnings: warnings))
        } else {
            io.out(StudyText.optimize(outcome, setup: setup, objective: objective, options: options))
        }
        for warning in warnings { io.error("warning: \(warning)\n") }
        var status = ExitStatus.success
        if let html {
            let page = StudyPage.optimize(outcome, space: setup.space, objective: objective, title: setup.program.ir.strategyName ?? file)
            if !FileManager.default.createFile(atPath: io.resolve(html), contents: Data(page.utf8)) {
                io.error("error: cannot write `\(html)`\n")
                status = ExitStatus.runtimeError
            }
        }
        let trials = { outcome.trials.map { trial in
            StoredTrial(part: "", paramsJSON: StudyJSON.params(trial.params, space: setup.space), metricsJSON: trial.metrics.map(RunReport.metricsJSON),
                        objective: trial.objective, error: trial.error)
        } }
        let optionsJSON = "{\"method\": \(Formatting.jsonString(method.rawValue)), \"objective\": \(Formatting.jsonString(objective.text)), "
            + "\"seed\": \(study.seed), \"trials\": \(search.trials.map(String.init) ?? "null"), \"params\": [" + study.params.map(Formatting.jsonString).joined(separator: ", ") + "]}"
        let summary = "{\"best\": \(StudyJSON.best(outcome, space: setup.space)), \"pbo\": \(Formatting.jsonNumber(outcome.overfitting?.probability)), "
            + "\"deflated_sharpe\": \(Formatting.jsonNumber(outcome.deflatedSharpe?.probability))}"
        support.timings.append(("output", Compiler.seconds(clock.now - output)))
        let storing = clock.now
        let saved = StudySetup.save(setup.stored(kind: "optimize", file: file, optionsJSON: optionsJSON, summaryJSON: summary,
                                                 interrupted: outcome.interrupted, trials: trials()), store: bars.store, options: study, io: io)
        support.timings.append(("store", Compiler.seconds(clock.now - storing)))
        support.printTimings(timings)
        if outcome.interrupted {
            io.error("interrupted: \(outcome.trials.count) trial(s) finished\n")
            return ExitStatus.interrupted
        }
        return saved != ExitStatus.success ? saved : status
    }
}
