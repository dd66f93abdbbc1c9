import Foundation
import NZEngine
import NZEval

/// Walk-forward analysis: optimize on each in-sample window, trade the chosen params on the
/// out-of-sample window after it, and stitch the out-of-sample runs into one equity curve.
///
/// Windows, for T bars, training length N, test length M, purge K and embargo E:
/// - the w-th training window ends at bar b = N + w·M (exclusive) and starts at 0 (anchored)
///   or at b − N (rolling);
/// - the params are scored on the training window less its last K bars (purge): a trade or a
///   label still open at the end of training cannot have its outcome read from test bars;
/// - the test window is [b + E, b + E + M) (embargo: E bars after training are neither
///   trained nor tested on); the last one may be shorter, and needs 2 bars or more.
/// Test windows are therefore contiguous. Each out-of-sample run starts flat with the equity the
/// previous one ended with (an open position is valued at its last close, without an exit
/// fee, and not carried over), so the stitched curve compounds.
public enum WalkForward {
    public struct Options: Sendable {
        public var train: Int
        public var test: Int
        public var anchored = false
        public var purge = 0
        public var embargo = 0
        public var search = Optimizer.Options()

        public init(train: Int, test: Int, anchored: Bool = false, purge: Int = 0, embargo: Int = 0, search: Optimizer.Options = Optimizer.Options()) {
            self.train = train
            self.test = test
            self.anchored = anchored
            self.purge = purge
            self.embargo = embargo
            self.search = search
        }
    }

    /// One window: its bars, the params chosen in sample and both runs.
    public struct Window: Sendable {
        public let train: Range<Int>
        /// The bars the in-sample scoring used (`train` less the purge).
        public let scored: Range<Int>
        public let test: Range<Int>
        public let params: [Double]
        public let inSample: TrialResult
        public let outOfSample: BacktestResult
        public let outOfSampleObjective: Double
    }

    public struct Outcome: Sendable {
        public let windows: [Window]
        /// The stitched out-of-sample run: every test window's equity and trades.
        public let stitched: Metrics
        public let equity: [Double]
        public let times: [Int64]
        /// Mean out-of-sample CAGR ÷ mean in-sample CAGR over the windows (nil when the in-sample
        /// mean is not positive or a CAGR is undefined).
        public let efficiency: Double?
        public let interrupted: Bool
    }

    /// The windows' bars; nil with the reason when the options do not fit the data.
    public static func windows(bars: Int, options: Options) -> Result<[(train: Range<Int>, scored: Range<Int>, test: Range<Int>)], PlanError> {
        guard options.train >= 2, options.test >= 2 else { return .failure(PlanError(message: "`--train` and `--test` need at least 2 bars each")) }
        guard options.purge >= 0, options.embargo >= 0 else { return .failure(PlanError(message: "`--purge` and `--embargo` cannot be negative")) }
        guard options.purge <= options.train - 2 else {
            return .failure(PlanError(message: "`--purge \(options.purge)` leaves fewer than 2 of the \(options.train) training bars to score"))
        }
        var result: [(Range<Int>, Range<Int>, Range<Int>)] = []
        var end = options.train
        while end + options.embargo + 2 <= bars {
            let start = options.anchored ? 0 : end - options.train
            let testStart = end + options.embargo
            result.append((start..<end, start..<(end - options.purge), testStart..<min(testStart + options.test, bars)))
            end += options.test
        }
        guard !result.isEmpty else {
            return .failure(PlanError(message: "\(bars) bars leave no test window after \(options.train) training bars and an embargo of \(options.embargo)"))
        }
        return .success(result)
    }

    public static func run(_ runner: inout TrialRunner, space: ParamSpace, options: Options,
                           isCancelled: @escaping @Sendable () -> Bool = { false }, planned: (Int) -> Void = { _ in },
                           finished: @escaping @Sendable () -> Void = {}) -> Result<Outcome, PlanError> {
        let layout: [(train: Range<Int>, scored: Range<Int>, test: Range<Int>)]
        switch windows(bars: runner.frame.count, options: options) {
        case .success(let made): layout = made
        case .failure(let error): return .failure(error)
        }
        // In-sample choices: one search per window. A grid or a random sample is the same set of
        // points for every window, so each point is evaluated once and simulated per window.
        var choices: [TrialResult?] = []
        var interrupted = false
        var rejectionNote: String?
        if options.search.method == .bayes {
            for window in layout where !interrupted {
                switch Optimizer.run(&runner, space: space, options: options.search, bars: window.scored, isCancelled: isCancelled,
                                     planned: planned, finished: finished) {
                case .success(let outcome):
                    interrupted = outcome.interrupted
                    rejectionNote = rejectionNote ?? TrialResult.rejectionNote(outcome.trials)
                    choices.append(outcome.best.map { outcome.trials[$0] })
                case .failure(let error): return .failure(error)
                }
            }
        } else {
            let points: [[Double]]
            switch Optimizer.points(space: space, options: options.search) {
            case .success(let made): points = made.points
            case .failure(let error): return .failure(error)
            }
            planned(points.count)
            let results = runner.runWindows(points, windows: layout.map(\.scored), isCancelled: isCancelled, finished: finished)
            interrupted = results.contains { $0 == nil }
            rejectionNote = TrialResult.rejectionNote(results.compactMap { $0 }.flatMap { $0 })
            for window in layout.indices {
                var best: TrialResult?
                for result in results.compactMap({ $0?[window] }) where !result.objective.isNaN {
                    if best.map({ Objective.isBetter(result.objective, than: $0.objective) }) ?? true { best = result }
                }
                choices.append(best)
            }
        }
        // Out of sample, in order: each window starts with the equity the previous one ended with.
        var windowsOut: [Window] = []
        var equity: [Double] = [], times: [Int64] = [], trades: [Trade] = []
        var barsInMarket = 0
        var lastOpen: OpenPosition?
        let initialCash: Double
        switch runner.settings(space.base) {
        case .success(let settings): initialCash = settings.cash
        case .failure(let error): return .failure(error)
        }
        var cash = initialCash
        for (window, choice) in zip(layout, choices) where !interrupted {
            guard let choice else { continue }  // no trial of this window had a defined objective
            let run: BacktestResult
            switch runner.backtest(choice.params, bars: window.test, cash: cash) {
            case .success(let made): run = made
            case .failure(let error): return .failure(error)
            }
            windowsOut.append(Window(train: window.train, scored: window.scored, test: window.test, params: choice.params, inSample: choice,
                                     outOfSample: run, outOfSampleObjective: runner.objective.value(run.metrics)))
            equity += run.equity
            times += runner.frame.time[window.test]
            trades += run.trades
            barsInMarket += run.barsInMarket
            lastOpen = run.openPosition
            cash = run.equity.last ?? cash
        }
        guard !windowsOut.isEmpty else {
            return .failure(PlanError(message: "no window had a trial with a defined objective" + (rejectionNote.map { ": \($0)" } ?? "")))
        }
        let periods = (try? runner.settings(space.base).get().periodsPerYear) ?? nil
        let stitched = Metrics.compute(trades: trades, open: lastOpen, equity: equity, cash: initialCash,
                                       periodsPerYear: periods ?? Annualization.periodsPerYear(times: times), barsInMarket: barsInMarket)
        return .success(Outcome(windows: windowsOut, stitched: stitched, equity: equity, times: times,
                                efficiency: efficiency(windowsOut), interrupted: interrupted))
    }

    /// Mean out-of-sample CAGR over mean in-sample CAGR.
    static func efficiency(_ windows: [Window]) -> Double? {
        let inSample = windows.compactMap { $0.inSample.metrics?.cagr }, outOfSample = windows.compactMap(\.outOfSample.metrics.cagr)
        guard inSample.count == windows.count, outOfSample.count == windows.count else { return nil }
        let meanIn = inSample.reduce(0, +) / Double(windows.count)
        guard meanIn > 0 else { return nil }
        return outOfSample.reduce(0, +) / Double(windows.count) / meanIn
    }

    /// Per varied param: the mean and sample standard deviation of the values chosen across
    /// windows, their coefficient of variation (sd / |mean|), and how many windows changed the
    /// choice of the window before.
    public static func stability(_ windows: [Window], space: ParamSpace) -> [(name: String, mean: Double, deviation: Double, variation: Double?, changes: Int)] {
        space.dimensions.map { dimension in
            let values = windows.map { $0.params[dimension.param] }
            let mean = values.reduce(0, +) / Double(values.count)
            let deviation = values.count > 1 ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot() : 0
            let changes = zip(values, values.dropFirst()).filter { $0 != $1 }.count
            return (dimension.name, mean, deviation, mean != 0 ? deviation / abs(mean) : nil, changes)
        }
    }
}
