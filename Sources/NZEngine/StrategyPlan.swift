import NZEval
import NZIR
import NZSema
import NZSyntax

/// Which program outputs drive the engine, and the engine settings the script asks for
/// (`size`, `costs`, `instrument`, `pyramiding`), resolved for one set of params. Built once
/// per run; read per bar from either driver.
public struct StrategyPlan: Sendable {
    let enterLong: IRValue?
    let exitLong: IRValue?
    let enterShort: IRValue?
    let exitShort: IRValue?
    let longEntry: (value: IRValue, kind: EntryOrderKind)?
    let shortEntry: (value: IRValue, kind: EntryOrderKind)?
    let stopLoss: (value: IRValue, isPercent: Bool)?
    let takeProfit: (value: IRValue, isPercent: Bool)?
    let trailingStop: (value: IRValue, isPercent: Bool)?
    /// The funding rate when it is a series (a constant one is in `settings`).
    let funding: IRValue?
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
        var stopLoss: (IRValue, Bool)?, takeProfit: (IRValue, Bool)?, trailingStop: (IRValue, Bool)?
        var longEntry: (IRValue, EntryOrderKind)?, shortEntry: (IRValue, EntryOrderKind)?
        var funding: IRValue?
        var size: (kind: SizingKind, value: Double)?
        let option = program.outputs(.sizeOption).first.map { scalars[$0.value.index] ?? .nan }
        for output in program.outputs {
            let scalar = scalars[output.value.index]
            switch output.role {
            case .size(let kind): size = (kind, scalar ?? .nan)
            case .pyramiding:
                let value = scalar ?? .nan
                let most = TypeChecker.maxPyramiding
                guard value >= 1, value <= Double(most), value == value.rounded() else {
                    return .failure(PlanError(message: "`pyramiding` needs a count of entries from 1 to \(most), got \(ASTPrinter.formatNumber(value))"))
                }
                settings.pyramiding = Int(value)
            case .setting(let setting):
                guard let value = scalar else {
                    funding = output.value  // only `funding` may be a series (the type checker's rule)
                    continue
                }
                guard setting.accepts(value) else {
                    return .failure(PlanError(message: "`\(setting.group.rawValue) \(setting.rawValue)` needs \(setting.expectation), got \(ASTPrinter.formatNumber(value))"))
                }
                settings.apply(setting, value)
            case .entryPrice(let side, let kind):
                if side == .long { longEntry = (output.value, kind) } else { shortEntry = (output.value, kind) }
            case .fillAtClose: settings.fill = .close
            case .stopLoss(let isPercent): stopLoss = (output.value, isPercent)
            case .takeProfit(let isPercent): takeProfit = (output.value, isPercent)
            case .trailingStop(let isPercent): trailingStop = (output.value, isPercent)
            default: break
            }
        }
        if let size {
            switch Self.sizing(size.kind, size.value, option: option) {
            case .success(let sizing): settings.sizing = sizing
            case .failure(let error): return .failure(error)
            }
        }
        if settings.sizing.needsStop, stopLoss == nil, trailingStop == nil {
            return .failure(PlanError(message: "`size risk_percent` needs a `stop_loss` or a `trailing_stop` to measure the risk from"))
        }
        settings.shape.longEntry = longEntry?.1
        settings.shape.shortEntry = shortEntry?.1
        settings.shape.stopLossIsPercent = stopLoss?.1
        settings.shape.takeProfitIsPercent = takeProfit?.1
        settings.shape.trailingStopIsPercent = trailingStop?.1
        settings.shape.fundingIsSeries = funding != nil
        return .success(StrategyPlan(enterLong: first(.enter(.long)), exitLong: first(.exit(.long)),
                                     enterShort: first(.enter(.short)), exitShort: first(.exit(.short)),
                                     longEntry: longEntry, shortEntry: shortEntry, stopLoss: stopLoss, takeProfit: takeProfit,
                                     trailingStop: trailingStop, funding: funding, settings: settings))
    }

    private static func sizing(_ kind: SizingKind, _ value: Double, option: Double?) -> Result<Sizing, PlanError> {
        guard value.isFinite else { return .failure(PlanError(message: "`size` argument is not a finite number")) }
        let isFraction = kind == .percentOfEquity || kind == .riskPercent || kind == .kelly
        guard kind == .allIn || (value > 0 && (!isFraction || value <= 1)) else {
            return .failure(PlanError(message: "`size \(kind.rawValue)` needs a value above 0\(isFraction ? " and at most 1" : ""), got \(ASTPrinter.formatNumber(value))"))
        }
        switch kind {
        case .fixed: return .success(.fixed(value))
        case .cash: return .success(.cash(value))
        case .percentOfEquity: return .success(.percentOfEquity(value))
        case .allIn: return .success(.allIn(wholeUnits: value != 0))
        case .riskPercent: return .success(.riskPercent(value))
        case .kelly:
            let trades = option ?? 20
            guard trades >= 2, trades <= 1_000_000, trades == trades.rounded() else {
                return .failure(PlanError(message: "`size kelly` needs `trades` of at least 2 (a whole number), got \(ASTPrinter.formatNumber(trades))"))
            }
            return .success(.kelly(fraction: value, trades: Int(trades)))
        case .volTarget:
            let lookback = option ?? 20
            guard lookback >= 2, lookback <= 1_000_000, lookback == lookback.rounded() else {
                return .failure(PlanError(message: "`size vol_target` needs a `lookback` of at least 2 bars, got \(ASTPrinter.formatNumber(lookback))"))
            }
            return .success(.volTarget(annualVol: value, lookback: Int(lookback)))
        }
    }

    /// The rule columns of a batch evaluation, read once so the bar loop only indexes arrays
    /// (a run-constant output stays one value).
    public func columns(_ evaluation: Evaluation) -> PlanColumns {
        signalSource { value in evaluation.scalar(value).map(RuleValues.scalar) ?? .column(evaluation.column(value)) }
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
        if let longEntry { signals.longLevel = value(longEntry.value) }
        if let shortEntry { signals.shortLevel = value(shortEntry.value) }
        if let stopLoss { signals.stopLoss = value(stopLoss.value) }
        if let takeProfit { signals.takeProfit = value(takeProfit.value) }
        if let trailingStop { signals.trailingStop = value(trailingStop.value) }
        if let funding { signals.funding = value(funding) }
        return signals
    }
}

/// Why a strategy cannot run as asked.
public struct PlanError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
