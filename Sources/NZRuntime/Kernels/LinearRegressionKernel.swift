/// Least-squares line over the last `length` values (TA-Lib LINEARREG and LINEARREG_SLOPE),
/// computed as TA-Lib 0.8 does, so its digits are TA-Lib's:
///
/// - x runs backwards, x = length − 1 for the oldest value of the window down to 0 for the
///   newest; SumX = n(n − 1)/2, SumXSqr = n(n − 1)(2n − 1)/6, Divisor = SumX² − n·SumXSqr;
/// - SumY and SumXY are built by one scan of the first window (oldest first), then slid in O(1):
///   SumXY += SumY − n·y_out, SumY += y_in − y_out, with a running Σ|y|;
/// - they are rebuilt by a fresh scan every 32·length bars, and on a bar where n·|y_out| exceeds
///   100·Σ|y| (a huge value left the window);
/// - slope m = (n·SumXY − SumX·SumY) / Divisor, bit-identical to TA-Lib's; the line's value
///   at the newest bar is b + m·(n − 1) with b = (SumY − m·SumX) × (1/n), within an ulp or two
///   of TA-Lib's (whose build fuses the last multiply-add).
///
/// Warm-up: length − 1. O(1) per bar, O(length) on a rebuild.
public struct LinearRegressionKernel: UnaryKernel {
    public let isSlope: Bool
    @usableFromInline let n: Double
    @usableFromInline let sumX: Double
    @usableFromInline let divisor: Double
    @usableFromInline let inverseN: Double
    @usableFromInline let rebuildEvery: Int
    @usableFromInline var window: RingWindow
    @usableFromInline var sumY = 0.0
    @usableFromInline var sumXY = 0.0
    @usableFromInline var sumAbs = 0.0
    @usableFromInline var barsUntilRebuild = 0

    public init(length: Int, isSlope: Bool) {
        self.isSlope = isSlope
        let length = max(1, length)
        n = Double(length)
        sumX = n * Double(length - 1) * 0.5
        let sumXSqr = n * Double(length - 1) * Double(2 * length - 1) / 6.0
        divisor = sumX * sumX - n * sumXSqr
        inverseN = 1 / n
        rebuildEvery = 32 * length
        window = RingWindow(capacity: length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        if window.isFull {
            let leaving = window.value(back: window.capacity - 1)
            window.push(x)
            let weightedLeaving = n * leaving
            sumXY = sumXY + sumY - weightedLeaving
            sumY = sumY - leaving + x
            sumAbs = sumAbs - abs(leaving) + abs(x)
            barsUntilRebuild -= 1
            if barsUntilRebuild <= 0 || abs(weightedLeaving) > 100.0 * sumAbs { rebuild() }
        } else {
            window.push(x)
            guard window.isFull else { return .nan }
            rebuild()
        }
        let slope = (n * sumXY - sumX * sumY) / divisor
        if isSlope { return slope }
        let intercept = (sumY - slope * sumX) * inverseN
        return intercept + slope * (n - 1)
    }

    /// Fresh sums of the window, oldest first with weights length − 1 down to 0.
    @inlinable
    mutating func rebuild() {
        barsUntilRebuild = rebuildEvery
        sumY = 0
        sumXY = 0
        sumAbs = 0
        var weight = n - 1
        for t in 0..<window.capacity {
            let y = window.value(fromOldest: t)
            sumY += y
            sumXY += weight * y
            sumAbs += abs(y)
            weight -= 1.0
        }
    }

    public mutating func reset() {
        window.reset()
        sumY = 0
        sumXY = 0
        sumAbs = 0
        barsUntilRebuild = 0
    }
}
