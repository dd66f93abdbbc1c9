import NZIR

/// An input of an element-wise op: a column, or a run-constant value used on every bar
/// (never broadcast into a column).
enum Operand {
    case column([Double])
    case scalar(Double)
}

/// Column loops for element-wise ops. Each loop calls the op's one definition (`apply`) with
/// the op fixed outside the loop, so the switch is resolved once per column and the values
/// are exactly the streaming driver's. Scalar operands are read once, not per bar.
enum ElementwiseLoops {
    static func unary(_ op: IRUnaryOp, _ x: [Double], into out: inout [Double]) {
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                switch op {
                case .negate: for i in 0..<out.count { out[i] = IRUnaryOp.negate.apply(x[i]) }
                case .not: for i in 0..<out.count { out[i] = IRUnaryOp.not.apply(x[i]) }
                case .abs: for i in 0..<out.count { out[i] = IRUnaryOp.abs.apply(x[i]) }
                case .isNA: for i in 0..<out.count { out[i] = IRUnaryOp.isNA.apply(x[i]) }
                default: for i in 0..<out.count { out[i] = op.apply(x[i]) }
                }
            }
        }
    }

    static func binary(_ op: IRBinaryOp, _ a: Operand, _ b: Operand, into out: inout [Double]) {
        switch op {
        case .add: loop(a, b, &out) { IRBinaryOp.add.apply($0, $1) }
        case .sub: loop(a, b, &out) { IRBinaryOp.sub.apply($0, $1) }
        case .mul: loop(a, b, &out) { IRBinaryOp.mul.apply($0, $1) }
        case .div: loop(a, b, &out) { IRBinaryOp.div.apply($0, $1) }
        case .eq: loop(a, b, &out) { IRBinaryOp.eq.apply($0, $1) }
        case .ne: loop(a, b, &out) { IRBinaryOp.ne.apply($0, $1) }
        case .lt: loop(a, b, &out) { IRBinaryOp.lt.apply($0, $1) }
        case .gt: loop(a, b, &out) { IRBinaryOp.gt.apply($0, $1) }
        case .le: loop(a, b, &out) { IRBinaryOp.le.apply($0, $1) }
        case .ge: loop(a, b, &out) { IRBinaryOp.ge.apply($0, $1) }
        case .and: loop(a, b, &out) { IRBinaryOp.and.apply($0, $1) }
        case .or: loop(a, b, &out) { IRBinaryOp.or.apply($0, $1) }
        case .min: loop(a, b, &out) { IRBinaryOp.min.apply($0, $1) }
        case .max: loop(a, b, &out) { IRBinaryOp.max.apply($0, $1) }
        case .nz: loop(a, b, &out) { IRBinaryOp.nz.apply($0, $1) }
        case .rem, .pow: loop(a, b, &out) { op.apply($0, $1) }
        }
    }

    static func select(_ c: Operand, _ a: Operand, _ b: Operand, into out: inout [Double]) {
        guard case .column(let condition) = c else {
            // A run-constant condition picks one branch for every bar.
            let branch = IRBinaryOp.truth(scalarValue(c)) ? a : b
            loop(branch, .scalar(0), &out) { value, _ in value }
            return
        }
        condition.withUnsafeBufferPointer { c in
            out.withUnsafeMutableBufferPointer { out in
                switch (a, b) {
                case (.column(let a), .column(let b)):
                    a.withUnsafeBufferPointer { a in
                        b.withUnsafeBufferPointer { b in
                            for i in 0..<out.count { out[i] = irSelect(c[i], a[i], b[i]) }
                        }
                    }
                case (.column(let a), .scalar(let b)):
                    a.withUnsafeBufferPointer { a in for i in 0..<out.count { out[i] = irSelect(c[i], a[i], b) } }
                case (.scalar(let a), .column(let b)):
                    b.withUnsafeBufferPointer { b in for i in 0..<out.count { out[i] = irSelect(c[i], a, b[i]) } }
                case (.scalar(let a), .scalar(let b)):
                    for i in 0..<out.count { out[i] = irSelect(c[i], a, b) }
                }
            }
        }
    }

    private static func scalarValue(_ operand: Operand) -> Double {
        if case .scalar(let value) = operand { return value }
        return .nan
    }

    @inline(__always)
    private static func loop(_ a: Operand, _ b: Operand, _ out: inout [Double], _ body: (Double, Double) -> Double) {
        out.withUnsafeMutableBufferPointer { out in
            switch (a, b) {
            case (.column(let a), .column(let b)):
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in for i in 0..<out.count { out[i] = body(a[i], b[i]) } }
                }
            case (.column(let a), .scalar(let b)):
                a.withUnsafeBufferPointer { a in for i in 0..<out.count { out[i] = body(a[i], b) } }
            case (.scalar(let a), .column(let b)):
                b.withUnsafeBufferPointer { b in for i in 0..<out.count { out[i] = body(a, b[i]) } }
            case (.scalar(let a), .scalar(let b)):
                let value = body(a, b)
                for i in 0..<out.count { out[i] = value }
            }
        }
    }
}
