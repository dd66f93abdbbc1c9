import NZSyntax

/// Operators after type checking: arithmetic, comparison and logic on numbers and bools.
public enum TypedUnaryOp: String, Hashable, Sendable {
    case negate, not
}

/// Binary operators after type checking.
public enum TypedBinaryOp: String, Hashable, Sendable {
    case add, subtract, multiply, divide, remainder
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case and, or
}

/// A type-checked expression. Sema builds a new tree and never changes the AST: names are
/// resolved (a `let` is the very `TypedExpr` it binds, so the tree is a DAG), user functions
/// are inlined with their arguments, builtin arguments are in signature order with defaults
/// filled in, and numbers are stored as the Double the runtime uses (a percent as a
/// fraction, a bool as 1 or 0, a duration in seconds).
public final class TypedExpr: Sendable {
    public let kind: TypedExprKind
    public let type: ValueType
    public let range: SourceRange

    public init(_ kind: TypedExprKind, _ type: ValueType, _ range: SourceRange) {
        self.kind = kind
        self.type = type
        self.range = range
    }
}

/// The shapes of typed expression.
public enum TypedExprKind: Sendable {
    case constant(Double)
    case string(String)
    case na
    /// Index into `CheckedProgram.params`.
    case param(Int)
    case series(BuiltinSeries)
    case unary(TypedUnaryOp, TypedExpr)
    case binary(TypedBinaryOp, TypedExpr, TypedExpr)
    /// `if c then a else b`; an na condition selects `b`.
    case select(TypedExpr, TypedExpr, TypedExpr)
    /// `value[offset]` with a const or param offset.
    case history(TypedExpr, TypedExpr)
    case builtin(Builtin, [TypedExpr])
    /// Field `index` of a record-valued expression.
    case field(TypedExpr, Int)
    case list([TypedExpr])
    /// A record literal's field values, in field order.
    case record([TypedExpr])
    /// `on 1w { body }`: the body on bars of `milliseconds`, aligned to the script's bars.
    case timeframe(milliseconds: Int64, TypedExpr)
    /// An output of a `model`, bar by bar.
    case modelOutput(ModelDefinition, ModelOutput)
    /// A placeholder for an expression that had an error (already reported).
    case invalid
}
