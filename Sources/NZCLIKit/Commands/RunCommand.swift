import ArgumentParser
import Foundation
import NZData
import NZEngine
import NZEval
import NZModes

/// `nzs run FILE --data CSV`: backtests a strategy (or replays it bar by bar as paper trading)
/// and prints a summary, or one JSON object with `--json`.
struct RunCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Backtest a strategy on a data file.",
        discussion: "Market orders fill at the next bar's open. See docs/conventions.md for every rule and docs/cli.md for the JSON format."
    )

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case backtest, paper
    }

    @Argument(help: "The strategy script.")
    var file: String

    @Option(help: "The bars: a file (CSV with time,open,high,low,close,volume, an MT5 export or Binance klines).")
    var data: String?

    @OptionGroup var bars: BarSourceOptions

    @Option(help: "Paper trading by replay: feed the bars of this CSV file one at a time (implies --mode paper).")
    var replay: String?

    @Option(name: .customLong("param"), help: "Override a param, as name=value (repeatable).")
    var params: [String] = []

    @Option(help: "The instrument's point size, read by `point` (default 0.01).")
    var point: Double?

    @OptionGroup var engine: EngineOptions

    @Option(help: "backtest (batch evaluation) or paper (bar-by-bar replay through the streaming evaluator).")
    var mode: Mode?

    @Flag(help: "Save the run (script and data hashes, params, settings, metrics, trades, equity) in the store (--store).")
    var save = false

    @Flag(help: "Print one JSON object instead of the text summary.")
    var json = false

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        var status = ExitStatus.success
        guard let setup = StrategySetup.make(file: file, params: params, point: point, engine: engine, support: &support,
                                             status: &status) else { return status }
        let (program, plan) = (setup.program, setup.plan)
        if replay != nil, data != nil { return usage(io, "give the bars with either `--data` or `--replay`, not both") }
        if replay != nil, self.mode == .backtest { return usage(io, "`--replay` is paper trading; it cannot run with `--mode backtest`") }
        let mode = replay != nil ? .paper : self.mode ?? .backtest
        let source = replay ?? data ?? "\(bars.symbol ?? "") \(bars.timeframe ?? "")"
        // A volume column no node reads is checked but not kept (8 bytes a bar).
        guard let (series, frame) = support.loadBars(data: replay ?? data, bars.source, keepsVolume: program.ir.reads(.volume))
        else { return support.status }
        let (stored, settings) = support.withStoredInstrument(setup.params, setup.settings, program, pointGiven: point != nil)
        if let problem = settings.problem {
            io.error("error: \(file): \(problem)\n")
            return ExitStatus.runtimeError
        }
        let values = support.withBarInterval(stored, program, frame)
        let clock = ContinuousClock()
        let result: BacktestResult
        switch mode {
        case .backtest:
            // Streamed: each block of rule outputs goes to the broker as it is computed, by a
            // second thread when there is a second core.
            var timing = Backtest.StreamTiming()
            result = Backtest.stream(program, frame: frame, params: values, plan: plan, settings: settings, pipelined: true,
                                     timing: &timing)
            support.timings += [("eval", timing.evaluation), ("simulate", timing.simulation)]
        case .paper:
            let start = clock.now
            result = PaperReplay.run(program, frame: frame, params: values, plan: plan, settings: settings)
            support.timings.append(("simulate", Compiler.seconds(clock.now - start)))
        }
        if json {
            RunReport.json(result) { io.out($0) }
        } else {
            io.out(RunReport.text(result, name: program.ir.strategyName ?? file, frame: frame, settings: settings))
        }
        if !result.rejectedOrders.isEmpty {
            io.error("warning: \(result.rejectedOrders.count) order(s) were rejected: not enough free margin, or below the minimum quantity (first at \(TimeParsing.iso8601(result.rejectedOrders[0])))\n")
        }
        if save {
            let path = bars.store
            let fromFile = replay ?? data
            // Stored bars are hashed as the canonical CSV they export to.
            let bytes = fromFile.flatMap { FileManager.default.contents(atPath: io.resolve($0)).map { [UInt8]($0) } }
                ?? Array(BarCSV.text(series).utf8)
            let record = RunRecording.record(result, setup: setup, frame: frame, mode: mode.rawValue, scriptPath: file,
                                             scriptText: setup.text, dataPath: source, dataBytes: bytes)
            do {
                let id = try Store(path: io.resolve(path)).save(record)
                io.error("saved run \(id) to \(path)\n")
            } catch {
                io.error("error: \(path): \(error.reason)\n")
                return ExitStatus.runtimeError
            }
        }
        support.printTimings(timings)
        return ExitStatus.success
    }

    private func usage(_ io: CommandIO, _ message: String) -> Int32 {
        io.error("error: \(message)\n")
        return ExitStatus.usage
    }
}
