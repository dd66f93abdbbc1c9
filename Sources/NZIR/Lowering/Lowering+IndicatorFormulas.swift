import NZSema

extension IndicatorEmitter {
    /// Σ(hlc3 × volume) / Σ volume since the start of each UTC day, or since the latest bar where
    /// `anchor` is true when one is given.
    mutating func vwap(anchor: IRValue) -> IRValue {
        let weighted = binary(.mul, series(.hlc3), column(.volume))
        let reset: IRValue
        if case .constant(let value) = lowering.nodeOp(anchor), value.value.isNaN {
            let day = unary(.floor, binary(.div, column(.time), constant(86_400_000)))
            reset = add(.binary(.ne), [day, shift(day, constant(1))], .bool)
        } else {
            reset = anchor
        }
        return kernel(.vwap, [weighted, column(.volume), reset])
    }

    /// Fast %K = (close − lowest low) / ((highest high − lowest low) × 0.01), 0 on a flat range.
    mutating func fastK(_ close: IRValue, _ high: IRValue, _ low: IRValue, _ length: IRValue) -> IRValue {
        let highest = kernel(.highest, [high, length]), lowest = kernel(.lowest, [low, length])
        let scaledRange = binary(.mul, binary(.sub, highest, lowest), constant(0.01))
        return ratioOrZero(binary(.sub, close, lowest), scaledRange)
    }

    /// TA-Lib STOCH (SMA smoothing): slow %K = SMA(fast %K), %D = SMA(slow %K); %K is shown only
    /// where %D is defined.
    mutating func stoch(_ kLength: IRValue, _ kSmooth: IRValue, _ dLength: IRValue) -> [IRValue] {
        let k = sma(fastK(column(.close), column(.high), column(.low), kLength), kSmooth)
        let d = sma(k, dLength)
        return [whereDefined(d, k), d]
    }

    /// TA-Lib STOCHRSI: a fast stochastic of RSI; %K shown only where %D is defined.
    mutating func stochRSI(_ x: IRValue, _ length: IRValue, _ kLength: IRValue, _ dLength: IRValue) -> [IRValue] {
        let rsi = kernel(.rsi, [x, length])
        let k = fastK(rsi, rsi, rsi, kLength)
        let d = sma(k, dLength)
        return [whereDefined(d, k), d]
    }

    /// max(high − low, |prev close − high|, |prev close − low|), na on the first bar.
    mutating func trueRange() -> IRValue {
        let high = column(.high), low = column(.low)
        let previous = shift(column(.close), constant(1))
        let spread = binary(.sub, high, low)
        let toHigh = unary(.abs, binary(.sub, previous, high))
        let toLow = unary(.abs, binary(.sub, previous, low))
        return binary(.max, binary(.max, spread, toHigh), toLow)
    }

    /// OBV: volume on the first bar, then ± volume as the close rises or falls (exact comparison).
    mutating func obv() -> IRValue {
        let close = column(.close), volume = column(.volume)
        let previous = shift(close, constant(1))
        let signed = select(binary(.gt, close, previous), volume,
                            select(binary(.lt, close, previous), unary(.negate, volume), constant(0)))
        let first = binary(.eq, add(.barIndex, [], .int), constant(0))
        return kernel(.cum, [select(first, volume, signed)])
    }

    /// A/D: running total of CLV × volume, CLV = ((close − low) − (high − close)) / (high − low),
    /// 0 on a flat bar.
    mutating func accumulationDistribution() -> IRValue {
        let high = column(.high), low = column(.low), close = column(.close)
        let range = binary(.sub, high, low)
        let clv = binary(.sub, binary(.sub, close, low), binary(.sub, high, close))
        let flow = select(binary(.gt, range, constant(0)), binary(.div, binary(.mul, clv, column(.volume)), range), constant(0))
        return kernel(.cum, [flow])
    }

    /// Ultimate oscillator: BP = close − min(low, prev close), TR = max(high, prev close) −
    /// min(low, prev close); A = sum(BP) / sum(TR) per window; 100 × (4·A1 + 2·A2 + A3) / 7.
    mutating func ultimateOscillator(_ fast: IRValue, _ medium: IRValue, _ slow: IRValue) -> IRValue {
        let previous = shift(column(.close), constant(1))
        let trueLow = binary(.min, column(.low), previous)
        let buying = binary(.sub, column(.close), trueLow)
        let range = binary(.sub, binary(.max, column(.high), previous), trueLow)
        func average(_ length: IRValue, _ emitter: inout IndicatorEmitter) -> IRValue {
            emitter.ratioOrZero(emitter.kernel(.sum, [buying, length]), emitter.kernel(.sum, [range, length]))
        }
        let a1 = average(fast, &self), a2 = average(medium, &self), a3 = average(slow, &self)
        let weighted = binary(.add, binary(.add, binary(.mul, constant(4), a1), binary(.mul, constant(2), a2)), a3)
        let value = binary(.div, binary(.mul, constant(100), weighted), constant(7))
        // All three windows must be full.
        return whereDefined(kernel(.sum, [range, binary(.max, binary(.max, fast, medium), slow)]), value)
    }
}
