import NZSyntax

/// Every builtin function. Their signatures live in one table, `Builtin.signature`.
public enum Builtin: String, CaseIterable, Hashable, Sendable {
    // Rolling kernels (TA-Lib conventions)
    case sma, ema, rsi, atr, stddev, highest, lowest, sum
    // Events
    case crossover, crossunder
    // Multi-output
    case bbands
    // More TA-Lib indicators (signatures in Builtin+Indicators.swift)
    case wma, dema, tema, trima, t3, macd, stoch, stochrsi, natr, trange, cci, obv, roc, mom, willr, trix
    case variance, linreg, linregSlope = "linreg_slope", ad, adosc, cmo, ppo, apo, bop, midpoint, ultosc
    case kama, mfi, sar, adx, plusDI = "plus_di", minusDI = "minus_di", aroon
    // Beyond TA-Lib
    case change, rising, falling, zscore, donchian, keltner, hma, barssince, valuewhen
    case vwap, supertrend, ichimoku, percentrank, correlation, beta
    // Model features
    case skew, kurtosis, autocorr, returns, rank, hour, weekday, month
    // Running totals and smoothing
    case cum, ewm, rollingMean = "rolling_mean"
    // Kernels of the NeoZork indicators (stdlib/neozork.nzs)
    case schrRostLine = "schr_rost_line", waveBetterTrend = "wave_better_trend", waveBetterFast = "wave_better_fast"
    // Element-wise math
    case abs, sqrt, log, exp, pow, min, max, floor, ceil, round
    // Missing values
    case nz, isNA = "is_na"
    // Look-ahead labels (model targets only)
    case futureReturn = "future_return", futureClose = "future_close"
    case futureHigh = "future_high", futureLow = "future_low"
    // Position sizing (the `size` rule)
    case fixed, cash, percentOfEquity = "percent_of_equity", allIn = "all_in"
    case riskPercent = "risk_percent", kelly, volTarget = "vol_target"
}

/// What an argument of a builtin must be.
public enum BuiltinParameterKind: Hashable, Sendable {
    /// Any numeric value; a scalar broadcasts to a series.
    case number
    /// Any bool value.
    case condition
    /// Any number or bool.
    case value
    /// A window length: an int known for the whole run (const or param), at least 1.
    case length
    /// A number known for the whole run (const or param).
    case runConstant
    /// A bool known for the whole run.
    case runFlag
    /// A look-ahead horizon: an int constant, at least 1.
    case horizon
}

/// How a builtin's result type follows from its arguments.
public enum BuiltinResult: Hashable, Sendable {
    /// A float series (rolling kernels).
    case seriesFloat
    /// An int series (calendar fields of the bar's time).
    case seriesInt
    /// A bool series (events).
    case seriesBool
    /// Element-wise: float (or int when `keepsInt` and every argument is int) with the
    /// arguments' greatest variability.
    case elementwise(keepsInt: Bool)
    /// Element-wise bool with the arguments' greatest variability.
    case elementwiseBool
    case record(RecordType)
    /// A `label<float>` reading `horizon` bars ahead.
    case label
    case sizing
}

/// One parameter: its name (usable as `name:` in a call), kind and default.
public struct BuiltinParameter: Hashable, Sendable {
    public let name: String
    public let kind: BuiltinParameterKind
    public let defaultValue: Double?

    init(_ name: String, _ kind: BuiltinParameterKind, default defaultValue: Double? = nil) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
    }
}

/// A builtin's full signature and one-line summary (shown by `nzs doc` and in errors).
public struct BuiltinSignature: Hashable, Sendable {
    public let parameters: [BuiltinParameter]
    public let result: BuiltinResult
    public let summary: String

    /// `sma(x, length)`.
    public func display(_ name: String) -> String {
        let list = parameters.map { parameter in
            parameter.defaultValue.map { "\(parameter.name): \(ASTPrinter.formatNumber($0))" } ?? parameter.name
        }
        return "\(name)(\(list.joined(separator: ", ")))"
    }
}

extension Builtin {
    public static let bbandsRecord = RecordType(name: "bbands", fields: ["upper", "middle", "lower"])

    /// The one table of builtin signatures.
    public var signature: BuiltinSignature {
        typealias P = BuiltinParameter
        switch self {
        case .sma: return .init(parameters: [P("x", .number), P("length", .length)], result: .seriesFloat,
                                summary: "simple moving average of the last `length` values")
        case .ema: return .init(parameters: [P("x", .number), P("length", .length)], result: .seriesFloat,
                                summary: "exponential moving average, k = 2/(length+1), seeded with the SMA of the first `length` values")
        case .rsi: return .init(parameters: [P("x", .number), P("length", .length, default: 14)], result: .seriesFloat,
                                summary: "Wilder's relative strength index, 0...100")
        case .atr: return .init(parameters: [P("length", .length, default: 14)], result: .seriesFloat,
                                summary: "Wilder's average true range of the bars' high, low and close")
        case .stddev: return .init(parameters: [P("x", .number), P("length", .length), P("k", .runConstant, default: 1)],
                                   result: .seriesFloat, summary: "population standard deviation over `length` values, times `k`")
        case .highest: return .init(parameters: [P("x", .number), P("length", .length)], result: .seriesFloat,
                                    summary: "largest of the last `length` values")
        case .lowest: return .init(parameters: [P("x", .number), P("length", .length)], result: .seriesFloat,
                                   summary: "smallest of the last `length` values")
        case .sum: return .init(parameters: [P("x", .number), P("length", .length)], result: .seriesFloat,
                                summary: "sum of the last `length` values")
        case .crossover: return .init(parameters: [P("a", .number), P("b", .number)], result: .seriesBool,
                                      summary: "true when a > b on this bar and a <= b on the previous bar")
        case .crossunder: return .init(parameters: [P("a", .number), P("b", .number)], result: .seriesBool,
                                       summary: "true when a < b on this bar and a >= b on the previous bar")
        case .bbands:
            return .init(parameters: [P("x", .number), P("length", .length, default: 20),
                                      P("k_up", .runConstant, default: 2), P("k_down", .runConstant, default: 2)],
                         result: .record(Self.bbandsRecord),
                         summary: "Bollinger bands: middle = sma, upper/lower = middle ± k × population stddev")
        case .wma, .dema, .tema, .trima, .t3, .macd, .stoch, .stochrsi, .natr, .trange, .cci, .obv, .roc, .mom, .willr,
             .trix, .variance, .linreg, .linregSlope, .ad, .adosc, .cmo, .ppo, .apo, .bop, .midpoint, .ultosc, .cum,
             .kama, .mfi, .sar, .adx, .plusDI, .minusDI, .aroon, .change, .rising, .falling, .zscore, .donchian, .keltner,
             .hma, .barssince, .valuewhen, .vwap, .supertrend, .ichimoku, .percentrank, .correlation, .beta,
             .ewm, .rollingMean, .schrRostLine, .waveBetterTrend, .waveBetterFast,
             .skew, .kurtosis, .autocorr, .returns, .rank, .hour, .weekday, .month:
            return indicatorSignature
        case .abs: return elementwise(["x"], keepsInt: true, "absolute value")
        case .sqrt: return elementwise(["x"], keepsInt: false, "square root (na below 0)")
        case .log: return elementwise(["x"], keepsInt: false, "natural logarithm (na at or below 0)")
        case .exp: return elementwise(["x"], keepsInt: false, "e raised to x")
        case .pow: return elementwise(["x", "y"], keepsInt: false, "x raised to y")
        case .min: return elementwise(["a", "b"], keepsInt: true, "smaller of a and b (na if either is na)")
        case .max: return elementwise(["a", "b"], keepsInt: true, "larger of a and b (na if either is na)")
        case .floor: return elementwise(["x"], keepsInt: false, "largest integer not above x")
        case .ceil: return elementwise(["x"], keepsInt: false, "smallest integer not below x")
        case .round: return elementwise(["x"], keepsInt: false, "x rounded to the nearest integer, halves away from zero")
        case .nz: return .init(parameters: [P("x", .number), P("replacement", .number, default: 0)],
                               result: .elementwise(keepsInt: true), summary: "x, or `replacement` where x is na")
        case .isNA: return .init(parameters: [P("x", .value)], result: .elementwiseBool, summary: "true where x is na")
        case .futureReturn: return label("close[t+n] / close[t] - 1")
        case .futureClose: return label("close n bars ahead")
        case .futureHigh: return label("highest high over the next n bars")
        case .futureLow: return label("lowest low over the next n bars")
        case .fixed: return .init(parameters: [P("quantity", .runConstant)], result: .sizing,
                                  summary: "trade a fixed quantity of units")
        case .cash: return .init(parameters: [P("amount", .runConstant)], result: .sizing,
                                 summary: "trade units worth a fixed amount of cash")
        case .percentOfEquity: return .init(parameters: [P("fraction", .runConstant)], result: .sizing,
                                            summary: "trade units worth a fraction of current equity (fractional units)")
        case .allIn: return .init(parameters: [P("whole_units", .runFlag, default: 0)], result: .sizing,
                                  summary: "trade all available cash; whole units only when `whole_units` is true")
        case .riskPercent: return .init(parameters: [P("fraction", .runConstant)], result: .sizing,
                                        summary: "trade the quantity whose stop loss loses `fraction` of equity (needs `stop_loss` or `trailing_stop`)")
        case .kelly: return .init(parameters: [P("fraction", .runConstant), P("trades", .runConstant, default: 20)], result: .sizing,
                                  summary: "trade `fraction` of the Kelly share of equity, from the win rate and payoff of the last `trades` closed trades")
        case .volTarget: return .init(parameters: [P("annual_vol", .runConstant), P("lookback", .length, default: 20)], result: .sizing,
                                      summary: "trade the share of equity whose annualized volatility over `lookback` bars is `annual_vol`")
        }
    }

    private func elementwise(_ names: [String], keepsInt: Bool, _ summary: String) -> BuiltinSignature {
        BuiltinSignature(parameters: names.map { BuiltinParameter($0, .number) },
                         result: .elementwise(keepsInt: keepsInt), summary: summary)
    }

    private func label(_ summary: String) -> BuiltinSignature {
        BuiltinSignature(parameters: [BuiltinParameter("n", .horizon)], result: .label,
                         summary: summary + "; a look-ahead label, usable only as a model target")
    }
}
