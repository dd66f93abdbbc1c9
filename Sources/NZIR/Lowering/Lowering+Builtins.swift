import NZSema
import NZSyntax

extension Lowering {
    /// Maps a builtin call to IR: kernels, element-wise ops, or a small expansion.
    mutating func lowerBuiltin(_ builtin: Builtin, _ arguments: [IRValue], element: IRElement, range: SourceRange) -> [IRValue] {
        func kernel(_ kind: KernelKind, _ inputs: [IRValue]) -> IRValue {
            add(.kernel(kind), inputs, .float, range)
        }
        func unary(_ op: IRUnaryOp) -> IRValue { add(.unary(op), [arguments[0]], element, range) }
        func binary(_ op: IRBinaryOp) -> IRValue { add(.binary(op), [arguments[0], arguments[1]], element, range) }
        switch builtin {
        case .sma: return [kernel(.sma, arguments)]
        case .ema: return [kernel(.ema, arguments)]
        case .rsi: return [kernel(.rsi, arguments)]
        case .atr:
            return [kernel(.atr, [columnValue(.high, range), columnValue(.low, range), columnValue(.close, range), arguments[0]])]
        case .stddev: return [kernel(.stddev, arguments)]
        case .highest: return [kernel(.highest, arguments)]
        case .lowest: return [kernel(.lowest, arguments)]
        case .sum: return [kernel(.sum, arguments)]
        case .crossover: return [add(.kernel(.crossover), arguments, .bool, range)]
        case .crossunder: return [add(.kernel(.crossunder), arguments, .bool, range)]
        case .bbands:
            // middle = sma(x, n); upper/lower = middle ± k × stddev(x, n, 1)
            let middle = kernel(.sma, [arguments[0], arguments[1]])
            let one = add(.constant(IRConstant(1)), [], .float, range)
            let deviation = kernel(.stddev, [arguments[0], arguments[1], one])
            let up = add(.binary(.mul), [arguments[2], deviation], .float, range)
            let down = add(.binary(.mul), [arguments[3], deviation], .float, range)
            return [add(.binary(.add), [middle, up], .float, range), middle, add(.binary(.sub), [middle, down], .float, range)]
        case .wma, .dema, .tema, .trima, .t3, .macd, .stoch, .stochrsi, .natr, .trange, .cci, .obv, .roc, .mom, .willr,
             .trix, .variance, .linreg, .linregSlope, .ad, .adosc, .cmo, .ppo, .apo, .bop, .midpoint, .ultosc, .cum,
             .kama, .mfi, .sar, .adx, .plusDI, .minusDI, .aroon, .change, .rising, .falling, .zscore, .donchian, .keltner,
             .hma, .barssince, .valuewhen, .vwap, .supertrend, .ichimoku, .percentrank, .correlation, .beta,
             .ewm, .rollingMean, .schrRostLine, .waveBetterTrend, .waveBetterFast,
             .skew, .kurtosis, .autocorr, .returns, .rank, .hour, .weekday, .month:
            // Move the lowering state into the emitter and back (swaps, no copies).
            var emitter = IndicatorEmitter(lowering: Lowering(), range: range)
            swap(&emitter.lowering, &self)
            let values = emitter.lower(builtin, arguments)
            swap(&emitter.lowering, &self)
            return values
        case .abs: return [unary(.abs)]
        case .sqrt: return [unary(.sqrt)]
        case .log: return [unary(.log)]
        case .exp: return [unary(.exp)]
        case .floor: return [unary(.floor)]
        case .ceil: return [unary(.ceil)]
        case .round: return [unary(.round)]
        case .isNA: return [unary(.isNA)]
        case .pow: return [binary(.pow)]
        case .min: return [binary(.min)]
        case .max: return [binary(.max)]
        case .nz: return [binary(.nz)]
        case .futureReturn, .futureClose, .futureHigh, .futureLow:
            // Only a model's target holds labels, and its lowering rewrites them causally.
            return [add(.label(IRLabel(builtin) ?? .futureReturn), [arguments[0]], .float, range)]
        case .fixed, .cash, .percentOfEquity, .allIn, .riskPercent, .kelly, .volTarget:
            // Sizings are lowered through the `size` rule.
            return [add(.constant(IRConstant(.nan)), [], .float, range)]
        }
    }

    private mutating func add(_ op: IROp, _ inputs: [IRValue], _ element: IRElement, _ range: SourceRange) -> IRValue {
        builderAdd(op, inputs, element, range)
    }

    mutating func columnValue(_ column: InputColumn, _ range: SourceRange) -> IRValue {
        builderAdd(.column(column), [], .float, range)
    }
}
