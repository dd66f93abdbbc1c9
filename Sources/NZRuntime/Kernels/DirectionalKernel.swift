/// Wilder's directional movement (TA-Lib PLUS_DI, MINUS_DI, ADX) over high, low and close.
/// +DM = up move when it beats the down move and is positive (−DM likewise); +DM, −DM and the
/// true range are summed over bars 1...length−1, then smoothed S = S − S/length + v from bar
/// `length`; DI = 100 × S_DM / S_TR. DX = 100 × |+DI − −DI| / (+DI + −DI); ADX is the mean of
/// the first `length` DX values, then Wilder-averaged. Warm-up: length (DI), 2 × length − 1 (ADX).
public struct DirectionalKernel: BarKernel {
    public enum Output: Sendable { case plusDI, minusDI, adx }

    public let length: Int
    public let output: Output
    @usableFromInline var count = 0
    @usableFromInline var previousHigh = 0.0
    @usableFromInline var previousLow = 0.0
    @usableFromInline var previousClose = 0.0
    @usableFromInline var plusDM = 0.0
    @usableFromInline var minusDM = 0.0
    @usableFromInline var trueRange = 0.0
    @usableFromInline var dxCount = 0
    @usableFromInline var dxSum = 0.0
    @usableFromInline var adx = 0.0

    public init(length: Int, output: Output) {
        self.length = max(1, length)
        self.output = output
    }

    @inlinable @inline(__always)
    public mutating func step(high: Double, low: Double, close: Double) -> Double {
        guard !high.isNaN, !low.isNaN, !close.isNaN else { reset(); return .nan }
        count += 1
        defer {
            previousHigh = high
            previousLow = low
            previousClose = close
        }
        guard count > 1 else { return .nan }
        let up = high - previousHigh
        let down = previousLow - low
        let range = TrueRange.of(high: high, low: low, previousClose: previousClose)
        let n = Double(length)
        let bar = count - 1
        if bar < length {
            if up > 0, up > down { plusDM += up }
            if down > 0, down > up { minusDM += down }
            trueRange += range
            return .nan
        }
        // Pairs of quotients as one vector division each (each lane is the scalar quotient):
        // five divisions per bar instead of seven, the same values.
        let shares = SIMD2(plusDM, minusDM) / SIMD2(n, n)
        plusDM = plusDM - shares.x
        minusDM = minusDM - shares.y
        if up > 0, up > down { plusDM += up }
        if down > 0, down > up { minusDM += down }
        trueRange = trueRange - (trueRange / n) + range
        let indicators = SIMD2(plusDM, minusDM) / SIMD2(trueRange, trueRange)
        let plusDI = TALibTolerance.isZero(trueRange) ? 0 : 100 * indicators.x
        let minusDI = TALibTolerance.isZero(trueRange) ? 0 : 100 * indicators.y
        switch output {
        case .plusDI: return plusDI
        case .minusDI: return minusDI
        case .adx:
            let total = minusDI + plusDI
            let dx = TALibTolerance.isZero(total) ? 0 : 100 * (Swift.abs(minusDI - plusDI) / total)
            dxCount += 1
            if dxCount < length {
                dxSum += dx
                return .nan
            }
            if dxCount == length {
                dxSum += dx
                adx = dxSum / n
                return adx
            }
            adx = ((adx * (n - 1)) + dx) / n
            return adx
        }
    }

    public mutating func reset() {
        count = 0
        plusDM = 0
        minusDM = 0
        trueRange = 0
        dxCount = 0
        dxSum = 0
    }
}
