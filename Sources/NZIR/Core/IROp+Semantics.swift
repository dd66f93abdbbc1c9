/// The arithmetic of element-wise ops, defined once: constant folding, the batch driver and
/// the streaming driver all call these, so every path computes bit-identical values.
///
/// Conventions: `na` is NaN and propagates through arithmetic; comparisons with `na` are
/// false; `and`/`or`/`not` treat `na` as false; bools are 1 and 0.
extension IRUnaryOp {
    @inlinable @inline(__always)
    public func apply(_ x: Double) -> Double {
        switch self {
        case .negate: return -x
        case .not: return IRBinaryOp.truth(x) ? 0 : 1
        case .abs: return Swift.abs(x)
        case .sqrt: return x < 0 ? .nan : x.squareRoot()
        case .log: return x <= 0 ? .nan : cLog(x)
        case .exp: return cExp(x)
        case .floor: return x.rounded(.down)
        case .ceil: return x.rounded(.up)
        case .round: return x.rounded(.toNearestOrAwayFromZero)
        case .isNA: return x.isNaN ? 1 : 0
        case .hour, .weekday, .month: return Self.calendar(self, x)
        }
    }
}

extension IRUnaryOp {
    /// The hour (0...23), weekday (0 = Monday ... 6 = Sunday) or month (1...12) of a UTC time
    /// in epoch milliseconds; na for na.
    @inlinable
    static func calendar(_ op: IRUnaryOp, _ milliseconds: Double) -> Double {
        guard milliseconds.isFinite else { return .nan }
        let day = 86_400_000.0
        let days = (milliseconds / day).rounded(.down)
        switch op {
        case .hour: return ((milliseconds - days * day) / 3_600_000).rounded(.down)
        case .weekday:
            let weekday = (days + 3).truncatingRemainder(dividingBy: 7)  // 1970-01-01 was a Thursday (3)
            return weekday < 0 ? weekday + 7 : weekday
        default:
            // Days to a civil date (Howard Hinnant's algorithm): only the month is needed.
            let z = Int64(days) + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shifted = (5 * dayOfYear + 2) / 153
            return Double(shifted < 10 ? shifted + 3 : shifted - 9)
        }
    }
}

extension IRBinaryOp {
    @inlinable @inline(__always)
    public func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .div: return a / b
        case .rem: return a.truncatingRemainder(dividingBy: b)
        case .eq: return a == b ? 1 : 0
        case .ne: return a.isNaN || b.isNaN ? 0 : (a != b ? 1 : 0)
        case .lt: return a < b ? 1 : 0
        case .le: return a <= b ? 1 : 0
        case .gt: return a > b ? 1 : 0
        case .ge: return a >= b ? 1 : 0
        case .and: return IRBinaryOp.truth(a) && IRBinaryOp.truth(b) ? 1 : 0
        case .or: return IRBinaryOp.truth(a) || IRBinaryOp.truth(b) ? 1 : 0
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .pow: return cPow(a, b)
        case .nz: return a.isNaN ? b : a
        }
    }

    /// A bool value is true when it is neither 0 nor na. Written as one comparison of two
    /// comparisons (`x != 0` is also true for na, `x == x` false only for na) so that it compiles
    /// to a select, not to branches on unpredictable data.
    @inlinable @inline(__always)
    public static func truth(_ x: Double) -> Bool { (x != 0) == (x == x) }
}

/// `select c a b` at one bar.
@inlinable @inline(__always)
public func irSelect(_ c: Double, _ a: Double, _ b: Double) -> Double {
    IRBinaryOp.truth(c) ? a : b
}
