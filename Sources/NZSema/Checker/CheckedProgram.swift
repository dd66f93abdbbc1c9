import NZSyntax

/// A declared `param`: its type, default and optimizer range, as numbers.
public struct ParamSymbol: Hashable, Sendable {
    public let name: String
    public let base: BaseType
    public let defaultValue: Double
    public let lower: Double?
    public let upper: Double?
    public let step: Double?
    public let range: SourceRange
    /// True for run constants of the instrument (`point`): set by the run, never swept.
    public let isInstrument: Bool

    public init(name: String, base: BaseType, defaultValue: Double, lower: Double?, upper: Double?, step: Double?,
                range: SourceRange, isInstrument: Bool = false) {
        self.name = name
        self.base = base
        self.defaultValue = defaultValue
        self.lower = lower
        self.upper = upper
        self.step = step
        self.range = range
        self.isInstrument = isInstrument
    }

    /// Whether `value` is allowed: inside the range when there is one, and integral for ints.
    public func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if base == .int, value != value.rounded() { return false }
        if base == .bool, value != 0, value != 1 { return false }
        if isInstrument, value <= 0, name != TypeChecker.barIntervalName { return false }
        if let lower, value < lower { return false }
        if let upper, value > upper { return false }
        return true
    }
}

/// A named value the program exposes: a `let`, or an extra expression from `nzs eval`.
public struct NamedValue: Sendable {
    public let name: String
    public let value: TypedExpr
    public let range: SourceRange
}

/// How many units an entry buys, and from what.
public enum SizingKind: String, Hashable, Sendable {
    case fixed, cash, percentOfEquity = "percent_of_equity", allIn = "all_in"
    case riskPercent = "risk_percent", kelly, volTarget = "vol_target"
}

/// The `size` rule: a sizing kind and its run-constant argument.
public struct SizingRule: Sendable {
    public let kind: SizingKind
    public let argument: TypedExpr
    /// The second argument where the sizing has one: `kelly`'s `trades`, `vol_target`'s
    /// `lookback`.
    public let option: TypedExpr?
    public let range: SourceRange
}

/// A stop or target distance: a percent of the entry price, or a price distance.
public struct DistanceRule: Sendable {
    public let value: TypedExpr
    public let isPercent: Bool
    public let range: SourceRange
}

/// The checked rules of a `strategy` block. Several `enter`/`exit` rules of one side combine
/// with `or`.
public struct CheckedStrategy: Sendable {
    public let name: String
    public var enter: [Side: [TypedExpr]] = [:]
    public var exit: [Side: [TypedExpr]] = [:]
    /// A resting entry order per side (`enter long when c limit p`); market entries have none.
    public var entryOrders: [Side: EntryOrderRule] = [:]
    public var stopLoss: DistanceRule?
    public var takeProfit: DistanceRule?
    public var trailingStop: DistanceRule?
    public var size: SizingRule?
    /// `pyramiding n`: the most entries open at once on one side (1 when absent).
    public var pyramiding: TypedExpr?
    /// `fill: close`: market orders fill at the signal bar's close (the rule's range).
    public var fillAtClose: SourceRange?
    /// The `costs` and `instrument` settings, by name.
    public var settings: [StrategySetting: TypedExpr] = [:]
    public var plots: [NamedValue] = []
    /// `constraint` conditions on the params (bools known for the whole run), named by their text.
    public var constraints: [NamedValue] = []

    init(name: String) { self.name = name }
}

/// The result of semantic analysis: everything resolved and typed, ready for lowering to IR.
public struct CheckedProgram: Sendable {
    public let sources: SourceMap
    public let params: [ParamSymbol]
    /// Every `let` in declaration order (imports first), the values `nzs eval --script` sees.
    public let lets: [NamedValue]
    /// Extra expressions (from `nzs eval --expr`), in order.
    public let expressions: [NamedValue]
    public let strategy: CheckedStrategy?
    /// Every `model`, in declaration order (imports first).
    public let models: [ModelDefinition]
    /// The type of every AST expression that was checked, for `--dump types`.
    public let expressionTypes: [NodeID: ValueType]
    /// The range of every AST expression that was checked.
    public let expressionRanges: [NodeID: SourceRange]

    public func param(named name: String) -> Int? { params.firstIndex { $0.name == name } }
}
