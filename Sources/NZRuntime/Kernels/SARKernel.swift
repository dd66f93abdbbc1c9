/// Parabolic SAR (TA-Lib SAR) over highs and lows. The first direction is short when bar 1's
/// minus directional movement is positive, long otherwise; a long starts at SAR = low[0],
/// EP = high[1] (a short at high[0], low[1]). The acceleration starts at `acceleration`, grows by
/// it with each new extreme up to `maximum`; the SAR is clamped to the previous and current
/// bars' range, and on a reversal becomes the old extreme, clamped likewise. The first bar
/// also serves as its own previous bar. Warm-up: 1.
public struct SARKernel: BinaryKernel {
    public let acceleration: Double
    public let maximum: Double
    @usableFromInline var count = 0
    @usableFromInline var isLong = true
    @usableFromInline var sar = 0.0
    @usableFromInline var extreme = 0.0
    @usableFromInline var factor = 0.0
    @usableFromInline var newHigh = 0.0
    @usableFromInline var newLow = 0.0

    public init(acceleration: Double, maximum: Double) {
        self.acceleration = acceleration
        self.maximum = maximum
    }

    @inlinable @inline(__always)
    public mutating func step(_ high: Double, _ low: Double) -> Double {
        guard !high.isNaN, !low.isNaN else { reset(); return .nan }
        count += 1
        if count == 1 {
            newHigh = high
            newLow = low
            return .nan
        }
        if count == 2 {
            let down = newLow - low
            let up = high - newHigh
            isLong = !(down > 0 && up < down)
            factor = acceleration
            if isLong {
                extreme = high
                sar = newLow
            } else {
                extreme = low
                sar = newHigh
            }
            newHigh = high
            newLow = low
        }
        let previousHigh = newHigh, previousLow = newLow
        newHigh = high
        newLow = low
        let output: Double
        if isLong {
            if newLow <= sar {
                isLong = false
                sar = max(extreme, previousHigh, newHigh)
                output = sar
                factor = acceleration
                extreme = newLow
                sar = max(sar + factor * (extreme - sar), previousHigh, newHigh)
            } else {
                output = sar
                if newHigh > extreme {
                    extreme = newHigh
                    factor = min(factor + acceleration, maximum)
                }
                sar = min(sar + factor * (extreme - sar), previousLow, newLow)
            }
        } else {
            if newHigh >= sar {
                isLong = true
                sar = min(extreme, previousLow, newLow)
                output = sar
                factor = acceleration
                extreme = newHigh
                sar = min(sar + factor * (extreme - sar), previousLow, newLow)
            } else {
                output = sar
                if newLow < extreme {
                    extreme = newLow
                    factor = min(factor + acceleration, maximum)
                }
                sar = max(sar + factor * (extreme - sar), previousHigh, newHigh)
            }
        }
        return output
    }

    public mutating func reset() { count = 0 }
}
