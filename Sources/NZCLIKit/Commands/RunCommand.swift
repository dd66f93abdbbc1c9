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

    @Option(help: "The bars: a CSV file with time,open,high,low,close,volume.")
    var data: String

    @Option(name: .customLong("param"), help: "Override a param, as name=value (repeatable).")
    var params: [String] = []

    @Option(help: "Initial cash (default 10000).")
    var cash: Double?

    @Option(help: "Fee per side, a fraction (0.001) or a percent (0.1%); overrides the script's `costs`.")
    var fee: String?

    @Option(help: "Slippage per fill, a fraction or a percent; overrides the script's `costs`.")
    var slippage: String?

    @Option(help: "The instrument's point size, read by `point` (default 0.01).")
    var point: Double?

    @Option(name: .customLong("periods-per-year"),
            help: "Bars per year for annualized metrics (default: from the bar interval and the calendar).")
    var periodsPerYear: Double?

    @Option(help: "backtest (batch evaluation) or paper (bar-by-bar replay through the streaming evaluator).")
    var mode: Mode = .backtest

    @Flag(help: "Print one JSON object instead of the text summary.")
    var json = false

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        guard let text = support.readText(file),
              let compilation = support.compile(path: file, text: text),
              let compiled = compilation.program,
              let values = support.params(compiled, overrides: params, point: point) else { return support.status }
        let program = Program(ir: compiled.ir.restricted(to: StrategyPlan.isTradingOutput))
        let plan: StrategyPlan
        switch StrategyPlan.make(program.ir, params: values) {
        case .success(let made): plan = made
        case .failure(let error):
            io.error("error: \(file): \(error.message)\n")
            return ExitStatus.runtimeError
        }
        var settings = plan.settings
        if let cash {
            guard cash.isFinite, cash > 0 else { return usage(io, "`--cash` must be a positive number") }
            settings.cash = cash
        }
        if let fee {
            guard let value = Self.fraction(fee) else { return usage(io, "`--fee \(fee)` must be a fraction from 0 up to 1, or a percent such as 0.1%") }
            settings.fee = value
        }
        if let slippage {
            guard let value = Self.fraction(slippage) else { return usage(io, "`--slippage \(slippage)` must be a fraction from 0 up to 1, or a percent") }
            settings.slippage = value
        }
        if let periodsPerYear {
            guard periodsPerYear.isFinite, periodsPerYear > 0 else { return usage(io, "`--periods-per-year` must be a positive number") }
            settings.periodsPerYear = periodsPerYear
        }
        guard let (_, frame) = support.loadData(data) else { return support.status }
        let clock = ContinuousClock()
        let result: BacktestResult
        switch mode {
        case .backtest:
            var start = clock.now
            let evaluation = program.evaluate(frame, params: values)
            support.timings.append(("eval", Compiler.seconds(clock.now - start)))
            start = clock.now
            result = Backtest.simulate(evaluation, frame: frame, plan: plan, settings: settings)
            support.timings.append(("simulate", Compiler.seconds(clock.now - start)))
        case .paper:
            let start = clock.now
            result = PaperReplay.run(program, frame: frame, params: values, plan: plan, settings: settings)
            support.timings.append(("simulate", Compiler.seconds(clock.now - start)))
        }
        io.out(json ? RunReport.json(result) : RunReport.text(result, name: program.ir.strategyName ?? file, frame: frame, settings: settings))
        if !result.rejectedOrders.isEmpty {
            io.error("warning: \(result.rejectedOrders.count) order(s) could not be afforded and were not filled (first at \(TimeParsing.iso8601(result.rejectedOrders[0])))\n")
        }
        support.printTimings(timings)
        return ExitStatus.success
    }

    private func usage(_ io: CommandIO, _ message: String) -> Int32 {
        io.error("error: \(message)\n")
        return ExitStatus.usage
    }

    /// `0.001` or `0.1%`, from 0 up to (not including) 1.
    static func fraction(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value = trimmed.hasSuffix("%") ? Double(trimmed.dropLast()).map { $0 / 100 } : Double(trimmed)
        guard let value, value >= 0, value < 1 else { return nil }
        return value
    }
}
