/// Signatures of the TA-Lib indicators beyond the core set. Defaults are TA-Lib's; functions
/// of several price series (stoch, natr, cci, ...) read the data's own high, low, close and
/// volume.
extension Builtin {
    public static let macdRecord = RecordType(name: "macd", fields: ["macd", "signal", "hist"])
    public static let stochRecord = RecordType(name: "stoch", fields: ["k", "d"])
    public static let stochRSIRecord = RecordType(name: "stochrsi", fields: ["k", "d"])
    public static let aroonRecord = RecordType(name: "aroon", fields: ["down", "up"])
    public static let donchianRecord = RecordType(name: "donchian", fields: ["upper", "middle", "lower"])
    public static let keltnerRecord = RecordType(name: "keltner", fields: ["upper", "middle", "lower"])
    public static let supertrendRecord = RecordType(name: "supertrend", fields: ["line", "direction"])
    public static let ichimokuRecord = RecordType(name: "ichimoku", fields: ["conversion", "base", "span_a", "span_b"])

    var indicatorSignature: BuiltinSignature {
        typealias P = BuiltinParameter
        func series(_ parameters: [BuiltinParameter], _ summary: String) -> BuiltinSignature {
            BuiltinSignature(parameters: parameters, result: .seriesFloat, summary: summary)
        }
        let x = P("x", .number)
        switch self {
        case .wma: return series([x, P("length", .length)], "weighted moving average, weights 1...length (newest heaviest)")
        case .dema: return series([x, P("length", .length)], "double EMA: 2 × ema − ema(ema)")
        case .tema: return series([x, P("length", .length)], "triple EMA: 3 × e1 − 3 × e2 + e3 of chained EMAs")
        case .trima: return series([x, P("length", .length)], "triangular moving average: an SMA of an SMA")
        case .t3: return series([x, P("length", .length, default: 5), P("v", .runConstant, default: 0.7)],
                                "Tillson T3: six chained EMAs combined with volume factor v")
        case .macd:
            return BuiltinSignature(parameters: [x, P("fast", .length, default: 12), P("slow", .length, default: 26), P("signal", .length, default: 9)],
                                    result: .record(Self.macdRecord), summary: "MACD line, signal line and histogram (TA-Lib seeding)")
        case .stoch:
            return BuiltinSignature(parameters: [P("k", .length, default: 14), P("k_smooth", .length, default: 3), P("d", .length, default: 3)],
                                    result: .record(Self.stochRecord), summary: "slow stochastic %K and %D of the bars")
        case .stochrsi:
            return BuiltinSignature(parameters: [x, P("length", .length, default: 14), P("k", .length, default: 5), P("d", .length, default: 3)],
                                    result: .record(Self.stochRSIRecord), summary: "fast stochastic of RSI: %K and %D")
        case .natr: return series([P("length", .length, default: 14)], "normalised ATR: 100 × atr / close")
        case .trange: return series([], "true range: max(high − low, |high − previous close|, |low − previous close|)")
        case .cci: return series([P("length", .length, default: 14)], "commodity channel index of the typical price")
        case .obv: return BuiltinSignature(parameters: [], result: .seriesFloat, summary: "on-balance volume, from the first bar's volume")
        case .roc: return series([x, P("length", .length, default: 10)], "rate of change: 100 × (x / x[length] − 1)")
        case .mom: return series([x, P("length", .length, default: 10)], "momentum: x − x[length]")
        case .willr: return series([P("length", .length, default: 14)], "Williams %R: −100 × (highest high − close) / range")
        case .trix: return series([x, P("length", .length, default: 30)], "1-bar rate of change of a triple EMA")
        case .variance: return series([x, P("length", .length, default: 5)], "population variance over `length` values")
        case .linreg: return series([x, P("length", .length, default: 14)], "least-squares line over `length` values, at the newest bar")
        case .linregSlope: return series([x, P("length", .length, default: 14)], "slope per bar of the least-squares line")
        case .ad: return series([], "accumulation/distribution line")
        case .adosc: return series([P("fast", .length, default: 3), P("slow", .length, default: 10)],
                                   "Chaikin oscillator: EMA(fast) − EMA(slow) of the A/D line, both seeded with its first value")
        case .cmo: return series([x, P("length", .length, default: 14)], "Chande momentum oscillator on Wilder-smoothed gains and losses")
        case .ppo: return series([x, P("fast", .length, default: 12), P("slow", .length, default: 26)], "100 × (ema fast − ema slow) / ema slow")
        case .apo: return series([x, P("fast", .length, default: 12), P("slow", .length, default: 26)], "ema fast − ema slow")
        case .bop: return series([], "balance of power: (close − open) / (high − low)")
        case .midpoint: return series([x, P("length", .length, default: 14)], "(highest + lowest) / 2 of the last `length` values")
        case .ultosc: return series([P("fast", .length, default: 7), P("medium", .length, default: 14), P("slow", .length, default: 28)],
                                    "ultimate oscillator over three windows")
        case .cum: return series([x], "running total from the first bar")
        case .ewm: return series([x, P("alpha", .runConstant), P("initial", .runConstant, default: 0)],
                                 "exponential smoothing v += alpha × (x − v) from v = initial before the first bar; an na x keeps v")
        case .rollingMean:
            return series([x, P("length", .length), P("min_periods", .runConstant, default: .nan)],
                          "pandas rolling(length, min_periods).mean(), bit-exact: mean of the non-na values in the window, na below min_periods (na: length)")
        case .schrRostLine: return series([x, P("speed", .runConstant, default: 0.501)],
                                          "NeoZork SCHR_ROST line: an ADX-weighted variable moving average, with the original's quirks")
        case .waveBetterTrend: return series([P("wave", .number), P("fastline", .number)],
                                             "NeoZork WAVE's BetterTrend colour (0, 1 buy, 2 sell) of a wave and its fast line")
        case .waveBetterFast: return series([P("wave", .number), P("fastline", .number)],
                                            "NeoZork WAVE's BetterFast colour (0, 1 buy, 2 sell) of a wave and its fast line")
        case .kama: return series([x, P("length", .length, default: 30)], "Kaufman adaptive moving average (fast 2, slow 30)")
        case .mfi: return series([P("length", .length, default: 14)], "money flow index of the typical price and volume")
        case .sar: return series([P("acceleration", .runConstant, default: 0.02), P("maximum", .runConstant, default: 0.2)],
                                 "parabolic stop and reverse")
        case .adx: return series([P("length", .length, default: 14)], "average directional index")
        case .plusDI: return series([P("length", .length, default: 14)], "plus directional indicator")
        case .minusDI: return series([P("length", .length, default: 14)], "minus directional indicator")
        case .aroon:
            return BuiltinSignature(parameters: [P("length", .length, default: 14)], result: .record(Self.aroonRecord),
                                    summary: "Aroon down and up: how recently the lowest low and highest high were set")
        case .change: return series([x, P("length", .length, default: 1)], "x − x[length]")
        case .rising:
            return BuiltinSignature(parameters: [x, P("length", .length)], result: .seriesBool,
                                    summary: "x is above every one of its previous `length` values (Pine's `rising`)")
        case .falling:
            return BuiltinSignature(parameters: [x, P("length", .length)], result: .seriesBool,
                                    summary: "x is below every one of its previous `length` values (Pine's `falling`)")
        case .zscore: return series([x, P("length", .length)], "(x − sma) / population stddev over `length` values")
        case .donchian:
            return BuiltinSignature(parameters: [P("length", .length, default: 20)], result: .record(Self.donchianRecord),
                                    summary: "Donchian channel: highest high, lowest low and their midpoint")
        case .keltner:
            return BuiltinSignature(parameters: [P("length", .length, default: 20), P("k", .runConstant, default: 2),
                                                 P("atr_length", .length, default: 10)],
                                    result: .record(Self.keltnerRecord), summary: "Keltner channel: ema(close) ± k × atr")
        case .hma: return series([x, P("length", .length)], "Hull MA: wma(2 × wma(x, n/2) − wma(x, n), √n), lengths floored")
        case .barssince:
            return BuiltinSignature(parameters: [P("condition", .condition)], result: .seriesFloat,
                                    summary: "bars since the condition was last true (0 on a true bar), na before the first")
        case .valuewhen:
            return BuiltinSignature(parameters: [P("condition", .condition), x, P("occurrence", .runConstant, default: 0)],
                                    result: .seriesFloat, summary: "x on the bar where the condition was true `occurrence` times before the latest")
        case .vwap:
            return series([P("anchor", .condition, default: .nan)],
                          "volume-weighted hlc3 since the start of the UTC day, or since the latest bar where `anchor` is true")
        case .supertrend:
            return BuiltinSignature(parameters: [P("factor", .runConstant, default: 3), P("length", .length, default: 10)],
                                    result: .record(Self.supertrendRecord),
                                    summary: "supertrend line and direction (1 up, −1 down) from hl2 ± factor × atr(length)")
        case .ichimoku:
            return BuiltinSignature(parameters: [P("conversion", .length, default: 9), P("base", .length, default: 26),
                                                 P("span_b", .length, default: 52), P("displacement", .length, default: 26)],
                                    result: .record(Self.ichimokuRecord),
                                    summary: "Ichimoku lines; the spans are the values displaced forward, as known at each bar")
        case .percentrank: return series([x, P("length", .length)], "percentage of the previous `length` values at or below x (Pine)")
        case .correlation: return series([P("a", .number), P("b", .number), P("length", .length)], "Pearson correlation over `length` bars")
        case .skew: return series([x, P("length", .length, default: 20)], "sample skewness of the last `length` values, bias-corrected (pandas rolling skew)")
        case .kurtosis: return series([x, P("length", .length, default: 20)], "excess kurtosis of the last `length` values, bias-corrected (pandas rolling kurt)")
        case .autocorr: return series([x, P("length", .length, default: 20), P("lag", .length, default: 1)],
                                      "autocorrelation: Pearson correlation of x and x[lag] over `length` bars")
        case .returns: return series([x, P("length", .length, default: 1)], "return over `length` bars: x / x[length] − 1")
        case .rank: return series([x, P("length", .length, default: 20)],
                                  "percentile rank of x among the last `length` values: 1/length for the smallest, 1 for the largest, ties averaged")
        case .hour: return BuiltinSignature(parameters: [], result: .seriesInt, summary: "the bar's hour of the day, 0...23 (UTC)")
        case .weekday: return BuiltinSignature(parameters: [], result: .seriesInt,
                                               summary: "the bar's day of the week, 0 (Monday) ... 6 (Sunday) (UTC)")
        case .month: return BuiltinSignature(parameters: [], result: .seriesInt, summary: "the bar's month, 1...12 (UTC)")
        case .beta: return series([x, P("benchmark", .number), P("length", .length)],
                                  "cov(x, benchmark) / var(benchmark) over `length` bars (population); pass returns")
        default: return series([], "")
        }
    }
}
