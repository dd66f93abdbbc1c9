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
        kernel(.trueRange, [column(.high), column(.low), column(.close)])
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
}
