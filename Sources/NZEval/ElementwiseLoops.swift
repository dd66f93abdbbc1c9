import NZIR

/// Column loops for element-wise ops. Each loop calls the op's one definition (`apply`) with
/// the op fixed outside the loop, so the switch is resolved once per column and the values
/// are exactly the streaming driver's.
enum ElementwiseLoops {
    static func unary(_ op: IRUnaryOp, _ x: [Double], into out: inout [Double]) {
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                switch op {
                case .negate: loop1(x, out) { IRUnaryOp.negate.apply($0) }
                case .not: loop1(x, out) { IRUnaryOp.not.apply($0) }
                default: loop1(x, out) { op.apply($0) }
                }
            }
        }
    }

    static func binary(_ op: IRBinaryOp, _ a: [Double], _ b: [Double], into out: inout [Double]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    switch op {
                    case .add: loop2(a, b, out) { IRBinaryOp.add.apply($0, $1) }
                    case .sub: loop2(a, b, out) { IRBinaryOp.sub.apply($0, $1) }
                    case .mul: loop2(a, b, out) { IRBinaryOp.mul.apply($0, $1) }
                    case .div: loop2(a, b, out) { IRBinaryOp.div.apply($0, $1) }
                    case .lt: loop2(a, b, out) { IRBinaryOp.lt.apply($0, $1) }
                    case .gt: loop2(a, b, out) { IRBinaryOp.gt.apply($0, $1) }
                    case .le: loop2(a, b, out) { IRBinaryOp.le.apply($0, $1) }
                    case .ge: loop2(a, b, out) { IRBinaryOp.ge.apply($0, $1) }
                    case .and: loop2(a, b, out) { IRBinaryOp.and.apply($0, $1) }
                    case .or: loop2(a, b, out) { IRBinaryOp.or.apply($0, $1) }
                    default: loop2(a, b, out) { op.apply($0, $1) }
                    }
                }
            }
        }
    }

    static func select(_ c: [Double], _ a: [Double], _ b: [Double], into out: inout [Double]) {
        c.withUnsafeBufferPointer { c in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    out.withUnsafeMutableBufferPointer { out in
                        for index in 0..<out.count { out[index] = irSelect(c[index], a[index], b[index]) }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func loop1(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>,
                              _ body: (Double) -> Double) {
        for index in 0..<out.count { out[index] = body(x[index]) }
    }

    @inline(__always)
    private static func loop2(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                              _ out: UnsafeMutableBufferPointer<Double>, _ body: (Double, Double) -> Double) {
        for index in 0..<out.count { out[index] = body(a[index], b[index]) }
    }
}
