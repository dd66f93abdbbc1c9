import ArgumentParser
import Foundation
import NZEngine
import NZEval
import NZModes

/// `nzs bench`: in-process timings of the compiler and of a backtest, as medians over
/// repeated runs. `bench/run.sh` runs it next to the peer libraries on the same bars and
/// records the ratios in docs/performance.md.
struct BenchCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time compilation and backtesting in-process (median of repeats).",
        discussion: "Build with -c release before measuring. Prints one line per measurement: name, median seconds, per-unit figure."
    )

    @Option(help: "The bars to backtest on.")
    var data: String?

    @Option(help: "Instead of a backtest, time each indicator over this many synthetic values (a seeded random walk).")
    var kernels: Int?

    @Option(help: "With --kernels or alone: read the bars for the kernel timings from a raw file of float64 columns (open, high, low, close, volume, little-endian; `bench/kernels.py` writes it).")
    var bars: String?

    @Option(help: "With --kernels or --bars: the expressions to time (repeatable; default: a standard list).")
    var expr: [String] = []

    @Option(help: "Instead of a backtest, time the ML runtime on the raw files `bench/ml.py` writes into this directory.")
    var ml: String?

    @Option(help: "The strategy to backtest.")
    var script = "strategies/sma_cross.nzs"

    @Option(help: "A script to time `nzs check` on (default: the strategy).")
    var check: String?

    @Option(help: "How many times to repeat each measurement.")
    var repeats = 7

    func execute(_ io: CommandIO) -> Int32 {
        if let ml { return MLBench(directory: io.resolve(ml), repeats: repeats).run(io) }
        if kernels != nil || bars != nil {
            let bench = KernelBench(count: kernels ?? 0, repeats: repeats, expressions: expr.isEmpty ? KernelBench.expressions : expr)
            if let bars {
                guard let frame = KernelBench.readRaw(io.resolve(bars)) else {
                    io.error("error: `\(bars)` is not a raw file of five float64 columns\n")
                    return ExitStatus.runtimeError
                }
                return bench.run(io, frame: frame)
            }
            return bench.run(io, frame: bench.frame())
        }
        guard let data else {
            io.error("error: `nzs bench` needs `--data FILE` (or `--kernels N`)\n")
            return ExitStatus.usage
        }
        var support = ScriptSupport(io: io)
        let checkPath = check ?? script
        guard let checkText = support.readText(checkPath), let text = support.readText(script),
              let compilation = support.compile(path: script, text: text), let compiled = compilation.program,
              let (_, frame) = support.loadData(data) else { return support.status }
        let params = support.withBarInterval(compiled.ir.defaultParams, compiled, frame)
        guard case .success(let plan) = StrategyPlan.make(compiled.ir, params: params) else {
            io.error("error: \(script) has no strategy to backtest\n")
            return ExitStatus.runtimeError
        }
        let program = Program(ir: compiled.ir.restricted(to: StrategyPlan.isTradingOutput))
        let loader = FileModuleLoader(workingDirectory: io.workingDirectory)
        let lines = checkText.split(separator: "\n", omittingEmptySubsequences: false).count

        let checkTime = median { _ = Compiler.compile(path: checkPath, text: checkText, loader: loader) }
        var evaluation: Evaluation?
        let evalTime = median { evaluation = program.evaluate(frame, params: params) }
        let simulateTime = median {
            if let evaluation { _ = Backtest.simulate(evaluation, frame: frame, plan: plan, settings: plan.settings) }
        }
        var result: BacktestResult?
        if let evaluation { result = Backtest.simulate(evaluation, frame: frame, plan: plan, settings: plan.settings) }
        let metricsTime = median {
            if let result { _ = Metrics.compute(result, cash: plan.settings.cash, periodsPerYear: 252) }
        }
        let totalTime = median { _ = Backtest.stream(program, frame: frame, params: params, plan: plan, settings: plan.settings) }
        let pipelinedTime = median {
            _ = Backtest.stream(program, frame: frame, params: params, plan: plan, settings: plan.settings, pipelined: true)
        }
        let paperTime = median { _ = PaperReplay.run(program, frame: frame, params: params, plan: plan, settings: plan.settings) }
        let bars = Double(frame.count)
        io.out("benchmark                                 median s   per unit\n")
        row(io, "check \(checkPath) (\(lines) lines)", checkTime, String(format: "%.1f us/line", checkTime / Double(lines) * 1e6))
        row(io, "eval \(script), \(frame.count) bars", evalTime, String(format: "%.2f ns/bar", evalTime / bars * 1e9))
        row(io, "simulate, \(frame.count) bars", simulateTime, String(format: "%.2f ns/bar", simulateTime / bars * 1e9))
        row(io, "  of which metrics", metricsTime, String(format: "%.2f ns/bar", metricsTime / bars * 1e9))
        row(io, "eval + simulate, \(frame.count) bars", totalTime, String(format: "%.2f ns/bar", totalTime / bars * 1e9))
        row(io, "  pipelined (nzs run, 2 threads)", pipelinedTime, String(format: "%.2f ns/bar", pipelinedTime / bars * 1e9))
        row(io, "paper replay (streaming), \(frame.count) bars", paperTime, String(format: "%.2f ns/bar", paperTime / bars * 1e9))
        return ExitStatus.success
    }

    private func median(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = clock.now
            body()
            samples.append(Compiler.seconds(clock.now - start))
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    private func row(_ io: CommandIO, _ name: String, _ seconds: Double, _ unit: String) {
        io.out(name.padding(toLength: max(42, name.count + 1), withPad: " ", startingAt: 0) + String(format: "%9.6f", seconds) + "   " + unit + "\n")
    }
}
