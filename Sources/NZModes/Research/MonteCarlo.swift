import Foundation
import NZEngine
import NZEval
import NZRuntime

/// Monte Carlo studies of one backtest: how much of its result is the order of its trades, the
/// path of its returns, its exact params or its costs. Every path draws from its own generator,
/// seeded with (seed, path number), so the output depends on the seed only, never on threads.
///
/// - `trades`: bootstrap of the closed trades' returns (each trade's P&L over the equity before
///   it), n draws with replacement for n trades, compounded; Sharpe per trade, annualized by the
///   base run's trades per year.
/// - `blocks`: stationary block bootstrap (Politis and Romano 1994) of the per-bar returns:
///   blocks start at a uniform bar and continue each bar with probability 1 − 1/L (mean length L),
///   wrapping at the end; Sharpe per bar, annualized by the periods per year.
/// - `params`: each swept param moved by a uniform whole number of steps in [−j, j] around the
///   base value (clamped to its values; redrawn while a `constraint` fails), then a full backtest.
/// - `costs`: the fee and the slippage each multiplied by a uniform factor in [lo, hi], then the
///   broker again over the same signals.
public enum MonteCarlo {
    public enum Method: String, Sendable, CaseIterable { case trades, blocks, params, costs }

    public struct Options: Sendable {
        public var method: Method
        public var runs: Int
        public var seed: UInt64 = 1
        /// The mean block length L of `blocks` (default: the cube root of the bar count).
        public var blockLength: Int?
        /// Ruin: the equity falling to (1 − ruin) of the start at any point.
        public var ruin = 0.5
        /// Steps j of `params`.
        public var jitter = 2
        /// Factors of `costs`.
        public var costFactors: ClosedRange<Double> = 0.5...2

        public init(method: Method, runs: Int, seed: UInt64 = 1) {
            self.method = method
            self.runs = runs
            self.seed = seed
        }
    }

    public struct Outcome: Sendable {
        /// The run every path varies.
        public let base: BacktestResult
        public let paths: [PathSummary]
        /// The steps of the fan chart's checkpoints (trades or bars).
        public let checkpointSteps: [Int]
        public let blockLength: Int?
        public let interrupted: Bool

        public var finalReturns: [Double] { paths.map(\.finalReturn) }
        /// The share of paths whose equity fell to (1 − ruin) of the start or below.
        public func ruinProbability(_ ruin: Double) -> Double {
            paths.isEmpty ? .nan : Double(paths.filter { $0.lowest <= 1 - ruin }.count) / Double(paths.count)
        }
    }

    public static func run(_ runner: inout TrialRunner, space: ParamSpace, options: Options,
                           isCancelled: @escaping @Sendable () -> Bool = { false },
                           finished: @escaping @Sendable () -> Void = {}) -> Result<Outcome, PlanError> {
        let base: BacktestResult, settings: EngineSettings
        switch (runner.backtest(space.base), runner.settings(space.base)) {
        case (.success(let run), .success(let made)): (base, settings) = (run, made)
        case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
        }
        let frame = runner.frame
        let periods = settings.periodsPerYear ?? Annualization.periodsPerYear(times: frame.time)
        let runs = options.runs, seed = options.seed
        var blockLength: Int?
        let steps: Int
        let path: @Sendable (Int) -> PathSummary?
        switch options.method {
        case .trades:
            let returns = tradeReturns(base, frame: frame, cash: settings.cash)
            guard returns.count >= 2 else { return .failure(PlanError(message: "the trades method needs at least 2 closed trades; the base run has \(returns.count)")) }
            let years = Double(frame.count) / periods
            let perYear = years > 0 ? Double(returns.count) / years : Double(returns.count)
            steps = returns.count
            let checkpoints = PathAccumulator.checkpointSteps(steps: steps)
            path = { index in
                var generator = SeededGenerator(seed: seed, stream: UInt64(index))
                var accumulator = PathAccumulator(start: 1, checkpointSteps: checkpoints)
                for _ in 0..<returns.count { accumulator.add(return: returns[generator.uniform(below: returns.count)]) }
                return accumulator.summary(stepsPerYear: perYear)
            }
        case .blocks:
            let equity = base.equity
            let returns = zip(equity, equity.dropFirst()).map { $0 != 0 ? $1 / $0 - 1 : 0 }
            guard returns.count >= 2 else { return .failure(PlanError(message: "the blocks method needs at least 3 bars")) }
            let length = options.blockLength ?? max(1, Int(pow(Double(returns.count), 1.0 / 3).rounded()))
            guard length >= 1, length <= returns.count else {
                return .failure(PlanError(message: "`--block \(length)` must be from 1 to the number of returns (\(returns.count))"))
            }
            blockLength = length
            steps = returns.count
            let checkpoints = PathAccumulator.checkpointSteps(steps: steps)
            let restart = 1 / Double(length)
            path = { index in
                var generator = SeededGenerator(seed: seed, stream: UInt64(index))
                var accumulator = PathAccumulator(start: 1, checkpointSteps: checkpoints)
                var position = generator.uniform(below: returns.count)
                for _ in 0..<returns.count {
                    accumulator.add(return: returns[position])
                    position = generator.uniformUnit() < restart ? generator.uniform(below: returns.count) : (position + 1) % returns.count
                }
                return accumulator.summary(stepsPerYear: periods)
            }
        case .params, .costs:
            steps = max(0, frame.count - 1)
            let checkpoints = PathAccumulator.checkpointSteps(steps: steps)
            let summarize: @Sendable (BacktestResult) -> PathSummary = { result in
                var accumulator = PathAccumulator(start: result.equity.first ?? 1, checkpointSteps: checkpoints)
                for value in result.equity.dropFirst() { accumulator.add(equity: value) }
                return accumulator.summary(stepsPerYear: periods)
            }
            if options.method == .params {
                guard !space.dimensions.isEmpty else { return .failure(PlanError(message: "the params method needs params with ranges to jitter")) }
                let draws = jittered(space, runs: runs, steps: options.jitter, seed: seed)
                runner.prepare(draws, isCancelled: isCancelled)
                let prepared = runner
                path = { index in (try? prepared.backtest(draws[index]).get()).map(summarize) }
            } else {
                guard settings.fee > 0 || settings.slippage > 0 else {
                    return .failure(PlanError(message: "the costs method needs a fee or a slippage to vary (the script's `costs`, or --fee / --slippage)"))
                }
                let columns: PlanColumns
                switch runner.plan(space.base) {
                case .success(let made): columns = made.columns
                case .failure(let error): return .failure(error)
                }
                let factors = options.costFactors
                path = { index in
                    var generator = SeededGenerator(seed: seed, stream: UInt64(index))
                    var perturbed = settings
                    let span = factors.upperBound - factors.lowerBound
                    perturbed.fee = settings.fee * (factors.lowerBound + span * generator.uniformUnit())
                    perturbed.slippage = settings.slippage * (factors.lowerBound + span * generator.uniformUnit())
                    return summarize(SimulatedBroker.run(frame, columns, settings: perturbed))
                }
            }
        }
        // An outer nil: not run (interrupted); an inner nil: the path's params could not run.
        let results = ParallelWork.map(runs, jobs: runner.jobs, isCancelled: isCancelled) { index -> PathSummary? in
            defer { finished() }
            return path(index)
        }
        let interrupted = results.contains { $0 == nil }
        let paths = results.compactMap { $0 }.compactMap { $0 }
        guard !paths.isEmpty else { return .failure(PlanError(message: "no path could run")) }
        return .success(Outcome(base: base, paths: paths, checkpointSteps: PathAccumulator.checkpointSteps(steps: steps),
                                blockLength: blockLength, interrupted: interrupted))
    }

    /// Each closed trade's P&L over the equity at the close before its entry bar.
    static func tradeReturns(_ run: BacktestResult, frame: Frame, cash: Double) -> [Double] {
        run.trades.map { trade in
            var low = 0, high = frame.count
            while low < high {
                let middle = (low + high) / 2
                if frame.time[middle] < trade.entryTime { low = middle + 1 } else { high = middle }
            }
            let before = low > 0 && low - 1 < run.equity.count ? run.equity[low - 1] : cash
            return before != 0 ? trade.pnl / before : 0
        }
    }

    /// `runs` param sets: each varied param moved by up to `steps` of its values from the base.
    static func jittered(_ space: ParamSpace, runs: Int, steps: Int, seed: UInt64) -> [[Double]] {
        let center = space.dimensions.map { dimension in
            dimension.values.enumerated().min { abs($0.element - space.base[dimension.param]) < abs($1.element - space.base[dimension.param]) }?.offset ?? 0
        }
        return (0..<runs).map { index in
            var generator = SeededGenerator(seed: seed, stream: UInt64(index))
            var params = space.base
            for _ in 0..<100 {
                let choice = space.dimensions.indices.map { dimension in
                    let moved = center[dimension] + generator.uniform(below: 2 * steps + 1) - steps
                    return min(max(moved, 0), space.dimensions[dimension].values.count - 1)
                }
                params = space.params(choice)
                if space.isValid(params) { break }
                params = space.base
            }
            return params
        }
    }
}
