import ArgumentParser
import NZData
import NZModes

/// `nzs parity FILE --data CSV`: runs the strategy as a backtest (batch driver) and as paper
/// trading by replay (streaming driver) and prints the first bar where they differ, if any.
struct ParityCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity",
        abstract: "Check that backtest and paper replay agree bar by bar.",
        discussion: "Exit status 0 when identical, 1 when a difference is found (printed), as documented in docs/cli.md."
    )

    @Argument(help: "The strategy script.")
    var file: String

    @Option(help: "The bars: a CSV file with time,open,high,low,close,volume.")
    var data: String

    @Option(name: .customLong("param"), help: "Override a param, as name=value (repeatable).")
    var params: [String] = []

    @Option(help: "The instrument's point size, read by `point` (default 0.01).")
    var point: Double?

    @OptionGroup var engine: EngineOptions

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        var status = ExitStatus.success
        guard let setup = StrategySetup.make(file: file, params: params, point: point, engine: engine, support: &support,
                                             status: &status) else { return status }
        if let problem = setup.settings.problem {
            io.error("error: \(file): \(problem)\n")
            return ExitStatus.runtimeError
        }
        guard let (_, frame) = support.loadData(data) else { return support.status }
        let values = support.withBarInterval(setup.params, setup.program, frame)
        let report = Parity.compare(setup.program, frame: frame, params: values, plan: setup.plan, settings: setup.settings)
        guard let difference = report.difference else {
            io.out("identical: \(report.bars) bars, \(report.outputs.count) trading outputs, \(report.backtest.trades.count) trades, "
                   + "final equity \(Formatting.number(report.backtest.metrics.finalEquity))\n")
            return ExitStatus.success
        }
        io.out("first difference at bar \(difference.bar) (\(TimeParsing.iso8601(difference.time))): \(difference.what): "
               + "backtest \(Formatting.number(difference.backtest)), paper \(Formatting.number(difference.paper))\n")
        return ExitStatus.parityDifference
    }
}
