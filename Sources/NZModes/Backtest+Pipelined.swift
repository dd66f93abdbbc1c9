import Foundation
import NZEngine
import NZEval

extension Backtest {
    /// `stream` on two threads: a second thread evaluates the blocks and hands copies of their
    /// rule outputs through a `BlockPipeline` (three slots) to this one, which runs the broker.
    /// The broker takes the blocks in the serial run's order, so the result is the same, bit for
    /// bit; what is saved is the evaluation's time, less a copy of the rule outputs. The broker
    /// hands each block's stretch of the equity curve back, and the second thread, idle while it
    /// waits for a free slot, takes the metrics' pass over it (`CurvePass`, the same figures).
    static func pipelinedStream(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan, settings: EngineSettings,
                                precomputed: [Int: [Double]], bars: Range<Int>, timing: inout StreamTiming) -> BacktestResult {
        let clock = ContinuousClock()
        let start = clock.now
        let pass = CurvePass(expectedCount: bars.count, profileBlocks: settings.returnProfileBlocks)
        let pipeline = BlockPipeline(slots: 3) { piece in pass.add(piece) }
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
            pipeline.drainPieces()
        }
        evaluator.stackSize = 16 << 20
        evaluator.start()
        var broker = SimulatedBroker(settings: settings, expectedBars: bars.count)
        var waiting = Duration.zero
        var handed = 0
        while true {
            let asked = clock.now
            guard let block = pipeline.next() else { break }
            waiting += clock.now - asked
            let range = max(block.start, bars.lowerBound)..<min(block.start + block.count, bars.upperBound)
            if !range.isEmpty { broker.advance(frame, over: range, signals: plan.block(block)) }
            var piece: BlockPipeline.Piece?
            if broker.equityCount > handed {
                let buffer = pipeline.pieceBuffer(count: broker.equityCount - handed)
                let count = broker.copyEquity(from: handed, into: buffer)
                handed += count
                piece = BlockPipeline.Piece(buffer: buffer, count: count)
            }
            pipeline.release(handing: piece)
        }
        pipeline.finishPieces()
        let result = broker.finish(curve: pass)
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
