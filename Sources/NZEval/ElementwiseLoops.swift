import NZIR

/// An input of a node over one block: its values, or a run-constant value used on every bar
/// (never broadcast into a column).
enum BlockOperand {
    case block(UnsafeBufferPointer<Double>)
    case scalar(Double)
}

/// Block loops for element-wise ops. Each loop calls the op's one definition (`apply`) with
/// the op fixed outside the loop, so the switch is resolved once per block and the values are
/// exactly the streaming driver's. Scalar operands are read once, not per bar.
enum ElementwiseLoops {
    static func unary(_ op: IRUnaryOp, _ x: BlockOperand, into out: UnsafeMutableBufferPointer<Double>) {
        guard case .block(let x) = x else {
            if case .scalar(let value) = x { out.update(repeating: op.apply(value)) }
            return
        }
        switch op {
        case .negate: for i in 0..<out.count { out[i] = IRUnaryOp.negate.apply(x[i]) }
        case .not: for i in 0..<out.count { out[i] = IRUnaryOp.not.apply(x[i]) }
        case .abs: for i in 0..<out.count { out[i] = IRUnaryOp.abs.apply(x[i]) }
        case .isNA: for i in 0..<out.count { out[i] = IRUnaryOp.isNA.apply(x[i]) }
        default: for i in 0..<out.count { out[i] = op.apply(x[i]) }
        }
    }

    static func binary(_ op: IRBinaryOp, _ a: BlockOperand, _ b: BlockOperand, into out: UnsafeMutableBufferPointer<Double>) {
        switch op {
        case .add: loop(FixedAdd.self, a, b, out)
        case .sub: loop(FixedSub.self, a, b, out)
        case .mul: loop(FixedMul.self, a, b, out)
        case .div: loop(FixedDiv.self, a, b, out)
        case .eq: loop(FixedEq.self, a, b, out)
        case .ne: loop(FixedNe.self, a, b, out)
        case .lt: loop(FixedLt.self, a, b, out)
        case .gt: loop(FixedGt.self, a, b, out)
        case .le: loop(FixedLe.self, a, b, out)
        case .ge: loop(FixedGe.self, a, b, out)
        case .and: loop(FixedAnd.self, a, b, out)
        case .or: loop(FixedOr.self, a, b, out)
        case .min: loop(FixedMin.self, a, b, out)
        case .max: loop(FixedMax.self, a, b, out)
        case .nz: loop(FixedNz.self, a, b, out)
        case .rem: loop(FixedRem.self, a, b, out)
        case .pow: loop(FixedPow.self, a, b, out)
        }
    }

    static func select(_ c: BlockOperand, _ a: BlockOperand, _ b: BlockOperand, into out: UnsafeMutableBufferPointer<Double>) {
        guard case .block(let c) = c else {
            // A run-constant condition picks one branch for every bar.
            guard case .scalar(let condition) = c else { return }
            switch IRBinaryOp.truth(condition) ? a : b {
            case .block(let values): for i in 0..<out.count { out[i] = values[i] }
            case .scalar(let value): out.update(repeating: value)
            }
            return
        }
        switch (a, b) {
        case (.block(let a), .block(let b)): for i in 0..<out.count { out[i] = irSelect(c[i], a[i], b[i]) }
        case (.block(let a), .scalar(let b)): for i in 0..<out.count { out[i] = irSelect(c[i], a[i], b) }
        case (.scalar(let a), .block(let b)): for i in 0..<out.count { out[i] = irSelect(c[i], a, b[i]) }
        case (.scalar(let a), .scalar(let b)): for i in 0..<out.count { out[i] = irSelect(c[i], a, b) }
        }
    }

    /// One loop per operand shape, specialized for the op (a type, so that its arithmetic is
    /// inlined and the op's switch folds away).
    @inline(__always)
    private static func loop<Op: FixedBinaryOp>(_ op: Op.Type, _ a: BlockOperand, _ b: BlockOperand,
                                                _ out: UnsafeMutableBufferPointer<Double>) {
        switch (a, b) {
        case (.block(let a), .block(let b)): for i in 0..<out.count { out[i] = Op.apply(a[i], b[i]) }
        case (.block(let a), .scalar(let b)): for i in 0..<out.count { out[i] = Op.apply(a[i], b) }
        case (.scalar(let a), .block(let b)): for i in 0..<out.count { out[i] = Op.apply(a, b[i]) }
        case (.scalar(let a), .scalar(let b)): out.update(repeating: Op.apply(a, b))
        }
    }
}

/// A binary op fixed at compile time, for specializing the block loops.
protocol FixedBinaryOp {
    static func apply(_ a: Double, _ b: Double) -> Double
}

enum FixedAdd: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.add.apply(a, b) }
}
enum FixedSub: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.sub.apply(a, b) }
}
enum FixedMul: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.mul.apply(a, b) }
}
enum FixedDiv: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.div.apply(a, b) }
}
enum FixedEq: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.eq.apply(a, b) }
}
enum FixedNe: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.ne.apply(a, b) }
}
enum FixedLt: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.lt.apply(a, b) }
}
enum FixedGt: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.gt.apply(a, b) }
}
enum FixedLe: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.le.apply(a, b) }
}
enum FixedGe: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.ge.apply(a, b) }
}
enum FixedAnd: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.`and`.apply(a, b) }
}
enum FixedOr: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.`or`.apply(a, b) }
}
enum FixedMin: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.min.apply(a, b) }
}
enum FixedMax: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.max.apply(a, b) }
}
enum FixedNz: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.nz.apply(a, b) }
}
enum FixedRem: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.rem.apply(a, b) }
}
enum FixedPow: FixedBinaryOp {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { IRBinaryOp.pow.apply(a, b) }
}
