import ArgumentParser
import Foundation
import NZData
import NZEngine
import NZEval
import NZModes

/// `nzs walkforward FILE --data CSV --train N --test M`: optimizes on each in-sample window,
/// trades the chosen params on the window after it, and stitches the out-of-sample runs.
struct WalkForwardCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkforward",
        abstract: "Walk-forward analysis: optimize in sample, trade out of sample, stitch.",
        discussion: "Windows, purge and embargo are defined in docs/research.md; the JSON format is in docs/cli.md."
    )

    @Argument(help: "The strategy script.")
    var file: String

    @Option(help: "The bars: a file (CSV, an MT5 export, Binance klines or Parquet).")
    var data: String?

    @Option(help: "Bars in each training (in-sample) window.")
    var train: Int

    @Option(help: "Bars in each test (out-of-sample) window.")
    var test: Int

    @Flag(help: "Every training window starts at the first bar (default: rolling windows of --train bars).")
    var anchored = false

    @Option(help: "Bars at the end of each training window left out of its scoring (default 0).")
    var purge = 0

    @Option(help: "Bars between each training window and its test window, neither trained nor tested on (default 0).")
    var embargo = 0

    @OptionGroup var bars: BarSourceOptions
    @OptionGroup var study: StudyOptions
    @OptionGroup var search: SearchOptions
    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print one JSON object: windows, stitched metrics, efficiency and parameter stability.")
    var json = false

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        guard let (method, objective, setup) = StudySetup.search(file: file, data: data, bars: bars, study: study, search: search,
                                                                 engine: engine, support: &support) else { return support.status }
        let options = WalkForward.Options(train: train, test: test, anchored: anchored, purge: purge, embargo: embargo,
                                          search: Optimizer.Options(method: method, trials: search.trials, seed: study.seed))
        var runner = setup.runner(objective: objective)
        let progress = ProgressReporter(io: io, forced: study.progress, label: "walk-forward")
        let interruption = Interruption(io: io)
        let clock = ContinuousClock(), start = clock.now
        let result = WalkForward.run(&runner, space: setup.space, options: options, isCancelled: { interruption.isStopped },
                                     planned: { progress.expect($0) }, finished: { progress.advance() })
        progress.finish()
        support.timings += [("shared columns", runner.sharedSeconds), ("windows", Compiler.seconds(clock.now - start) - runner.sharedSeconds)]
        let outcome: WalkForward.Outcome
        switch result {
        case .success(let value): outcome = value
        case .failure(let error):
            io.error("error: \(error.message)\n")
            return ExitStatus.usage
        }
        io.out(json ? StudyJSON.walkForward(outcome, space: setup.space, time: setup.frame.time, objective: objective, options: options)
                    : StudyText.walkForward(outcome, setup: setup, objective: objective, options: options))
        var trials: [StoredTrial] = []
        for (index, window) in outcome.windows.enumerated() {
            trials.append(StoredTrial(part: "window \(index) in-sample", paramsJSON: StudyJSON.params(window.params, space: setup.space),
                                      metricsJSON: window.inSample.metrics.map(RunReport.metricsJSON), objective: window.inSample.objective, error: nil))
            trials.append(StoredTrial(part: "window \(index) out-of-sample", paramsJSON: StudyJSON.params(window.params, space: setup.space),
                                      metricsJSON: RunReport.metricsJSON(window.outOfSample.metrics), objective: window.outOfSampleObjective, error: nil))
        }
        let optionsJSON = "{\"method\": \(Formatting.jsonString(method.rawValue)), \"objective\": \(Formatting.jsonString(objective.text)), "
            + "\"seed\": \(study.seed), \"train\": \(train), \"test\": \(test), \"anchored\": \(anchored), \"purge\": \(purge), \"embargo\": \(embargo)}"
        let summary = "{\"stitched\": \(RunReport.metricsJSON(outcome.stitched)), \"efficiency\": \(Formatting.jsonNumber(outcome.efficiency))}"
        let saved = StudySetup.save(setup.stored(kind: "walkforward", file: file, optionsJSON: optionsJSON, summaryJSON: summary,
                                                 interrupted: outcome.interrupted, trials: trials), store: bars.store, options: study, io: io)
        support.printTimings(timings)
        if outcome.interrupted {
            io.error("interrupted: \(outcome.windows.count) window(s) finished\n")
            return ExitStatus.interrupted
        }
        return saved
    }
}
