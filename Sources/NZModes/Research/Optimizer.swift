import NZRuntime
import NZEngine

/// A parameter search over one strategy and one range of bars, with the overfitting guards
/// computed over every trial it ran.
public enum Optimizer {
    public struct Options: Sendable {
        public var method: SearchMethod = .grid
        /// The trial count of `random` and `bayes` (default `SearchMethod.defaultTrials`).
        public var trials: Int?
        public var seed: UInt64 = 1

        public init(method: SearchMethod = .grid, trials: Int? = nil, seed: UInt64 = 1) {
            self.method = method
            self.trials = trials
            self.seed = seed
        }
    }

    public struct Outcome: Sendable {
        /// The trials that ran, in the method's deterministic order.
        public let trials: [TrialResult]
        /// The index in `trials` of the best objective (the first on a tie); nil when none is a number.
        public let best: Int?
        public let overfitting: BacktestOverfitting.Result?
        public let deflatedSharpe: DeflatedSharpe.Result?
        /// Grid points ruled out by `constraint`s or invalid params.
        public let skipped: Int
        /// Whether the search was stopped before the end.
        public let interrupted: Bool
        /// Seconds spent on the overfitting guards (for `--timings`).
        public let guardSeconds: Double
    }

    /// Bayesian search proposes this many points per round, whatever the thread count, so its
    /// sequence (and so its output) does not depend on `--jobs`.
    static let bayesBatch = 4

    /// Runs the search. `planned(n)` is told the number of trials before they run (for a progress
    /// bar); `finished` after each trial.
    public static func run(_ runner: inout TrialRunner, space: ParamSpace, options: Options, bars: Range<Int>? = nil,
                           isCancelled: @escaping @Sendable () -> Bool = { false }, planned: (Int) -> Void = { _ in },
                           finished: @escaping @Sendable () -> Void = {}) -> Result<Outcome, PlanError> {
        var generator = SeededGenerator(seed: options.seed)
        var sampler = GridSampler(space: space)
        var points: [[Int]] = []
        var results: [TrialResult] = []
        var interrupted = false
        var skipped = 0

        func runBatch(_ batch: [[Int]]) {
            let outcomes = runner.run(batch.map(space.params), bars: bars, isCancelled: isCancelled, finished: finished)
            for (point, outcome) in zip(batch, outcomes) {
                guard let outcome else { interrupted = true; continue }
                points.append(point)
                results.append(outcome)
            }
        }

        switch options.method {
        case .grid, .random:
            switch choices(space: space, options: options) {
            case .success(let made):
                skipped = made.skipped
                planned(made.choices.count)
                runBatch(made.choices)
            case .failure(let error): return .failure(error)
            }
        case .bayes:
            let total = options.trials ?? SearchMethod.defaultTrials
            planned(total)
            runBatch(sampler.draw(min(total, max(10, total / 5)), using: &generator))
            let estimator = TreeParzenEstimator(space: space)
            while results.count < total, !interrupted {
                let history = zip(points, results).map { (choice: $0, objective: $1.objective) }
                let batch = estimator.propose(min(bayesBatch, total - results.count), history: history, sampler: &sampler, using: &generator)
                guard !batch.isEmpty else { break }  // every valid point has been tried
                runBatch(batch)
            }
        }
        guard !results.isEmpty || interrupted else {
            return .failure(PlanError(message: "no combination of params meets the script's constraints and ranges"))
        }
        return .success(outcome(results, skipped: skipped, interrupted: interrupted, jobs: runner.jobs))
    }

    /// The params a grid or random search runs, known before any of them runs.
    public static func points(space: ParamSpace, options: Options) -> Result<(points: [[Double]], skipped: Int), PlanError> {
        choices(space: space, options: options).map { (made: (choices: [[Int]], skipped: Int)) in (made.choices.map(space.params), made.skipped) }
    }

    /// The grid points of a grid or random search (with the grid points ruled out), in order.
    static func choices(space: ParamSpace, options: Options) -> Result<(choices: [[Int]], skipped: Int), PlanError> {
        switch options.method {
        case .grid:
            if let trials = options.trials { return .failure(PlanError(message: "`--trials \(trials)` is for `--method random` or `bayes`; a grid runs every point")) }
            guard space.gridSize <= SearchMethod.maximumGrid else {
                return .failure(PlanError(message: "the grid has \(space.gridSize == Int.max ? "too many" : String(space.gridSize)) points (at most \(SearchMethod.maximumGrid)); narrow the `--param` ranges or use `--method random` or `bayes` with `--trials`"))
            }
            var batch: [[Int]] = [], skipped = 0
            for ordinal in 0..<space.gridSize {
                let choice = space.choice(ordinal: ordinal)
                if space.isValid(space.params(choice)) { batch.append(choice) } else { skipped += 1 }
            }
            return .success((batch, skipped))
        case .random, .bayes:
            var generator = SeededGenerator(seed: options.seed)
            var sampler = GridSampler(space: space)
            return .success((sampler.draw(options.trials ?? SearchMethod.defaultTrials, using: &generator), 0))
        }
    }

    /// The best trial and the overfitting guards over `results`.
    static func outcome(_ results: [TrialResult], skipped: Int, interrupted: Bool, jobs: Int) -> Outcome {
        let clock = ContinuousClock(), start = clock.now
        var best: Int?
        for (index, result) in results.enumerated() where !result.objective.isNaN {
            if best.map({ Objective.isBetter(result.objective, than: results[$0].objective) }) ?? true { best = index }
        }
        let summaries = results.compactMap(\.returns)
        let deflated = best.flatMap { index in
            results[index].returns.flatMap { DeflatedSharpe.compute(sharpes: summaries.map(\.sharpe), best: $0) }
        }
        let overfitting = BacktestOverfitting.compute(summaries, jobs: jobs)
        let elapsed = (clock.now - start).components
        return Outcome(trials: results, best: best, overfitting: overfitting, deflatedSharpe: deflated, skipped: skipped,
                       interrupted: interrupted, guardSeconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
    }
}
