import Foundation
import NZCLIKit
import NZData
import NZEngine
import NZEval
import NZRuntime
@testable import NZModes
import Testing

/// The research modes: shared sweep columns equal plain evaluation, the overfitting guards
/// against independent references, the search space, walk-forward windows, path statistics,
/// and byte-identical output whatever the thread count.
@Suite struct ResearchTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func program(_ text: String) throws -> Program {
        let compilation = Compiler.compile(path: "test.nzs", text: text)
        let compiled = try #require(compilation.program, "\(compilation.diagnostics.all.map(\.message))")
        return Program(ir: compiled.ir.restricted(to: StrategyPlan.isTradingOutput))
    }

    static func goog() throws -> Frame {
        let bars = try BarImport.read(path: root.appendingPathComponent("data/GOOG_1d.csv").path, source: "GOOG").series
        return Frame(time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume)
    }

    static let smaCross = """
        strategy "s" {
            param fast: int = 10 in 5...50 step 5
            param slow: int = 30 in 20...200 step 10
            constraint fast < slow
            enter long when crossover(sma(close, fast), sma(close, slow))
            exit long when crossunder(sma(close, fast), sma(close, slow))
            stop_loss 2 * atr(14)
        }
        """

    @Test func sharedColumnsEqualPlainEvaluation() throws {
        let program = try Self.program(Self.smaCross)
        let frame = try Self.goog()
        let space = try ParamSpace.make(program, specs: [:]).get()
        #expect(space.gridSize == 190)
        let trials = (0..<space.gridSize).map { space.params(space.choice(ordinal: $0)) }.filter(space.isValid)
        #expect(trials.count == 174)
        var cache = SweepCache(program: program, frame: frame, swept: space.swept)
        // sma(close, fast), sma(close, slow) once per value; atr(14) once for the whole sweep.
        #expect(cache.sharedNodes.all == 3)
        #expect(cache.sharedNodes.hoisted == 1)
        cache.prepare(trials, jobs: 2)
        #expect(cache.bytes == (10 + 19 + 1) * frame.count * 8)
        for params in trials.enumerated().filter({ $0.offset % 17 == 0 }).map(\.element) {
            var pool = ColumnPool()
            let shared = cache.evaluate(params: params, pool: &pool)
            let plain = program.evaluate(frame, params: params)
            for output in program.ir.outputs {
                let a = shared.column(output.value), b = plain.column(output.value)
                #expect(zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(output.name) at \(params)")
            }
        }
    }

    @Test func sharedColumnsRespectTheBudget() throws {
        let program = try Self.program(Self.smaCross)
        let frame = try Self.goog()
        let space = try ParamSpace.make(program, specs: [:]).get()
        var cache = SweepCache(program: program, frame: frame, swept: space.swept, budgetBytes: 5 * frame.count * 8)
        let trials = [space.base, space.params([1, 3])]
        cache.prepare(trials, jobs: 1)
        #expect(cache.bytes <= 5 * frame.count * 8)
        var pool = ColumnPool()
        let shared = cache.evaluate(params: trials[1], pool: &pool)
        let plain = program.evaluate(frame, params: trials[1])
        for output in program.ir.outputs {
            #expect(zip(shared.column(output.value), plain.column(output.value)).allSatisfy { $0.bitPattern == $1.bitPattern })
        }
    }

    @Test func paramSpaceValues() throws {
        #expect(try ParamSpace.values(0.1, 0.5, step: 0.1).get() == [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(try ParamSpace.values(5, 50, step: 5).get().count == 10)
        #expect(try ParamSpace.values(1, 2, step: 0.3).get() == [1, 1.3, 1.6, 1.9])
        #expect(throws: PlanError.self) { try ParamSpace.values(3, 1, step: 1).get() }
        let program = try Self.program(Self.smaCross)
        let space = try ParamSpace.make(program, specs: ["fast": .list([20, 10, 10]), "slow": .fixed(40)]).get()
        #expect(space.dimensions.map(\.name) == ["fast"])
        #expect(space.dimensions[0].values == [10, 20])
        #expect(space.base[1] == 40)
        #expect(throws: PlanError.self) { try ParamSpace.make(program, specs: ["fast": .range(1, 60, step: 5)]).get() }
    }

    @Test func objectives() throws {
        let metrics = Metrics.compute(trades: [], open: nil, equity: [100, 110, 99, 121], cash: 100, periodsPerYear: 4, barsInMarket: 2)
        let expression = try Objective.parse("if trades >= 1 then 0 else total_return * (1 - max_drawdown) + nz(sharpe * na, 2)").get()
        #expect(abs(expression.value(metrics) - (0.21 * 0.9 + 2)) < 1e-12)
        #expect(try Objective.parse("return").get().value(metrics) == metrics.totalReturn)
        #expect(try Objective.parse("profit_factor").get().value(metrics).isNaN)  // no trades: undefined
        #expect(Objective.isBetter(1, than: .nan))
        #expect(!Objective.isBetter(.nan, than: -5))
        guard case .failure(let error) = Objective.parse("sharp + 1") else { Issue.record("expected an error"); return }
        #expect(error.diagnostics.all.first?.code.rawValue == "E2030")
    }

    @Test func normalQuantileMatchesScipy() {
        // scipy.stats.norm.ppf (SciPy 1.17.1).
        let reference: [(Double, Double)] = [(1e-10, -6.361340902404056), (0.001, -3.090232306167813), (0.02425, -1.972961051311885),
                                             (0.05, -1.6448536269514729), (0.3, -0.5244005127080409), (0.5, 0), (0.8, 0.8416212335729143),
                                             (0.975, 1.959963984540054), (0.999999, 4.753424308817087)]
        for (p, expected) in reference {
            #expect(abs(NormalDistribution.quantile(p) - expected) <= 1e-13 * max(1, abs(expected)), "Φ⁻¹(\(p))")
        }
        #expect(abs(NormalDistribution.cdf(1) - 0.8413447460685429) < 1e-15)
    }

    @Test func deflatedSharpeMatchesScipy() throws {
        // r_t = 0.001 + 0.01 sin(0.7 t) + 0.005 cos(1.3 t)³, t = 0..<500, compounded from 100;
        // the expected values come from numpy/scipy (skew, kurtosis(fisher=False), norm.ppf/cdf)
        // over the same equity, with the other five trials' per-bar Sharpe ratios below.
        var equity = [100.0]
        for t in 0..<500 {
            let r = 0.001 + 0.01 * sin(0.7 * Double(t)) + 0.005 * pow(cos(1.3 * Double(t)), 3)
            equity.append(equity[equity.count - 1] * (1 + r))
        }
        let best = ReturnSummary(equity: equity)
        #expect(abs(best.sharpe - 0.13901374906274538) < 1e-12)
        #expect(abs(best.skewness - -0.0054813718634932) < 1e-9)
        #expect(abs(best.kurtosis - 1.8671642984982284) < 1e-9)
        let result = try #require(DeflatedSharpe.compute(sharpes: [0.02, 0.05, -0.01, 0.08, 0.03, best.sharpe], best: best))
        #expect(abs(result.expectedMaximum - 0.06808048224345208) < 1e-12)
        #expect(abs(result.probability - 0.9430176183340676) < 1e-9)
    }

    @Test func pboMatchesBruteForce() throws {
        var generator = SeededGenerator(seed: 99)
        let returns: [[Double]] = (0..<5).map { trial in
            (0..<160).map { bar in (generator.uniformUnit() - 0.5) * 0.02 + (bar / 40 == trial % 4 ? 0.004 : 0) }
        }
        let summaries = returns.map { series in
            var equity = [1.0]
            for r in series { equity.append(equity[equity.count - 1] * (1 + r)) }
            return ReturnSummary(equity: equity)
        }
        let result = try #require(BacktestOverfitting.compute(summaries, jobs: 2))
        #expect(result.splits == 12_870)
        // Brute force, straight from the returns (recomputed from the equity as NZS does).
        let actual = summaries.indices.map { index -> [Double] in
            var equity = [1.0]
            for r in returns[index] { equity.append(equity[equity.count - 1] * (1 + r)) }
            return zip(equity, equity.dropFirst()).map { $1 / $0 - 1 }
        }
        func sharpe(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            return mean / variance.squareRoot()
        }
        var overfit = 0
        for mask in 0..<(1 << 16) where mask.nonzeroBitCount == 8 {
            func pick(_ series: [Double], inSample: Bool) -> [Double] {
                series.enumerated().filter { ((mask >> ($0.offset / 10)) & 1 == 1) == inSample }.map(\.element)
            }
            let inSample = actual.map { sharpe(pick($0, inSample: true)) }
            let outOfSample = actual.map { sharpe(pick($0, inSample: false)) }
            let best = inSample.indices.max { inSample[$0] < inSample[$1] || (inSample[$0] == inSample[$1] && $0 > $1) } ?? 0
            let rank = Double(outOfSample.filter { $0 < outOfSample[best] }.count) + 1
            let omega = rank / Double(actual.count + 1)
            if log(omega / (1 - omega)) <= 0 { overfit += 1 }
        }
        #expect(abs(result.probability - Double(overfit) / 12_870) < 1e-12)
    }

    @Test func walkForwardWindows() throws {
        let rolling = try WalkForward.windows(bars: 1000, options: .init(train: 300, test: 200, purge: 5, embargo: 3)).get()
        #expect(rolling.map(\.train) == [0..<300, 200..<500, 400..<700, 600..<900])
        #expect(rolling.map(\.scored) == [0..<295, 200..<495, 400..<695, 600..<895])
        #expect(rolling.map(\.test) == [303..<503, 503..<703, 703..<903, 903..<1000])
        let anchored = try WalkForward.windows(bars: 1000, options: .init(train: 300, test: 400, anchored: true)).get()
        #expect(anchored.map(\.train) == [0..<300, 0..<700])
        #expect(anchored.map(\.test) == [300..<700, 700..<1000])
        #expect(throws: PlanError.self) { try WalkForward.windows(bars: 301, options: .init(train: 300, test: 10)).get() }
    }

    /// Windows that start or end blocks of bars away from the evaluation's blocks (hourly bars,
    /// many 2,048-bar blocks): each window's trial equals a streamed backtest of that window.
    @Test func windowsAcrossBlocksEqualBacktests() throws {
        let program = try Self.program(Self.smaCross)
        let bars = try BarImport.read(path: Self.root.appendingPathComponent("data/BTCUSDT_1h.csv").path, source: "BTC").series
        let frame = Frame(time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume)
        let space = try ParamSpace.make(program, specs: [:]).get()
        let objective = try Objective.parse("sharpe").get()
        var runner = TrialRunner(cache: SweepCache(program: program, frame: frame, swept: space.swept), objective: objective,
                                 jobs: 1, overrides: { .success($0) })
        let windows = [0..<1_000, 4_000..<5_000, 9_000..<14_500, 20_000..<frame.count]
        let params = space.params(space.choice(ordinal: 3))
        let results = try #require(runner.runWindows([params], windows: windows).first ?? nil)
        for (window, result) in zip(windows, results) {
            let backtest = try runner.backtest(params, bars: window).get()
            let metrics = try #require(result.metrics)
            #expect(metrics.trades > 0, "window \(window)")
            #expect(metrics.trades == backtest.metrics.trades && metrics.finalEquity == backtest.metrics.finalEquity
                    && metrics.sharpe == backtest.metrics.sharpe && metrics.var95 == backtest.metrics.var95, "window \(window)")
            #expect(backtest.equity.count == window.count)
        }
    }

    @Test func pathStatistics() {
        var path = PathAccumulator(start: 1, checkpointSteps: [0, 2, 3])
        for r in [0.1, -0.2, 0.1] { path.add(return: r) }
        let summary = path.summary(stepsPerYear: 1)
        #expect(abs(summary.finalReturn - (1.1 * 0.8 * 1.1 - 1)) < 1e-15)
        #expect(abs(summary.maxDrawdown - 0.2) < 1e-15)
        #expect(abs(summary.lowest - 0.88) < 1e-15)
        #expect(summary.checkpoints.count == 3)
        #expect(abs(summary.checkpoints[1] - 0.88) < 1e-15)
        #expect(Percentiles.of([1, 2, 3, 4, 5], levels: [0, 25, 50, 90]) == [1, 2, 3, 4.6])
        #expect(PathAccumulator.checkpointSteps(steps: 1000, limit: 5) == [0, 250, 500, 750, 1000])
    }

    @Test func cancellationStopsNewWork() {
        let results = ParallelWork.map(100, jobs: 1, isCancelled: { false }) { $0 * 2 }
        #expect(results.compactMap { $0 } == (0..<100).map { $0 * 2 })
        let flag = Flag()
        let partial = ParallelWork.map(100, jobs: 2, isCancelled: { flag.isSet }) { index -> Int in
            if index == 10 { flag.set() }
            return index
        }
        #expect(partial.contains { $0 == nil })
        #expect(partial.prefix(10).allSatisfy { $0 != nil })
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
        func set() { lock.lock(); value = true; lock.unlock() }
    }

    /// The same seed gives byte-identical output with one thread or two.
    @Test(arguments: [
        ["optimize", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--json", "--no-save"],
        ["optimize", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--json", "--no-save", "--method", "bayes", "--trials", "20", "--seed", "5"],
        ["walkforward", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--train", "700", "--test", "300", "--json", "--no-save",
         "--method", "random", "--trials", "12"],
        ["montecarlo", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--method", "trades", "--runs", "300", "--json", "--no-save"],
        ["montecarlo", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--method", "params", "--runs", "30", "--json", "--no-save"],
    ])
    func identicalWhateverTheJobs(_ arguments: [String]) {
        let one = NZSEntryPoint.run(arguments + ["--jobs", "1"], workingDirectory: Self.root.path)
        let two = NZSEntryPoint.run(arguments + ["--jobs", "2"], workingDirectory: Self.root.path)
        #expect(one.status == 0, "\(one.error)")
        #expect(!one.out.isEmpty)
        #expect(one.out == two.out)
    }

    @Test func studyIsRecordedWithEveryTrial() throws {
        let path = NSTemporaryDirectory() + "nzs-research-\(UUID().uuidString).db"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = NZSEntryPoint.run(["optimize", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--param", "fast=5,10",
                                     "--param", "slow=20...40:10", "--store", path], workingDirectory: Self.root.path)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("saved optimize study 1 (6 trials)"))
        let study = try #require(try Store(path: path).study(id: 1))
        #expect(study.kind == "optimize")
        #expect(study.trials.count == 6)
        #expect(study.trials[0].paramsJSON == "{\"fast\": 5, \"slow\": 20}")
        #expect(study.trials.allSatisfy { $0.metricsJSON != nil && $0.objective != nil })
        let shown = NZSEntryPoint.run(["studies", "show", "1", "--store", path, "--json"], workingDirectory: Self.root.path)
        #expect(shown.status == 0)
        #expect(shown.out.contains("\"kind\": \"optimize\""))
        let listed = NZSEntryPoint.run(["studies", "list", "--store", path], workingDirectory: Self.root.path)
        #expect(listed.out.contains("optimize"))
    }
}
