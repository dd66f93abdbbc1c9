/// Wilder's directional movement (TA-Lib PLUS_DI, MINUS_DI, ADX) over high, low and close.
/// +DM = up move when it beats the down move and is positive (−DM likewise); +DM, −DM and the
/// true range are summed over bars 1...length−1, then smoothed S = S − S/length + v from bar
/// `length`; DI = 100 × S_DM / S_TR. DX = 100 × |+DI − −DI| / (+DI + −DI); ADX is the mean of
/// the first `length` DX values, then Wilder-averaged. Warm-up: length (DI), 2 × length − 1 (ADX).
/// TA-Lib divides by `length` where this multiplies by 1/length (within an ulp or so of its
/// values): the three smoothings and the ADX average are loop-carried chains, and a division on
/// a chain costs several times a multiply.
public struct DirectionalKernel: BarBlockKernel {
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
    @usableFromInline let inverse: Double

    public init(length: Int, output: Output) {
        self.length = max(1, length)
        self.output = output
        inverse = 1 / Double(self.length)
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
        let (plusDI, minusDI) = Self.smooth(&plusDM, &minusDM, &trueRange, up: up, down: down, range: range, inverse: inverse)
        switch output {
        case .plusDI: return plusDI
        case .minusDI: return minusDI
        case .adx:
            let dx = Self.dx(plusDI: plusDI, minusDI: minusDI)
            dxCount += 1
            if dxCount < length {
                dxSum += dx
                return .nan
            }
            if dxCount == length {
                dxSum += dx
                adx = dxSum * inverse
                return adx
            }
            adx = ((adx * (n - 1)) + dx) * inverse
            return adx
        }
    }

    /// One bar of Wilder's smoothing of +DM, −DM and the true range (from bar `length` on), and
    /// the bar's +DI and −DI: `step`'s and `run`'s arithmetic.
    @inlinable @inline(__always)
    static func smooth(_ plusDM: inout Double, _ minusDM: inout Double, _ trueRange: inout Double,
                       up: Double, down: Double, range: Double, inverse: Double) -> (plusDI: Double, minusDI: Double) {
        plusDM = plusDM - plusDM * inverse
        minusDM = minusDM - minusDM * inverse
        if up > 0, up > down { plusDM += up }
        if down > 0, down > up { minusDM += down }
        trueRange = trueRange - trueRange * inverse + range
        // The two DI quotients as one vector division (each lane is the scalar quotient).
        let indicators = SIMD2(plusDM, minusDM) / SIMD2(trueRange, trueRange)
        let zero = TALibTolerance.isZero(trueRange)
        return (zero ? 0 : 100 * indicators.x, zero ? 0 : 100 * indicators.y)
    }

    /// DX = 100 × |+DI − −DI| / (+DI + −DI), 0 when the sum is (TA-Lib-)zero.
    @inlinable @inline(__always)
    static func dx(plusDI: Double, minusDI: Double) -> Double {
        let total = minusDI + plusDI
        return TALibTolerance.isZero(total) ? 0 : 100 * (Swift.abs(minusDI - plusDI) / total)
    }

    /// Whether the next bar is past every warm-up (the smoothing and, for ADX, its average).
    @inlinable var isSteady: Bool { count > length && (output != .adx || dxCount >= length) }

    /// The batch driver's loop: `step` until past the warm-ups (and for the block's first bar,
    /// whose previous bar is the state's), then `step`'s steady arithmetic with the running
    /// values in locals (so that ADX's average is not stored and reloaded on every bar, a
    /// loop-carried trip through memory), until a bar holds an na (which `step` then handles);
    /// `step` for what is left.
    @inlinable
    public mutating func run(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                             into out: UnsafeMutableBufferPointer<Double>) {
        let bars = min(high.count, low.count, close.count, out.count)
        var index = 0
        while index < bars, index == 0 || !isSteady {
            out[index] = step(high: high[index], low: low[index], close: close[index])
            index += 1
        }
        let steadyStart = index
        var plusDM = plusDM, minusDM = minusDM, trueRange = trueRange, adx = adx
        let inverse = inverse, keep = Double(length - 1), output = output
        // The previous bar carried in registers, not read again: a load of a value just
        // stored to the output's column at the same offset within a page can wait for that
        // store (4K aliasing), which had made the time depend on where the columns landed.
        var previousH = index > 0 ? high[index - 1] : 0, previousL = index > 0 ? low[index - 1] : 0
        var previousC = index > 0 ? close[index - 1] : 0
        while index < bars {
            let h = high[index], l = low[index], c = close[index]
            if (h + l + c).isNaN { break }  // an na, or a false alarm (+inf + −inf) for `step`
            let up = h - previousH
            let down = previousL - l
            let range = TrueRange.of(high: h, low: l, previousClose: previousC)
            (previousH, previousL, previousC) = (h, l, c)
            let (plusDI, minusDI) = Self.smooth(&plusDM, &minusDM, &trueRange, up: up, down: down, range: range, inverse: inverse)
            switch output {
            case .plusDI: out[index] = plusDI
            case .minusDI: out[index] = minusDI
            case .adx:
                adx = ((adx * keep) + Self.dx(plusDI: plusDI, minusDI: minusDI)) * inverse
                out[index] = adx
            }
            index &+= 1
        }
        if index > steadyStart {
            self.plusDM = plusDM
            self.minusDM = minusDM
            self.trueRange = trueRange
            self.adx = adx
            count += index - steadyStart
            if output == .adx { dxCount += index - steadyStart }
            previousHigh = high[index - 1]
            previousLow = low[index - 1]
            previousClose = close[index - 1]
        }
        while index < bars {
            out[index] = step(high: high[index], low: low[index], close: close[index])
            index += 1
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
