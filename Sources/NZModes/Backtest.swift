import NZEngine
import NZEval

/// Backtest mode: batch evaluation of the whole program, then the simulated broker bar by bar.
public enum Backtest {
    public static func run(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan,
                           settings: EngineSettings) -> BacktestResult {
        let evaluation = program.evaluate(frame, params: params)
        return simulate(evaluation, frame: frame, plan: plan, settings: settings)
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
