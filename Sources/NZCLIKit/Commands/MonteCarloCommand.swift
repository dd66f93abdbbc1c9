import ArgumentParser
import Foundation
import NZData
import NZEngine
import NZEval
import NZModes

/// `nzs montecarlo FILE --data CSV --method trades|blocks|params|costs --runs N --seed S`: how
/// much of a backtest's result survives reordering its trades, resampling its returns, moving
/// its params or its costs.
struct MonteCarloCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "montecarlo",
        abstract: "Monte Carlo study of a backtest: trade bootstrap, block bootstrap, param jitter, cost perturbation.",
        discussion: "Each method is defined in docs/research.md; the JSON format is in docs/cli.md."
    )

    @Argument(help: "The strategy script.")
    var file: String

    @Option(help: "The bars: a file (CSV, an MT5 export, Binance klines or Parquet).")
    var data: String?

    @Option(help: "trades (bootstrap of trade returns), blocks (stationary block bootstrap of bar returns), params (jitter) or costs (fee and slippage).")
    var method: String

    @Option(help: "Paths to simulate (default 1000).")
    var runs = 1000

    @Option(help: "The mean block length of --method blocks, in bars (default: the cube root of the bar count).")
    var block: Int?

    @Option(help: "Ruin: a loss of this share of the starting equity at any point (default 50%).")
    var ruin = "50%"

    @Option(help: "--method params: the most steps each param moves from its value (default 2).")
    var jitter = 2

    @Option(name: .customLong("cost-range"), help: "--method costs: the factors the fee and slippage are multiplied by, lo...hi (default 0.5...2).")
    var costRange = "0.5...2"

    @OptionGroup var bars: BarSourceOptions
    @OptionGroup var study: StudyOptions
    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print one JSON object: percentiles of final return, max drawdown and Sharpe, ruin, terminal VaR and CVaR.")
    var json = false

    @Option(help: "Also write a self-contained HTML page (a histogram and a fan chart).")
    var html: String?

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        guard let chosen = MonteCarlo.Method(rawValue: method) else {
            return usage(io, "`--method \(method)` must be one of \(MonteCarlo.Method.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (1...10_000_000).contains(runs) else { return usage(io, "`--runs` must be from 1 to 10000000") }
        guard let ruinShare = EngineOptions.number(ruin), ruinShare > 0, ruinShare <= 1 else {
            return usage(io, "`--ruin \(ruin)` must be a share of the starting equity above 0% and at most 100%")
        }
        guard (0...1000).contains(jitter) else { return usage(io, "`--jitter` must be from 0 to 1000") }
        let bounds = costRange.components(separatedBy: "...").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard bounds.count == 2, bounds[0] >= 0, bounds[0] <= bounds[1], bounds[1].isFinite else {
            return usage(io, "`--cost-range \(costRange)` must look like `0.5...2` (factors, lo ≤ hi)")
        }
        if let block, block < 1 { return usage(io, "`--block` must be at least 1") }
        guard let setup = StudySetup.make(file: file, data: data, bars: bars, study: study, engine: engine, support: &support) else {
            return support.status
        }
        var options = MonteCarlo.Options(method: chosen, runs: runs, seed: study.seed)
        options.blockLength = block
        options.ruin = ruinShare
        options.jitter = jitter
        options.costFactors = bounds[0]...bounds[1]
        guard case .success(let objective) = Objective.parse("sharpe") else { return ExitStatus.runtimeError }
        var runner = setup.runner(objective: objective)
        let progress = ProgressReporter(io: io, forced: study.progress, label: "montecarlo")
        progress.expect(runs)
        let interruption = Interruption(io: io)
        let clock = ContinuousClock(), start = clock.now
        let result = MonteCarlo.run(&runner, space: setup.space, options: options, isCancelled: { interruption.isStopped },
                                    finished: { progress.advance() })
        progress.finish()
        support.timings.append(("paths", Compiler.seconds(clock.now - start)))
        let outcome: MonteCarlo.Outcome
        switch result {
        case .success(let value): outcome = value
        case .failure(let error):
            io.error("error: \(error.message)\n")
            return ExitStatus.usage
        }
        io.out(json ? StudyJSON.monteCarlo(outcome, options: options) : StudyText.monteCarlo(outcome, setup: setup, options: options))
        var status = ExitStatus.success
        if let html {
            let page = StudyPage.monteCarlo(outcome, options: options, title: setup.program.ir.strategyName ?? file)
            if !FileManager.default.createFile(atPath: io.resolve(html), contents: Data(page.utf8)) {
                io.error("error: cannot write `\(html)`\n")
                status = ExitStatus.runtimeError
            }
        }
        let optionsJSON = "{\"method\": \(Formatting.jsonString(chosen.rawValue)), \"runs\": \(runs), \"seed\": \(study.seed), "
            + "\"block\": \(outcome.blockLength.map(String.init) ?? "null"), \"ruin\": \(Formatting.jsonNumber(ruinShare)), \"jitter\": \(jitter), "
            + "\"cost_range\": [\(Formatting.jsonNumber(bounds[0])), \(Formatting.jsonNumber(bounds[1]))]}"
        let base = StoredTrial(part: "base", paramsJSON: StudyJSON.params(setup.space.base, space: setup.space),
                               metricsJSON: RunReport.metricsJSON(outcome.base.metrics), objective: nil, error: nil)
        let saved = StudySetup.save(setup.stored(kind: "montecarlo", file: file, optionsJSON: optionsJSON,
                                                 summaryJSON: StudyJSON.monteCarlo(outcome, options: options),
                                                 interrupted: outcome.interrupted, trials: [base]), store: bars.store, options: study, io: io)
        support.printTimings(timings)
        if outcome.interrupted {
            io.error("interrupted: \(outcome.paths.count) path(s) finished\n")
            return ExitStatus.interrupted
        }
        return saved != ExitStatus.success ? saved : status
    }

    private func usage(_ io: CommandIO, _ message: String) -> Int32 {
        io.error("error: \(message)\n")
        return ExitStatus.usage
    }
}
