/// Evaluates const expressions during checking, for the checks that need a value: window
/// lengths, history offsets, horizons, param defaults and ranges. Returns nil for anything not
/// known at compile time. (The IR folds constants again, for speed; this is for diagnostics.)
enum ConstantEvaluator {
    static func value(of expr: TypedExpr) -> Double? {
        guard expr.type.variability == .const else { return nil }
        switch expr.kind {
        case .constant(let value): return value
        case .na: return .nan
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
            // Comparisons with na are false; `and`/`or` read na as false too.
            case .less: return a < b ? 1 : 0
            case .lessEqual: return a <= b ? 1 : 0
            case .greater: return a > b ? 1 : 0
            case .greaterEqual: return a >= b ? 1 : 0
            case .equal: return a == b ? 1 : 0
            case .notEqual: return !a.isNaN && !b.isNaN && a != b ? 1 : 0
            case .and: return a != 0 && !a.isNaN && b != 0 && !b.isNaN ? 1 : 0
            case .or: return (a != 0 && !a.isNaN) || (b != 0 && !b.isNaN) ? 1 : 0
            }
        default: return nil
        }
    }
}

/// The range a run-constant expression can take over every allowed param value (interval
/// arithmetic on params' defaults and ranges), for the checks that need a sign or a minimum:
/// history offsets and window lengths. Returns nil when it cannot bound the expression; the
/// run then checks the actual values before evaluating.
enum RangeEvaluator {
    static func bounds(of expr: TypedExpr, params: [ParamSymbol]) -> ClosedRange<Double>? {
        guard expr.type.variability <= .param else { return nil }
        switch expr.kind {
        case .constant(let value): return value.isNaN ? nil : value...value
        case .param(let index):
            guard index < params.count else { return nil }
            let param = params[index]
            let low = min(param.defaultValue, param.lower ?? param.defaultValue)
            let high = max(param.defaultValue, param.upper ?? param.defaultValue)
            return low...high
        case .unary(.negate, let operand):
            return bounds(of: operand, params: params).map { (-$0.upperBound)...(-$0.lowerBound) }
        case .binary(let op, let left, let right):
            guard let a = bounds(of: left, params: params), let b = bounds(of: right, params: params) else { return nil }
            switch op {
            case .add: return (a.lowerBound + b.lowerBound)...(a.upperBound + b.upperBound)
            case .subtract: return (a.lowerBound - b.upperBound)...(a.upperBound - b.lowerBound)
            case .multiply:
                let corners = [a.lowerBound * b.lowerBound, a.lowerBound * b.upperBound, a.upperBound * b.lowerBound, a.upperBound * b.upperBound]
                guard corners.allSatisfy({ !$0.isNaN }), let low = corners.min(), let high = corners.max() else { return nil }
                return low...high
            default: return nil
            }
        default: return nil
        }
    }
}
