/// Folds element-wise ops whose inputs are all constants, using the same `apply` the
/// runtime uses. To keep IEEE results exactly, arithmetic never folds to NaN or to zero (whose
/// sign could differ), nor a division or remainder by zero; comparisons and logic, whose
/// results are exactly 0 or 1, always fold. A `select` with a
/// constant condition becomes the chosen branch, and `shift x 0` becomes x.
enum ConstantFolding {
    enum Folded {
        case constant(Double)
        /// Use input `index` in place of the node.
        case input(Int)
    }

    static func fold(_ op: IROp, _ constants: [Double?], element: IRElement) -> Folded? {
        switch op {
        case .unary(let unary):
            guard let x = constants[0] else { return nil }
            if unary == .not || unary == .isNA { return .constant(unary.apply(x)) }  // exactly 0 or 1
            return safe(unary.apply(x))
        case .binary(let binary):
            guard let a = constants[0], let b = constants[1] else { return nil }
            if (binary == .div || binary == .rem), b == 0 { return nil }
            switch binary {
            case .eq, .ne, .lt, .le, .gt, .ge, .and, .or: return .constant(binary.apply(a, b))  // exactly 0 or 1
            default: return safe(binary.apply(a, b))
            }
        case .select:
            guard let condition = constants[0] else { return nil }
            return .input(IRBinaryOp.truth(condition) ? 1 : 2)
        case .shift:
            if constants[1] == 0 { return .input(0) }
            return nil
        default:
            return nil
        }
    }

    private static func safe(_ value: Double) -> Folded? {
        value.isNaN || value == 0 ? nil : .constant(value)
    }
}
