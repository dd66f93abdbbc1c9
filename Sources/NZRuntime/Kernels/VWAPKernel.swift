/// Volume-weighted average price: Σ(price × volume) / Σ volume since the latest reset bar (the
/// start of each UTC day for a session VWAP, or every bar where an anchor condition is true).
/// Inputs: price × volume, volume, reset (true on the first bar of a new period). `na` while
/// the period's volume is 0. Warm-up: 0.
public struct VWAPKernel: TernaryKernel {
    @usableFromInline var weighted = 0.0
    @usableFromInline var volume = 0.0

    public init() {}

    @inlinable @inline(__always)
    public mutating func step(_ priceVolume: Double, _ barVolume: Double, _ isNewPeriod: Double) -> Double {
        guard !priceVolume.isNaN, !barVolume.isNaN else { reset(); return .nan }
        if isNewPeriod != 0, !isNewPeriod.isNaN {
            weighted = 0
            volume = 0
        }
        weighted += priceVolume
        volume += barVolume
        return volume != 0 ? weighted / volume : .nan
    }

    public mutating func reset() {
        weighted = 0
        volume = 0
    }
}

/// Supertrend over hl2, ATR and close (Pine's `ta.supertrend` rules, with NZS's ATR): bands
/// hl2 ± factor × atr; the lower band only rises (and the upper only falls) unless the previous
/// close broke it; the trend turns up when the close crosses above the upper band and down when
/// it crosses below the lower band. Outputs the line (the lower band in an uptrend, the upper
/// in a downtrend) or the direction (1 up, −1 down: the opposite sign of Pine's). Starts in a
/// downtrend, as Pine does. Warm-up: that of the ATR.
public struct SupertrendKernel: TernaryKernel {
    public let factor: Double
    public let isDirection: Bool
    @usableFromInline var upper = Double.nan
    @usableFromInline var lower = Double.nan
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var direction = 0.0

    public init(factor: Double, isDirection: Bool) {
        self.factor = factor
        self.isDirection = isDirection
    }

    @inlinable @inline(__always)
    public mutating func step(_ median: Double, _ atr: Double, _ close: Double) -> Double {
        guard !median.isNaN, !close.isNaN else { reset(); return .nan }
        defer { previousClose = close }
        guard !atr.isNaN else { return .nan }
        var newUpper = median + factor * atr
        var newLower = median - factor * atr
        if direction == 0 {
            direction = -1  // as Pine: the first defined bar starts in a downtrend
        } else {
            if !(newLower > lower || previousClose < lower) { newLower = lower }
            if !(newUpper < upper || previousClose > upper) { newUpper = upper }
            if direction < 0, close > newUpper { direction = 1 } else if direction > 0, close < newLower { direction = -1 }
        }
        upper = newUpper
        lower = newLower
        if isDirection { return direction }
        return direction > 0 ? lower : upper
    }

    public mutating func reset() {
        upper = .nan
        lower = .nan
        previousClose = .nan
        direction = 0
    }
}
