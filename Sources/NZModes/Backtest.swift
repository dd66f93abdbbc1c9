import Foundation
import NZEngine
import NZEval

/// Backtest mode: batch evaluation of the whole program, then the simulated broker bar by bar.
public enum Backtest {
    public static func run(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan,
                           settings: EngineSettings) -> BacktestResult {
        let evaluation = program.evaluate(frame, params: params)
        return simulate(evaluation, frame: frame, plan: plan, settings: settings)
    }

    /// The same, streaming: each block of rule outputs goes to the broker as soon as it is
    /// evaluated, so no full rule column is ever held (memory: the inputs, the equity curve and
    /// a block of scratch). `precomputed` are shared sweep columns; `bars` the bars to trade
    /// (evaluation starts at bar 0 for warm indicators and stops at the range's end).
    /// `pipelined`: evaluate on a second thread while the broker trades (`pipelinedStream`),
    /// when the machine has two cores and the bars are more than a block; the same result.
    public static func stream(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan, settings: EngineSettings,
                              precomputed: [Int: [Double]] = [:], bars: Range<Int>? = nil, pipelined: Bool = false) -> BacktestResult {
        var timing = StreamTiming()
        return stream(program, frame: frame, params: params, plan: plan, settings: settings, precomputed: precomputed, bars: bars,
                      pipelined: pipelined, timing: &timing)
    }

    /// Where a streamed backtest's time went: evaluating blocks, and the broker (its bar loop and
    /// the final metrics). Pipelined, the two overlap: `evaluation` is the evaluating thread's
    /// busy time, and their sum is more than the run's.
    public struct StreamTiming: Sendable {
        public var evaluation = 0.0
        public var simulation = 0.0
        public init() {}
    }

    /// The same, measuring the evaluation and the simulation apart (for `--timings`).
    public static func stream(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan, settings: EngineSettings,
                              precomputed: [Int: [Double]] = [:], bars: Range<Int>? = nil, pipelined: Bool = false,
                              timing: inout StreamTiming) -> BacktestResult {
        let bars = bars ?? 0..<frame.count
        if pipelined, ProcessInfo.processInfo.activeProcessorCount >= 2, bars.upperBound > program.blockSize {
            return pipelinedStream(program, frame: frame, params: params, plan: plan, settings: settings, precomputed: precomputed,
                                   bars: bars, timing: &timing)
        }
        let clock = ContinuousClock()
        let start = clock.now
        var inBroker = Duration.zero
        var broker = SimulatedBroker(settings: settings, expectedBars: bars.count)
        program.evaluateBlocks(frame, params: params, precomputed: precomputed, upTo: bars.upperBound) { block in
            // Blocks before the bars to trade are evaluated (warm indicators) but not traded.
            let (first, stop) = (max(block.start, bars.lowerBound), min(block.start + block.count, bars.upperBound))
            guard first < stop else { return }
            let range = first..<stop
            let entered = clock.now
            broker.advance(frame, over: range, signals: plan.block(block))
            inBroker += clock.now - entered
        }
        let streamed = clock.now
        let result = broker.finish()
        timing.evaluation += seconds(streamed - start - inBroker)
        timing.simulation += seconds(inBroker + (clock.now - streamed))
        return result
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// The simulation half, for callers that time evaluation and simulation apart.
    public static func simulate(_ evaluation: Evaluation, frame: Frame, plan: StrategyPlan,
                                settings: EngineSettings) -> BacktestResult {
        SimulatedBroker.run(frame, plan.columns(evaluation), settings: settings)
    }
}

/// Paper trading by replay: the streaming evaluator is fed one bar at a time, exactly as a
/// live feed would, and drives the same simulated broker. On the same data it must give the
/// backtest's trades and equity exactly.
public enum PaperReplay {
    public static func run(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan,
                           settings: EngineSettings) -> BacktestResult {
        let stream = program.makeStream(params: params)
        var broker = SimulatedBroker(settings: settings, expectedBars: frame.count)
        for index in 0..<frame.count {
            let bar = frame.bar(index)
            stream.push(bar)
            broker.process(bar, plan.signals { stream.value($0) })
        }
        return broker.finish()
    }
}
