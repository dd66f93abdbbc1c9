import Foundation
import NZEngine
import NZEval

extension Backtest {
    /// `stream` on two threads: a second thread evaluates the blocks and hands copies of their
    /// rule outputs through a `BlockPipeline` (three slots) to this one, which runs the broker.
    /// The broker takes the blocks in the serial run's order, so the result is the same, bit for
    /// bit; what is saved is the evaluation's time, less a copy of the rule outputs.
    static func pipelinedStream(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan, settings: EngineSettings,
                                precomputed: [Int: [Double]], bars: Range<Int>, timing: inout StreamTiming) -> BacktestResult {
        let clock = ContinuousClock()
        let start = clock.now
        let pipeline = BlockPipeline(slots: 3)
        let evaluated = EvaluationClock()
        let end = bars.upperBound
        let evaluator = Thread {
            let began = clock.now
            program.evaluateBlocks(frame, params: params, precomputed: precomputed, upTo: end) { block in
                // Blocks before the bars to trade warm the indicators and are not handed over.
                guard block.start + block.count > bars.lowerBound else { return }
                pipeline.put(block)
            }
            let waited = pipeline.finish()
            evaluated.record(seconds(clock.now - began) - waited)
        }
        evaluator.stackSize = 16 << 20
        evaluator.start()
        var broker = SimulatedBroker(settings: settings, expectedBars: bars.count)
        var waiting = Duration.zero
        while true {
            let asked = clock.now
            guard let block = pipeline.next() else { break }
            waiting += clock.now - asked
            let range = max(block.start, bars.lowerBound)..<min(block.start + block.count, bars.upperBound)
            if !range.isEmpty { broker.advance(frame, over: range, signals: plan.block(block)) }
            pipeline.release()
        }
        let result = broker.finish()
        timing.evaluation += evaluated.wait()
        timing.simulation += seconds(clock.now - start - waiting)
        return result
    }
}

/// The evaluating thread's busy time, handed to the thread that waits for it.
private final class EvaluationClock: @unchecked Sendable {
    private let condition = NSCondition()
    private var seconds: Double?

    func record(_ value: Double) {
        condition.lock()
        seconds = value
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the evaluating thread has recorded its time (it is about to end).
    func wait() -> Double {
        condition.lock()
        defer { condition.unlock() }
        while seconds == nil { condition.wait() }
        return seconds ?? 0
    }
}
