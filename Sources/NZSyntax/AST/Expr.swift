/// A stable identity for an AST node, unique within one parse. Later stages key side tables
/// (types, symbols) by it instead of changing the tree.
public struct NodeID: Hashable, Sendable, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A name as written, with its range.
public struct Identifier: Hashable, Sendable {
    public let name: String
    public let range: SourceRange

    public init(_ name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "not"
}

/// Infix operators, loosest binding first in `precedence`.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", remainder = "%"

    /// Binding strength: `or` 1, `and` 2, comparisons 4, `+ -` 5, `* / %` 6
    /// (`not` is 3 and unary minus 7, both prefix). Higher binds tighter.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .remainder: return 6
        }
    }

    public var isComparison: Bool { precedence == 4 }
}

/// One argument of a call: positional (`label` nil) or named (`length: 20`).
public struct Argument: Hashable, Sendable {
    public let label: Identifier?
    public let value: Expr

    public init(label: Identifier?, value: Expr) {
        self.label = label
        self.value = value
    }
}

/// One `name: value` field of a record literal.
public struct RecordField: Hashable, Sendable {
    public let name: Identifier
    public let value: Expr

    public init(name: Identifier, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// An expression node: what it is, where it is, and its identity.
public struct Expr: Hashable, Sendable {
    public let id: NodeID
    public let range: SourceRange
    public let kind: ExprKind

    public init(id: NodeID, range: SourceRange, kind: ExprKind) {
        self.id = id
        self.range = range
        self.kind = kind
    }
}

/// The shapes of expression the parser accepts.
public indirect enum ExprKind: Hashable, Sendable {
    case integer(Int64)
    case float(Double)
    /// A percent literal; the payload is the number as written (`2.5%` holds 2.5).
    case percent(Double)
    /// A duration literal in seconds (`15m` holds 900).
    case duration(Int64)
    case string(String)
    case bool(Bool)
    case na
    case name(String)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `if condition then a else b`.
    case conditional(Expr, Expr, Expr)
    case call(Identifier, [Argument])
    /// `value.name(arguments)`: a method of a value (only a model's `importance(i)`).
    case method(Expr, Identifier, [Argument])
    /// `value[offset]`: the value `offset` bars ago.
    case history(Expr, Expr)
    case field(Expr, Identifier)
    case list([Expr])
    /// `on 1w { body }`: `body` evaluated on higher-timeframe bars (the duration literal first)
    case timeframe(Expr, Expr)
    /// A record literal `(low: a, high: b)`: several named values, read back with `.low`.
    case record([RecordField])
    /// Stands in for an expression that failed to parse; it was already reported.
    case invalid
}
