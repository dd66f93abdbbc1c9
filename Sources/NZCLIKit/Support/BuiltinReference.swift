import NZEval
import NZIR
import NZSema
import NZSyntax

typealias NZSyntaxSuggestion = SpellingSuggestion

/// Renders the builtin functions' reference: signature, result and fields, warm-up with the
/// default arguments, and where the formula comes from.
public enum BuiltinReference {
    /// The reference each formula follows.
    static func source(_ builtin: Builtin) -> String {
        let taLib: [Builtin: String] = [
            .sma: "SMA", .ema: "EMA", .rsi: "RSI", .atr: "ATR", .stddev: "STDDEV", .highest: "MAX", .lowest: "MIN", .sum: "SUM",
            .bbands: "BBANDS", .wma: "WMA", .dema: "DEMA", .tema: "TEMA", .trima: "TRIMA", .t3: "T3", .macd: "MACD",
            .stoch: "STOCH", .stochrsi: "STOCHRSI", .natr: "NATR", .trange: "TRANGE", .cci: "CCI", .obv: "OBV", .roc: "ROC",
            .mom: "MOM", .willr: "WILLR", .trix: "TRIX", .variance: "VAR", .linreg: "LINEARREG", .linregSlope: "LINEARREG_SLOPE",
            .ad: "AD", .adosc: "ADOSC", .cmo: "CMO", .ppo: "PPO (EMA)", .apo: "APO (EMA)", .bop: "BOP", .midpoint: "MIDPOINT",
            .ultosc: "ULTOSC", .kama: "KAMA", .mfi: "MFI", .sar: "SAR", .adx: "ADX", .plusDI: "PLUS_DI", .minusDI: "MINUS_DI",
            .aroon: "AROON",
        ]
        if let name = taLib[builtin] { return "TA-Lib \(name), checked against TA-Lib 0.8 on four real data sets" }
        switch builtin {
        case .crossover, .crossunder: return "Pine Script's definition"
        case .ewm: return "the recursion of NeoZork's WAVE lines (neozork-indicators.md §3)"
        case .rollingMean: return "pandas 2.2 `rolling(...).mean()` (neozork-indicators.md appendix), matched on NeoZork's SCHR_TREND and SCHR_Wave2"
        case .schrRostLine: return "NeoZork SCHR_ROST (neozork-indicators.md §4.2), matched on its outputs"
        case .waveBetterTrend, .waveBetterFast: return "NeoZork WAVE (neozork-indicators.md §3)"
        case .futureReturn, .futureClose, .futureHigh, .futureLow: return "NZS look-ahead label"
        case .skew, .kurtosis: return "SciPy `stats.skew`/`kurtosis(bias=False)` per window (pandas' rolling estimators), checked on real data"
        case .rank: return "pandas `rolling(n).rank(pct=True)`, checked on real data"
        case .autocorr: return "pandas `rolling(n).corr(x.shift(lag))`, checked on real data"
        case .returns: return "pandas `x / x.shift(n) - 1`, checked on real data"
        case .hour, .weekday, .month: return "pandas `dt.hour` / `dt.day_of_week` / `dt.month`, checked on real data"
        case .fixed, .cash, .percentOfEquity, .allIn, .riskPercent, .kelly, .volTarget: return "NZS sizing (docs/conventions.md)"
        default: return "NZS"
        }
    }

    /// A call with every required argument filled in (`close` for series, 20 for lengths).
    public static func exampleCall(_ builtin: Builtin) -> String {
        let arguments = builtin.signature.parameters.compactMap { parameter -> String? in
            guard parameter.defaultValue == nil else { return nil }
            switch parameter.kind {
            case .number, .value: return "close"
            case .condition: return "close > open"
            case .length: return "20"
            case .runConstant: return "1"
            case .runFlag: return "true"
            case .horizon: return "5"
            }
        }
        return "\(builtin.rawValue)(\(arguments.joined(separator: ", ")))"
    }

    /// Leading na bars of each output of the example call, or nil where it does not run
    /// (labels and sizings).
    public static func warmups(_ builtin: Builtin) -> [(field: String?, bars: Int)]? {
        let call = exampleCall(builtin)
        let fields: [String?]
        if case .record(let record) = builtin.signature.result { fields = record.fields } else { fields = [nil] }
        let expressions = fields.map { field in field.map { "\(call).\($0)" } ?? call }
        let compilation = Compiler.compile(path: "<doc>", text: "", expressions: expressions)
        guard let program = compilation.program else { return nil }
        let values = WarmupAnalysis.warmups(program.ir, params: program.ir.defaultParams)
        let outputs = program.ir.outputs(.expression)
        return zip(fields, outputs).map { ($0, values[$1.value.index]) }
    }

    static func entry(_ builtin: Builtin) -> String {
        let signature = builtin.signature
        var text = "\(signature.display(builtin.rawValue))\n    \(signature.summary)\n"
        switch signature.result {
        case .record(let record): text += "    returns a record with fields \(record.fields.map { "." + $0 }.joined(separator: ", "))\n"
        case .seriesBool, .elementwiseBool: text += "    returns bool\n"
        case .seriesInt: text += "    returns int\n"
        case .label: text += "    returns label<float> (a model target only)\n"
        case .sizing: text += "    returns a sizing for the `size` rule\n"
        default: text += "    returns float\n"
        }
        if let warmups = warmups(builtin) {
            let list = warmups.map { ($0.field.map { ".\($0) " } ?? "") + "\($0.bars)" }.joined(separator: ", ")
            text += "    warm-up of \(exampleCall(builtin)): \(list) bars\n"
        }
        text += "    source: \(source(builtin))\n"
        return text
    }

    /// docs/indicators.md: the builtins, then the functions of the stdlib modules found from
    /// `workingDirectory`.
    public static func markdown(workingDirectory: String) -> String {
        var text = """
        # Builtin functions

        Generated by `nzs doc --markdown` from the signature table the checker uses
        (`Sources/NZSema/Builtins/`); a test keeps this file equal to that output. `nzs doc NAME`
        prints one entry. Warm-up is the number of leading `na` bars of the example call on data
        without gaps (`docs/conventions.md` defines it); arguments in `name: value` form have that
        default. The functions written in NZS in `stdlib/` follow the builtins, from their doc
        comments.

        | function | returns | warm-up (example call) | summary | source |
        |---|---|---|---|---|

        """
        for builtin in Builtin.allCases {
            let signature = builtin.signature
            var returns = "float"
            switch signature.result {
            case .record(let record): returns = record.fields.map { "`.\($0)`" }.joined(separator: " ")
            case .seriesBool, .elementwiseBool: returns = "bool"
            case .seriesInt: returns = "int"
            case .label: returns = "label"
            case .sizing: returns = "sizing"
            default: break
            }
            let warmup = warmups(builtin).map { list in
                "`\(exampleCall(builtin))`: " + list.map { ($0.field.map { ".\($0) " } ?? "") + "\($0.bars)" }.joined(separator: ", ")
            } ?? "—"
            text += "| `\(signature.display(builtin.rawValue))` | \(returns) | \(warmup) | \(signature.summary) | \(source(builtin)) |\n"
        }
        return text + ModuleReference.markdown(workingDirectory: workingDirectory)
    }
}
