/// Evaluates const expressions during checking, for the checks that need a value: window
/// lengths, history offsets, horizons, param defaults and ranges. Returns nil for anything not
/// known at compile time. (The IR folds constants again, for speed; this is for diagnostics.)
enum ConstantEvaluator {
    static func value(of expr: TypedExpr) -> Double? {
        guard expr.type.variability == .const else { return nil }
        switch expr.kind {
        case .constant(let value): return value
        case .unary(.negate, let operand): return value(of: operand).map { -$0 }
        case .unary(.not, let operand): return value(of: operand).map { $0 == 0 ? 1 : 0 }
        case .binary(let op, let left, let right):
            guard let a = value(of: left), let b = value(of: right) else { return nil }
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            case .remainder: return a.truncatingRemainder(dividingBy: b)
            default: return nil
            }
        default: return nil
        }
    }
}
