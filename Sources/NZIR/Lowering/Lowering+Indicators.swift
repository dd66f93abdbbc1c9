import NZSema
import NZSyntax

/// Lowers the TA-Lib indicators that are compositions of kernels and element-wise ops
/// (DEMA is 2 × EMA − EMA of EMA, MACD is two EMAs and a third on their difference, ...), and
/// maps the rest to their own kernels. Each formula follows TA-Lib's conventions
/// (`../shared/golden/talib/conventions.md`) and is checked against TA-Lib's outputs.
struct IndicatorEmitter {
    var lowering: Lowering
    let range: SourceRange

    init(lowering: Lowering, range: SourceRange) {
        self.lowering = lowering
        self.range = range
    }

    // MARK: - Node helpers

    mutating func kernel(_ kind: KernelKind, _ inputs: [IRValue]) -> IRValue { add(.kernel(kind), inputs) }
    mutating func add(_ op: IROp, _ inputs: [IRValue], _ element: IRElement = .float) -> IRValue {
        lowering.builderAdd(op, inputs, element, range)
    }
    mutating func constant(_ value: Double) -> IRValue { add(.constant(IRConstant(value)), []) }
    mutating func column(_ column: InputColumn) -> IRValue { add(.column(column), []) }
    mutating func binary(_ op: IRBinaryOp, _ a: IRValue, _ b: IRValue) -> IRValue { add(.binary(op), [a, b]) }
    mutating func unary(_ op: IRUnaryOp, _ a: IRValue) -> IRValue { add(.unary(op), [a]) }
    mutating func select(_ condition: IRValue, _ a: IRValue, _ b: IRValue) -> IRValue { add(.select, [condition, a, b]) }
    mutating func shift(_ x: IRValue, _ bars: IRValue) -> IRValue { add(.shift, [x, bars]) }
    mutating func ema(_ x: IRValue, _ length: IRValue) -> IRValue { kernel(.ema, [x, length]) }
    mutating func sma(_ x: IRValue, _ length: IRValue) -> IRValue { kernel(.sma, [x, length]) }
    mutating func na() -> IRValue { constant(.nan) }
    /// A builtin series (`hl2`, `hlc3`, ...), the very nodes the script's own uses get.
    mutating func series(_ series: BuiltinSeries) -> IRValue { lowering.lowerSeries(series, range) }
    /// (a + b) / 2
    mutating func midpoint(_ a: IRValue, _ b: IRValue) -> IRValue { binary(.div, binary(.add, a, b), constant(2)) }
    /// `value` where `reference` is defined, na elsewhere (aligns an output's warm-up to another's).
    mutating func whereDefined(_ reference: IRValue, _ value: IRValue) -> IRValue {
        select(unary(.isNA, reference), na(), value)
    }
    /// 0 where `denominator` is 0, else numerator / denominator.
    mutating func ratioOrZero(_ numerator: IRValue, _ denominator: IRValue) -> IRValue {
        select(binary(.eq, denominator, constant(0)), constant(0), binary(.div, numerator, denominator))
    }

    // MARK: - Indicators

    mutating func lower(_ builtin: Builtin, _ a: [IRValue]) -> [IRValue] {
        switch builtin {
        case .wma: return [kernel(.wma, a)]
        case .cum: return [kernel(.cum, a)]
        case .ewm: return [kernel(.ewm, a)]
        case .rollingMean: return [kernel(.rollingMean, a)]
        case .schrRostLine: return [kernel(.schrRostLine, a)]
        case .waveBetterTrend: return [kernel(.waveBetterTrend, a)]
        case .waveBetterFast: return [kernel(.waveBetterFast, a)]
        case .linreg: return [kernel(.linreg, a)]
        case .linregSlope: return [kernel(.linregSlope, a)]
        case .cmo: return [kernel(.cmo, a)]
        case .variance: return [kernel(.variance, a)]
        case .dema: return [kernel(.dema, a)]
        case .tema: return [kernel(.tema, a)]
        case .trima:
            // even n: SMA(SMA(x, n/2), n/2 + 1); odd n: SMA(SMA(x, (n+1)/2), (n+1)/2)
            let first = unary(.floor, binary(.div, binary(.add, a[1], constant(1)), constant(2)))
            let second = binary(.add, unary(.floor, binary(.div, a[1], constant(2))), constant(1))
            return [sma(sma(a[0], first), second)]
        case .t3: return [kernel(.t3, a)]
        case .macd: return [kernel(.macdLine, a), kernel(.macdSignal, a), kernel(.macdHist, a)]
        case .stoch: return stoch(a[0], a[1], a[2])
        case .stochrsi: return stochRSI(a[0], a[1], a[2], a[3])
        case .natr: return [kernel(.natr, [column(.high), column(.low), column(.close), a[0]])]
        case .trange: return [trueRange()]
        case .cci:
            return [kernel(.cci, [series(.hlc3), a[0]])]
        case .obv: return [obv()]
        case .roc:
            let ratio = binary(.div, a[0], shift(a[0], a[1]))
            return [binary(.mul, binary(.sub, ratio, constant(1)), constant(100))]
        case .mom: return [binary(.sub, a[0], shift(a[0], a[1]))]
        case .willr: return [kernel(.willr, [column(.high), column(.low), column(.close), a[0]])]
        case .trix: return [kernel(.trix, a)]
        case .ad: return [kernel(.ad, [column(.high), column(.low), column(.close), column(.volume)])]
        case .adosc: return [kernel(.adosc, [column(.high), column(.low), column(.close), column(.volume), a[0], a[1]])]
        case .apo: return [binary(.sub, ema(a[0], a[1]), ema(a[0], a[2]))]
        case .ppo:
            let fast = ema(a[0], a[1]), slow = ema(a[0], a[2])
            return [select(binary(.eq, slow, constant(0)), constant(0),
                           binary(.mul, binary(.div, binary(.sub, fast, slow), slow), constant(100)))]
        case .bop: return [kernel(.bop, [column(.open), column(.high), column(.low), column(.close)])]
        case .midpoint: return [kernel(.midpoint, a)]
        case .ultosc: return [kernel(.ultosc, [column(.high), column(.low), column(.close), a[0], a[1], a[2]])]
        case .kama: return [kernel(.kama, a)]
        case .mfi:
            return [kernel(.mfi, [series(.hlc3), column(.volume), a[0]])]
        case .sar: return [kernel(.sar, [column(.high), column(.low), a[0], a[1]])]
        case .adx: return [kernel(.adx, [column(.high), column(.low), column(.close), a[0]])]
        case .plusDI: return [kernel(.plusDI, [column(.high), column(.low), column(.close), a[0]])]
        case .minusDI: return [kernel(.minusDI, [column(.high), column(.low), column(.close), a[0]])]
        case .aroon: return [kernel(.aroonDown, [column(.low), a[0]]), kernel(.aroonUp, [column(.high), a[0]])]
        case .change: return [binary(.sub, a[0], shift(a[0], a[1]))]
        case .rising, .falling:
            let previous = shift(a[0], constant(1))
            let bound = kernel(builtin == .rising ? .highest : .lowest, [previous, a[1]])
            return [add(.binary(builtin == .rising ? .gt : .lt), [a[0], bound], .bool)]
        case .zscore:
            let one = constant(1)
            return [binary(.div, binary(.sub, a[0], sma(a[0], a[1])), kernel(.stddev, [a[0], a[1], one]))]
        case .donchian:
            let upper = kernel(.highest, [column(.high), a[0]]), lower = kernel(.lowest, [column(.low), a[0]])
            return [upper, midpoint(upper, lower), lower]
        case .keltner:
            let middle = ema(column(.close), a[0])
            let width = binary(.mul, a[1], kernel(.atr, [column(.high), column(.low), column(.close), a[2]]))
            return [binary(.add, middle, width), middle, binary(.sub, middle, width)]
        case .hma:
            let half = unary(.floor, binary(.div, a[1], constant(2)))
            let root = unary(.floor, unary(.sqrt, a[1]))
            let raw = binary(.sub, binary(.mul, constant(2), kernel(.wma, [a[0], half])), kernel(.wma, [a[0], a[1]]))
            return [kernel(.wma, [raw, root])]
        case .barssince: return [kernel(.barsSince, [a[0]])]
        case .valuewhen: return [kernel(.valueWhen, [a[0], a[1], a[2]])]
        case .percentrank: return [kernel(.percentRank, a)]
        case .skew: return [kernel(.skew, a)]
        case .kurtosis: return [kernel(.kurtosis, a)]
        case .rank: return [kernel(.rollingRank, a)]
        case .autocorr: return [kernel(.correlation, [a[0], shift(a[0], a[2]), a[1]])]
        case .returns: return [binary(.sub, binary(.div, a[0], shift(a[0], a[1])), constant(1))]
        case .hour: return [add(.unary(.hour), [column(.time)], .int)]
        case .weekday: return [add(.unary(.weekday), [column(.time)], .int)]
        case .month: return [add(.unary(.month), [column(.time)], .int)]
        case .correlation: return [kernel(.correlation, a)]
        case .beta: return [kernel(.beta, a)]
        case .vwap: return [vwap(anchor: a[0])]
        case .supertrend:
            let median = series(.hl2)
            let atr = kernel(.atr, [column(.high), column(.low), column(.close), a[1]])
            return [kernel(.supertrendLine, [median, atr, column(.close), a[0]]),
                    add(.kernel(.supertrendDirection), [median, atr, column(.close), a[0]], .int)]
        case .ichimoku:
            func middle(_ length: IRValue, _ emitter: inout IndicatorEmitter) -> IRValue {
                let high = emitter.kernel(.highest, [emitter.column(.high), length])
                return emitter.midpoint(high, emitter.kernel(.lowest, [emitter.column(.low), length]))
            }
            let conversion = middle(a[0], &self), base = middle(a[1], &self)
            let spanA = midpoint(conversion, base)
            return [conversion, base, shift(spanA, a[3]), shift(middle(a[2], &self), a[3])]
        default: return [na()]
        }
    }
}
