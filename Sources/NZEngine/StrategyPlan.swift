import NZEval
import NZIR
import NZSema
import NZSyntax

/// Which program outputs drive the engine, and the engine settings the script asks for
/// (`size`, `costs`), resolved for one set of params. Built once per run; read per bar from
/// either driver.
public struct StrategyPlan: Sendable {
    let enterLong: IRValue?
    let exitLong: IRValue?
    let enterShort: IRValue?
    let exitShort: IRValue?
    let stopLoss: (value: IRValue, isPercent: Bool)?
    let takeProfit: (value: IRValue, isPercent: Bool)?
    /// The settings from the script, before command-line overrides.
    public let settings: EngineSettings

    /// Whether an output drives the engine (rules, stops, sizing, costs), as opposed to lets,
    /// plots and eval expressions.
    public static func isTradingOutput(_ role: IROutputRole) -> Bool {
        switch role {
        case .letValue, .expression, .plot: return false
        default: return true
        }
    }

    /// Reads the plan from a program; fails with a message when the script has no strategy
    /// block or a run-constant setting is out of range for these params.
    public static func make(_ program: IRProgram, params: [Double]) -> Result<StrategyPlan, PlanError> {
        guard program.strategyName != nil else { return .failure(PlanError(message: "the script has no `strategy` block to run")) }
        let scalars = ScalarEvaluation.values(program, params: params)
        func first(_ role: IROutputRole) -> IRValue? { program.outputs(role).first?.value }
        var settings = EngineSettings()
        var stopLoss: (IRValue, Bool)?
        var takeProfit: (IRValue, Bool)?
        for output in program.outputs {
            let scalar = scalars[output.value.index]
            switch output.role {
            case .size(let kind):
                let value = scalar ?? .nan
                guard value.isFinite else { return .failure(PlanError(message: "`size` argument is not a finite number")) }
                guard kind == .allIn || (value > 0 && (kind != .percentOfEquity || value <= 1)) else {
                    return .failure(PlanError(message: "`size \(kind.rawValue)` needs a value above 0\(kind == .percentOfEquity ? " and at most 1" : ""), got \(ASTPrinter.formatNumber(value))"))
                }
                switch kind {
                case .fixed: settings.sizing = .fixed(value)
                case .cash: settings.sizing = .cash(value)
                case .percentOfEquity: settings.sizing = .percentOfEquity(value)
                case .allIn: settings.sizing = .allIn(wholeUnits: value != 0)
                }
            case .fee, .slippage:
                let value = scalar ?? .nan
                guard value >= 0, value < 1 else {
                    return .failure(PlanError(message: "`costs \(output.name)` needs a fraction from 0 up to 1, got \(ASTPrinter.formatNumber(value))"))
                }
                if output.role == .fee { settings.fee = value } else { settings.slippage = value }
            case .stopLoss(let isPercent): stopLoss = (output.value, isPercent)
            case .takeProfit(let isPercent): takeProfit = (output.value, isPercent)
            default: break
            }
        }
        return .success(StrategyPlan(enterLong: first(.enter(.long)), exitLong: first(.exit(.long)),
                                     enterShort: first(.enter(.short)), exitShort: first(.exit(.short)),
                                     stopLoss: stopLoss, takeProfit: takeProfit, settings: settings))
    }

    /// The rule columns of a batch evaluation, read once so the bar loop only indexes arrays.
    public func columns(_ evaluation: Evaluation) -> PlanColumns {
        PlanColumns(enterLong: enterLong.map(evaluation.column), exitLong: exitLong.map(evaluation.column),
                    enterShort: enterShort.map(evaluation.column), exitShort: exitShort.map(evaluation.column),
                    stopLoss: stopLoss.map { (evaluation.column($0.value), $0.isPercent) },
                    takeProfit: takeProfit.map { (evaluation.column($0.value), $0.isPercent) })
    }

    /// The signals at one bar, reading node values through `value`.
    @inline(__always)
    public func signals(_ value: (IRValue) -> Double) -> BarSignals {
        var signals = BarSignals()
        func truth(_ node: IRValue?) -> Bool { node.map { IRBinaryOp.truth(value($0)) } ?? false }
        signals.enterLong = truth(enterLong)
        signals.exitLong = truth(exitLong)
        signals.enterShort = truth(enterShort)
        signals.exitShort = truth(exitShort)
        if let stopLoss { signals.stopLoss = Self.distance(value(stopLoss.value), stopLoss.isPercent) }
        if let takeProfit { signals.takeProfit = Self.distance(value(takeProfit.value), takeProfit.isPercent) }
        return signals
    }

    static func distance(_ value: Double, _ isPercent: Bool) -> DistanceSpec? {
        guard value.isFinite else { return nil }
        return isPercent ? .fraction(value) : .price(value)
    }
}

/// Why a strategy cannot run as asked.
public struct PlanError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A plan's rule columns from a batch evaluation; `signals(at:)` converts a bar's values
/// exactly as `StrategyPlan.signals` does for the streaming driver.
public struct PlanColumns: Sendable {
    let enterLong: [Double]?
    let exitLong: [Double]?
    let enterShort: [Double]?
    let exitShort: [Double]?
    let stopLoss: ([Double], Bool)?
    let takeProfit: ([Double], Bool)?

    @inline(__always)
    public func signals(at index: Int) -> BarSignals {
        var signals = BarSignals()
        if let enterLong { signals.enterLong = IRBinaryOp.truth(enterLong[index]) }
        if let exitLong { signals.exitLong = IRBinaryOp.truth(exitLong[index]) }
        if let enterShort { signals.enterShort = IRBinaryOp.truth(enterShort[index]) }
        if let exitShort { signals.exitShort = IRBinaryOp.truth(exitShort[index]) }
        if let stopLoss { signals.stopLoss = StrategyPlan.distance(stopLoss.0[index], stopLoss.1) }
        if let takeProfit { signals.takeProfit = StrategyPlan.distance(takeProfit.0[index], takeProfit.1) }
        return signals
    }
}
