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
    public subscript(_ index: Int) -> Double {
        switch self {
        case .column(let values): return values[index]
        case .scalar(let value): return value
        }
    }
}

/// One rule output as the broker's bar loop reads it, by the frame's bar index.
public protocol RuleReader {
    subscript(_ index: Int) -> Double { get }
    /// The first bar in `start..<end` where the value is true, or `end`.
    func firstTrue(from start: Int, to end: Int) -> Int
}

extension RuleValues: RuleReader {
    @inline(__always)
    public func firstTrue(from start: Int, to end: Int) -> Int {
        switch self {
        case .scalar(let value): return IRBinaryOp.truth(value) ? min(start, end) : end
        case .column(let column):
            return column.withUnsafeBufferPointer { values in
                var index = start
                while index < end, !IRBinaryOp.truth(values[index]) { index += 1 }
                return index
            }
        }
    }
}

/// One rule output of a streamed block (`EvaluatedBlock`), read by the frame's bar index: the
/// block's values are offset by its first bar.
public struct BlockRuleValues: RuleReader {
    let start: Int
    let values: EvaluatedBlock.Values

    @inline(__always)
    public subscript(_ index: Int) -> Double { values[index - start] }

    @inline(__always)
    public func firstTrue(from start: Int, to end: Int) -> Int {
        switch values {
        case .scalar(let value): return IRBinaryOp.truth(value) ? min(start, end) : end
        case .block(let buffer):
            guard let base = buffer.baseAddress.map({ $0 - self.start }) else { return end }
            var index = start
            while index < end, !IRBinaryOp.truth(base[index]) { index += 1 }
            return index
        }
    }
}

/// A plan's rule outputs, each read through `Rule`: full columns of a batch evaluation
/// (`PlanColumns`) or one streamed block (`PlanBlock`).
public struct PlanSignals<Rule: RuleReader>: SignalSource {
    let enterLong: Rule?
    let exitLong: Rule?
    let enterShort: Rule?
    let exitShort: Rule?
    let longEntry: Rule?
    let shortEntry: Rule?
    let stopLoss: Rule?
    let takeProfit: Rule?
    let trailingStop: Rule?
    let funding: Rule?

    public func nextSignal(from start: Int, to end: Int, relevant: RelevantSignals) -> Int {
        var first = end
        // Each scan stops at the earliest signal found so far.
        if relevant.enterLong, let enterLong { first = enterLong.firstTrue(from: start, to: first) }
        if relevant.exitLong, let exitLong { first = exitLong.firstTrue(from: start, to: first) }
        if relevant.enterShort, let enterShort { first = enterShort.firstTrue(from: start, to: first) }
        if relevant.exitShort, let exitShort { first = exitShort.firstTrue(from: start, to: first) }
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

extension PlanSignals: Sendable where Rule: Sendable {}

/// A plan's rule columns from a full batch evaluation.
public typealias PlanColumns = PlanSignals<RuleValues>

/// A plan's rule outputs for one block of a streamed batch evaluation.
public typealias PlanBlock = PlanSignals<BlockRuleValues>

extension StrategyPlan {
    /// The plan's rule outputs, each read through `read`.
    func signalSource<Rule: RuleReader>(_ read: (IRValue) -> Rule) -> PlanSignals<Rule> {
        PlanSignals(enterLong: enterLong.map(read), exitLong: exitLong.map(read), enterShort: enterShort.map(read),
                    exitShort: exitShort.map(read), longEntry: longEntry.map { read($0.value) },
                    shortEntry: shortEntry.map { read($0.value) }, stopLoss: stopLoss.map { read($0.value) },
                    takeProfit: takeProfit.map { read($0.value) }, trailingStop: trailingStop.map { read($0.value) },
                    funding: funding.map(read))
    }

    /// The rule outputs of one streamed block.
    public func block(_ block: EvaluatedBlock) -> PlanBlock {
        signalSource { BlockRuleValues(start: block.start, values: block.values($0)) }
    }
}
