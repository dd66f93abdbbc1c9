/// The two stateful per-wave rules of NeoZork's WAVE (`../shared/design/neozork-indicators.md`
/// §3): a colour (0 no trade, 1 buy, 2 sell) from a wave line w and its fast line f, keeping the
/// last entry's signal and wave. Bar 0 (and the bar after an `na`) is 0.
///
/// BetterTrend, first matching branch: w crosses above 0 (w[t−1] < 0 < w) → buy if w > f (and
/// remember it); crosses below 0 → sell if w < f; else w > f → buy if the last entry was a buy
/// and w made a new high since; w < f → sell likewise; else 0.
///
/// BetterFast: the zero-cross entries as above (a failed fast-line test falls through); then
/// w > f after a buy → buy on a new high, else sell; w < f after a sell → sell on a new low,
/// else buy; otherwise buy if w < 0 and w > f, sell if w > 0 and w < f, else 0. Warm-up: 0.
public struct WaveBetterKernel: BinaryKernel {
    public enum Rule: Sendable { case betterTrend, betterFast }

    public let rule: Rule
    @usableFromInline var previousWave = Double.nan
    @usableFromInline var lastSignal = 0.0
    @usableFromInline var lastWave = 0.0

    public init(rule: Rule) { self.rule = rule }

    @inlinable @inline(__always)
    public mutating func step(_ w: Double, _ f: Double) -> Double {
        guard !w.isNaN, !f.isNaN else { reset(); return 0 }
        let wp = previousWave
        previousWave = w
        guard !wp.isNaN else { return 0 }
        return rule == .betterTrend ? betterTrend(w, f, wp) : betterFast(w, f, wp)
    }

    @inlinable
    mutating func betterTrend(_ w: Double, _ f: Double, _ wp: Double) -> Double {
        if wp < 0, w > 0 {
            if w > f { lastSignal = 1; lastWave = w; return 1 }
        } else if wp > 0, w < 0 {
            if w < f { lastSignal = 2; lastWave = w; return 2 }
        } else if w > f {
            if lastSignal == 1, w > lastWave { lastWave = w; return 1 }
        } else if w < f {
            if lastSignal == 2, w < lastWave { lastWave = w; return 2 }
        }
        return 0
    }

    @inlinable
    mutating func betterFast(_ w: Double, _ f: Double, _ wp: Double) -> Double {
        if wp < 0, w > 0, w > f { lastSignal = 1; lastWave = w; return 1 }
        if wp > 0, w < 0, w < f { lastSignal = 2; lastWave = w; return 2 }
        if w > f, lastSignal == 1 {
            if w > lastWave { lastWave = w; return 1 }
            return 2
        }
        if w < f, lastSignal == 2 {
            if w < lastWave { lastWave = w; return 2 }
            return 1
        }
        if w < 0, w > f { return 1 }
        if w > 0, w < f { return 2 }
        return 0
    }

    public mutating func reset() {
        previousWave = .nan
        lastSignal = 0
        lastWave = 0
    }
}
