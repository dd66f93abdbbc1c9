import NZEval
import NZIR

/// Where the broker's bar loop reads the rule outputs of a batch evaluation: full columns
/// (`PlanColumns`) or one streamed block at a time (`PlanBlock`). Both convert a bar's values
/// exactly as `StrategyPlan.signals` does for the streaming driver.
public protocol SignalSource {
    /// The signals at bar `index` (an index into the frame).
    func signals(at index: Int) -> BarSignals
    /// The first bar in `start..<end` where one of the `relevant` rules holds (the only signals
    /// that act on a bar without a position level to check), or `end`.
    func nextSignal(from start: Int, to end: Int, relevant: RelevantSignals) -> Int
}

/// Which `enter`/`exit` rules can create an order in the broker's state: flat, only entries;
/// holding a full position, only its exit and the other side's entry (a reversal).
public struct RelevantSignals: Sendable {
    var enterLong = true, exitLong = true, enterShort = true, exitShort = true
    public static let all = RelevantSignals()
}

/// One rule output of a full batch evaluation: a column, or one value for the whole run (a
/// constant stop distance is not copied into a million-bar column).
public enum RuleValues: Sendable {
    case column([Double])
    case scalar(Double)

    @inline(__always)
    subscript(_ index: Int) -> Double {
        switch self {
        case .column(let values): return values[index]
        case .scalar(let value): return value
        }
    }
}

/// A plan's rule columns from a full batch evaluation.
public struct PlanColumns: SignalSource, Sendable {
    let enterLong: RuleValues?
    let exitLong: RuleValues?
    let enterShort: RuleValues?
    let exitShort: RuleValues?
    let longEntry: RuleValues?
    let shortEntry: RuleValues?
    let stopLoss: RuleValues?
    let takeProfit: RuleValues?
    let trailingStop: RuleValues?
    let funding: RuleValues?

    public func nextSignal(from start: Int, to end: Int, relevant: RelevantSignals) -> Int {
        var first = end
        func scan(_ values: RuleValues?) {
            switch values {
            case nil: return
            case .scalar(let value)?: if IRBinaryOp.truth(value) { first = min(first, start) }
            case .column(let column)?:
                column.withUnsafeBufferPointer { values in
                    var index = start
                    while index < first, !IRBinaryOp.truth(values[index]) { index += 1 }
                    first = index
                }
            }
        }
        if relevant.enterLong { scan(enterLong) }
        if relevant.exitLong { scan(exitLong) }
        if relevant.enterShort { scan(enterShort) }
        if relevant.exitShort { scan(exitShort) }
        return first
    }

    @inline(__always)
    public func signals(at index: Int) -> BarSignals {
        var signals = BarSignals()
        if let enterLong { signals.enterLong = IRBinaryOp.truth(enterLong[index]) }
        if let exitLong { signals.exitLong = IRBinaryOp.truth(exitLong[index]) }
        if let enterShort { signals.enterShort = IRBinaryOp.truth(enterShort[index]) }
        if let exitShort { signals.exitShort = IRBinaryOp.truth(exitShort[index]) }
        if let longEntry { signals.longLevel = longEntry[index] }
        if let shortEntry { signals.shortLevel = shortEntry[index] }
        if let stopLoss { signals.stopLoss = stopLoss[index] }
        if let takeProfit { signals.takeProfit = takeProfit[index] }
        if let trailingStop { signals.trailingStop = trailingStop[index] }
        if let funding { signals.funding = funding[index] }
        return signals
    }
}

/// A plan's rule outputs for one block of a streamed batch evaluation (`EvaluatedBlock`):
/// bar indexes are the frame's, offset by the block's start.
public struct PlanBlock: SignalSource {
    let start: Int
    let enterLong: EvaluatedBlock.Values?
    let exitLong: EvaluatedBlock.Values?
    let enterShort: EvaluatedBlock.Values?
    let exitShort: EvaluatedBlock.Values?
    let longEntry: EvaluatedBlock.Values?
    let shortEntry: EvaluatedBlock.Values?
    let stopLoss: EvaluatedBlock.Values?
    let takeProfit: EvaluatedBlock.Values?
    let trailingStop: EvaluatedBlock.Values?
    let funding: EvaluatedBlock.Values?

    public func nextSignal(from start: Int, to end: Int, relevant: RelevantSignals) -> Int {
        var first = end
        func scan(_ values: EvaluatedBlock.Values?) {
            switch values {
            case nil: return
            case .scalar(let value)?: if IRBinaryOp.truth(value) { first = min(first, start) }
            case .block(let buffer)?:
                let base = buffer.baseAddress.map { $0 - self.start }
                guard let base else { return }
                var index = start
                while index < first, !IRBinaryOp.truth(base[index]) { index += 1 }
                first = index
            }
        }
        if relevant.enterLong { scan(enterLong) }
        if relevant.exitLong { scan(exitLong) }
        if relevant.enterShort { scan(enterShort) }
        if relevant.exitShort { scan(exitShort) }
        return first
    }

    @inline(__always)
    public func signals(at index: Int) -> BarSignals {
        let offset = index - start
        var signals = BarSignals()
        if let enterLong { signals.enterLong = IRBinaryOp.truth(enterLong[offset]) }
        if let exitLong { signals.exitLong = IRBinaryOp.truth(exitLong[offset]) }
        if let enterShort { signals.enterShort = IRBinaryOp.truth(enterShort[offset]) }
        if let exitShort { signals.exitShort = IRBinaryOp.truth(exitShort[offset]) }
        if let longEntry { signals.longLevel = longEntry[offset] }
        if let shortEntry { signals.shortLevel = shortEntry[offset] }
        if let stopLoss { signals.stopLoss = stopLoss[offset] }
        if let takeProfit { signals.takeProfit = takeProfit[offset] }
        if let trailingStop { signals.trailingStop = trailingStop[offset] }
        if let funding { signals.funding = funding[offset] }
        return signals
    }
}

extension StrategyPlan {
    /// The rule outputs of one streamed block.
    public func block(_ block: EvaluatedBlock) -> PlanBlock {
        PlanBlock(start: block.start, enterLong: enterLong.map(block.values), exitLong: exitLong.map(block.values),
                  enterShort: enterShort.map(block.values), exitShort: exitShort.map(block.values),
                  longEntry: longEntry.map { block.values($0.value) }, shortEntry: shortEntry.map { block.values($0.value) },
                  stopLoss: stopLoss.map { block.values($0.value) }, takeProfit: takeProfit.map { block.values($0.value) },
                  trailingStop: trailingStop.map { block.values($0.value) }, funding: funding.map(block.values))
    }
}
