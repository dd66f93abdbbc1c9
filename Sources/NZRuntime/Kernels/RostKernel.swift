/// `schr_rost_line(x, speed)`: the line of NeoZork's SCHR_ROST, an ADX-weighted variable moving
/// average (ADX-VMA) of x, with the original's quirks kept so its outputs are matched exactly
/// (`../shared/design/neozork-indicators.md` §4.2). With s = speed, for bar t ≥ 1:
///
/// - d = x[t] − x[t−1], except that bar 0's price slot is never filled, so bar 1 uses x[1] − 0;
///   pdm = max(d, 0), mdm = max(−d, 0);
/// - PDM, MDM, then PDI = PDM/(PDM+MDM), MDI likewise (0 when the sum is 0), then
///   OUT = |PDI − MDI| / (PDI + MDI) (0 when the sum is 0), each smoothed as
///   ((s − 1) × previous + new) / s, and taken raw on bar 1;
/// - hi, lo = max and min of OUT[t], OUT[t−1] and OUT[t−j] for j = 2...min(⌊s⌋, t) (OUT[0] = 0);
///   vi = (OUT − lo) / (hi − lo), or 0 when hi = lo;
/// - VAL[0] = x[0], VAL[1] = x[1], then VAL = ((s − vi) × VAL[t−1] + vi × x) / s.
///
/// An `na` input resets the line, which starts again as on bar 0. Warm-up: 0.
public struct RostKernel: UnaryKernel {
    public let speed: Double
    @usableFromInline let lookback: Int
    @usableFromInline var bar = 0
    @usableFromInline var previousPrice = 0.0
    @usableFromInline var plusDM = 0.0
    @usableFromInline var minusDM = 0.0
    @usableFromInline var plusDI = 0.0
    @usableFromInline var minusDI = 0.0
    @usableFromInline var outs: RingWindow
    @usableFromInline var value = 0.0

    public init(speed: Double) {
        self.speed = speed
        let whole = speed.isFinite ? Int(max(0, min(speed, 1e6))) : 0
        lookback = whole
        outs = RingWindow(capacity: max(2, whole + 1))
    }

    @inlinable
    func smooth(_ previous: Double, _ new: Double) -> Double { ((speed - 1) * previous + new) / speed }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        defer { bar += 1 }
        if bar == 0 {
            // Bar 0's price slot stays 0 (the original never fills it).
            previousPrice = 0
            outs.push(0)
            value = x
            return value
        }
        let first = bar == 1
        let d = x - previousPrice
        previousPrice = x
        let pdm = d > 0 ? d : 0
        let mdm = -d > 0 ? -d : 0
        plusDM = first ? pdm : smooth(plusDM, pdm)
        minusDM = first ? mdm : smooth(minusDM, mdm)
        let range = plusDM + minusDM
        let pdi = range > 0 ? plusDM / range : 0
        let mdi = range > 0 ? minusDM / range : 0
        plusDI = first ? pdi : smooth(plusDI, pdi)
        minusDI = first ? mdi : smooth(minusDI, mdi)
        let total = plusDI + minusDI
        let out = total > 0 ? abs(plusDI - minusDI) / total : 0
        let smoothed = first ? out : smooth(outs.value(back: 0), out)
        outs.push(smoothed)
        var hi = max(smoothed, outs.value(back: 1))
        var lo = min(smoothed, outs.value(back: 1))
        let reach = min(lookback, bar)
        if reach >= 2 {
            for j in 2...reach {
                let old = outs.value(back: j)
                hi = max(hi, old)
                lo = min(lo, old)
            }
        }
        let vi = hi > lo ? (smoothed - lo) / (hi - lo) : 0
        value = first ? x : ((speed - vi) * value + vi * x) / speed
        return value
    }

    public mutating func reset() {
        bar = 0
        previousPrice = 0
        plusDM = 0
        minusDM = 0
        plusDI = 0
        minusDI = 0
        outs = RingWindow(capacity: outs.capacity)
        value = 0
    }
}
