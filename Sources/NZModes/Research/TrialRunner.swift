import NZRuntime
import NZEngine
import NZEval

/// One backtest of a study: the params it ran with and what came of it.
public struct TrialResult: Sendable {
    public let params: [Double]
    /// Nil when the params could not run (`error` says why).
    public let metrics: Metrics?
    /// The objective's value (na when the run failed or the objective is undefined).
    public let objective: Double
    /// The run's returns, for the overfitting guards.
    public let returns: ReturnSummary?
    public let error: String?
    /// Orders the broker rejected (not enough free margin, or below the minimum quantity).
    public var rejectedOrders = 0

    /// Why no trial among `results` traded, when every one that ran made no trade and some had
    /// orders rejected; nil otherwise.
    public static func rejectionNote(_ results: [TrialResult]) -> String? {
        let ran = results.compactMap { result in result.metrics.map { (trades: $0.trades, rejected: result.rejectedOrders) } }
        guard !ran.isEmpty, ran.allSatisfy({ $0.trades == 0 }) else { return nil }
        let rejecting = ran.filter { $0.rejected > 0 }.count
        guard rejecting > 0 else { return nil }
        return "no trial made a trade, and \(rejecting) of \(ran.count) had their orders rejected (not enough free margin, or below "
            + "the minimum quantity: with whole units, one unit may cost more than the cash; see `nzs run` for the first rejected order)"
    }
}

/// Backtests of one compiled strategy over the same bars for many sets of params: the engine
/// of every research mode. Each trial evaluates the program reading the sweep's shared columns
/// (`SweepCache`), resolves the plan and settings for its params, and simulates the broker over
/// a range of bars. Trials run in parallel; results come back in trial order.
public struct TrialRunner: Sendable {
    public private(set) var cache: SweepCache
    public let objective: Objective
    /// The command line's overrides, applied to each trial's settings from the script.
    public let overrides: @Sendable (EngineSettings) -> Result<EngineSettings, PlanError>
    public let jobs: Int
    /// Seconds spent computing shared columns so far (for `--timings`).
    public private(set) var sharedSeconds = 0.0

    public init(cache: SweepCache, objective: Objective, jobs: Int,
                overrides: @escaping @Sendable (EngineSettings) -> Result<EngineSettings, PlanError>) {
        self.cache = cache
        self.objective = objective
        self.jobs = max(1, jobs)
        self.overrides = overrides
    }

    public var frame: Frame { cache.frame }
    public var program: Program { cache.program }

    /// Runs every trial over `bars` (all bars when nil). A trial not run because of
    /// cancellation is nil. `finished` is called (from any thread) after each trial.
    public mutating func run(_ trials: [[Double]], bars: Range<Int>? = nil, isCancelled: @escaping @Sendable () -> Bool = { false },
                             finished: @escaping @Sendable () -> Void = {}) -> [TrialResult?] {
        let results = runWindows(trials, windows: [bars ?? 0..<frame.count], isCancelled: isCancelled, finished: finished)
        return results.map { $0?.first }
    }

    /// Runs every trial once (one evaluation) and simulates it over each window of bars: what
    /// a walk-forward study needs from a grid.
    public mutating func runWindows(_ trials: [[Double]], windows: [Range<Int>], isCancelled: @escaping @Sendable () -> Bool = { false },
                                    finished: @escaping @Sendable () -> Void = {}) -> [[TrialResult]?] {
        prepare(trials, isCancelled: isCancelled)
        let runner = self
        return ParallelWork.map(trials.count, jobs: jobs, isCancelled: isCancelled) { index in
            let results = runner.simulate(trials[index], windows: windows)
            finished()
            return results
        }
    }

    /// One set of params over each window: one streamed evaluation (up to the last window's
    /// end) drives one broker per window, block by block.
    public func simulate(_ params: [Double], windows: [Range<Int>]) -> [TrialResult] {
        let prepared: (StrategyPlan, EngineSettings)
        switch planSettings(params) {
        case .success(let made): prepared = made
        case .failure(let error):
            return windows.map { _ in TrialResult(params: params, metrics: nil, objective: .nan, returns: nil, error: error.message) }
        }
        var (plan, settings) = prepared
        settings.returnProfileBlocks = ReturnSummary.blockCount
        var brokers = windows.map { SimulatedBroker(settings: settings, expectedBars: $0.count) }
        let end = windows.map(\.upperBound).max() ?? 0
        program.evaluateBlocks(frame, params: params, precomputed: cache.columns(for: params), upTo: end) { block in
            let signals = plan.block(block)
            for (index, window) in windows.enumerated() {
                // A block may lie wholly before or after a window.
                let (start, stop) = (max(block.start, window.lowerBound), min(block.start + block.count, window.upperBound))
                if start < stop { brokers[index].advance(frame, over: start..<stop, signals: signals) }
            }
        }
        return brokers.map { broker in
            let result = broker.finish()
            var trial = TrialResult(params: params, metrics: result.metrics, objective: objective.value(result.metrics),
                                    returns: ReturnSummary(profile: result.returnProfile), error: nil)
            trial.rejectedOrders = result.rejectedOrders.count
            return trial
        }
    }

    /// The full backtest of one set of params (trades and equity), as `nzs run` would give it,
    /// over `bars`, starting with `cash` when given (else the settings' cash).
    public func backtest(_ params: [Double], bars: Range<Int>? = nil, cash: Double? = nil) -> Result<BacktestResult, PlanError> {
        planSettings(params).map { plan, settings in
            var settings = settings
            if let cash { settings.cash = cash }
            return Backtest.stream(program, frame: frame, params: params, plan: plan, settings: settings,
                                   precomputed: cache.columns(for: params), bars: bars)
        }
    }

    /// The settings one set of params runs with (script, then command line).
    public func settings(_ params: [Double]) -> Result<EngineSettings, PlanError> {
        planSettings(params).map(\.1)
    }

    /// Computes the shared columns these trials need (see `SweepCache.prepare`).
    public mutating func prepare(_ trials: [[Double]], isCancelled: @escaping @Sendable () -> Bool = { false }) {
        let clock = ContinuousClock(), start = clock.now
        cache.prepare(trials, jobs: jobs, isCancelled: isCancelled)
        let elapsed = (clock.now - start).components
        sharedSeconds += Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }

    /// The rule columns and the engine settings of one set of params: what the broker runs on.
    public func plan(_ params: [Double]) -> Result<(columns: PlanColumns, settings: EngineSettings), PlanError> {
        planned(params).map { (columns: $0.0, settings: $0.1) }
    }

    /// The rule columns and the engine settings of one set of params.
    private func planned(_ params: [Double]) -> Result<(PlanColumns, EngineSettings), PlanError> {
        planSettings(params).map { plan, settings in
            var pool = ColumnPool()
            return (plan.columns(cache.evaluate(params: params, pool: &pool)), settings)
        }
    }

    /// The plan and the engine settings of one set of params, before any bar is read.
    private func planSettings(_ params: [Double]) -> Result<(StrategyPlan, EngineSettings), PlanError> {
        let plan: StrategyPlan
        switch StrategyPlan.make(program.ir, params: params) {
        case .success(let made): plan = made
        case .failure(let error): return .failure(error)
        }
        let settings: EngineSettings
        switch overrides(plan.settings) {
        case .success(let made): settings = made
        case .failure(let error): return .failure(error)
        }
        if let problem = settings.problem { return .failure(PlanError(message: problem)) }
        return .success((plan, settings))
    }
}
