/// An IR value: the result of the node at `index` in `IRProgram.nodes`.
public struct IRValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }
    public var description: String { "%\(index)" }
}

/// A constant, hashed by bit pattern so that NaN (`na`) constants are shared too.
public struct IRConstant: Hashable, Sendable {
    public let bits: UInt64
    public init(_ value: Double) { bits = value.bitPattern }
    public var value: Double { Double(bitPattern: bits) }
}

/// A column every frame has.
public enum InputColumn: String, Hashable, Sendable, CaseIterable {
    case open, high, low, close, volume, time
    case fundingRate = "funding_rate"
}

/// Stateful column operations, each backed by one step-function kernel in NZRuntime.
/// Inputs are listed as `series inputs ; run-constant arguments`.
public enum KernelKind: String, Hashable, Sendable, CaseIterable {
    /// `x ; length` simple moving average (TA-Lib SMA: running sum, first value at length-1)
    case sma
    /// `x ; length` EMA, k = 2/(length+1), seeded with the SMA of the first `length` values
    case ema
    /// `x ; length` Wilder RSI, seeded with the mean gain/loss of the first `length` changes
    case rsi
    /// `high, low, close ; length` Wilder ATR, seeded with the mean true range of bars 1...length
    case atr
    /// `x ; length, k` population standard deviation times k
    case stddev
    /// `x ; length` rolling maximum
    case highest
    /// `x ; length` rolling minimum
    case lowest
    /// `x ; length` rolling sum
    case sum
    /// `a, b ;` a > b now and a <= b on the previous bar
    case crossover
    /// `a, b ;` a < b now and a >= b on the previous bar
    case crossunder
    /// `x ; length` weighted moving average (TA-Lib WMA)
    case wma
    /// `x ;` running total from the first value
    case cum
    /// `x ; length` least-squares line value at the newest bar (TA-Lib LINEARREG)
    case linreg
    /// `x ; length` least-squares slope per bar (TA-Lib LINEARREG_SLOPE)
    case linregSlope = "linreg_slope"
    /// `tp ; length` commodity channel index of a typical price
    case cci
    /// `x ; length` EMA seeded with the first value instead of an SMA (TA-Lib ADOSC's EMAs)
    case emaFirstSeeded = "ema_first_seeded"
    /// `x ; length` Chande momentum oscillator on Wilder averages (TA-Lib CMO)
    case cmo
    /// `x ; length` population variance (TA-Lib VAR)
    case variance
    /// `x ; length` Kaufman adaptive moving average (TA-Lib KAMA)
    case kama
    /// `typical price, volume ; length` money flow index (TA-Lib MFI)
    case mfi
    /// `high, low ; acceleration, maximum` parabolic SAR (TA-Lib SAR)
    case sar
    /// `high, low, close ; length` Wilder's +DI
    case plusDI = "plus_di"
    /// `high, low, close ; length` Wilder's −DI
    case minusDI = "minus_di"
    /// `high, low, close ; length` average directional index
    case adx
    /// `high ; length` Aroon up
    case aroonUp = "aroon_up"
    /// `low ; length` Aroon down
    case aroonDown = "aroon_down"
    /// `condition ;` bars since the condition was last true
    case barsSince = "barssince"
    /// `condition, x ; occurrence` x where the condition was true, `occurrence` times ago
    case valueWhen = "valuewhen"
    /// `x ; length` percentage of the previous `length` values at or below x
    case percentRank = "percentrank"
    /// `x ; length` rolling bias-corrected skewness
    case skew
    /// `x ; length` rolling bias-corrected excess kurtosis
    case kurtosis
    /// `x ; length` percentile rank of x among the last `length` values
    case rollingRank = "rank"
    /// `a, b ; length` Pearson correlation
    case correlation
    /// `a, b ; length` cov(a, b) / var(b)
    case beta
    /// `price × volume, volume, new period ;` volume-weighted average price since the period start
    case vwap
    /// `hl2, atr, close ; factor` supertrend line
    case supertrendLine = "supertrend_line"
    /// `hl2, atr, close ; factor` supertrend direction (1 up, −1 down)
    case supertrendDirection = "supertrend_direction"
    /// `x ; length` TA-Lib DEMA (two chained EMAs in one loop)
    case dema
    /// `x ; length` TA-Lib TEMA (three chained EMAs)
    case tema
    /// `x ; length` TA-Lib TRIX (1-bar rate of change of three chained EMAs)
    case trix
    /// `x ; length, v` Tillson T3 (six chained EMAs)
    case t3
    /// `x ; fast, slow, signal` TA-Lib MACD line (shown where the signal exists)
    case macdLine = "macd_line"
    /// `x ; fast, slow, signal` TA-Lib MACD signal line
    case macdSignal = "macd_signal"
    /// `x ; fast, slow, signal` TA-Lib MACD histogram
    case macdHist = "macd_hist"
    /// `high, low, close ; length` TA-Lib NATR
    case natr
    /// `high, low, close, volume ;` TA-Lib A/D line
    case ad
    /// `high, low, close, volume ; fast, slow` TA-Lib Chaikin A/D oscillator
    case adosc
    /// `open, high, low, close ;` TA-Lib balance of power
    case bop
    /// `high, low, close ;` TA-Lib true range
    case trueRange = "true_range"
    /// `high, low, close ; length` TA-Lib Williams %R
    case willr
    /// `x ; length` (highest + lowest) / 2
    case midpoint
    /// `high, low, close ; fast, medium, slow` TA-Lib ultimate oscillator
    case ultosc
    /// `x ; alpha, initial` exponential smoothing from `initial`; an na input keeps the value
    case ewm
    /// `x ; length, min_periods` pandas' rolling mean (compensated sum, na values skipped)
    case rollingMean = "rolling_mean"
    /// `x ; speed` NeoZork SCHR_ROST's ADX-VMA line
    case schrRostLine = "schr_rost_line"
    /// `wave, fastline ;` NeoZork WAVE's BetterTrend colour
    case waveBetterTrend = "wave_better_trend"
    /// `wave, fastline ;` NeoZork WAVE's BetterFast colour
    case waveBetterFast = "wave_better_fast"

    /// How many series inputs precede the run-constant arguments.
    public var seriesInputCount: Int {
        switch self {
        case .ad, .adosc, .bop: return 4
        case .atr, .plusDI, .minusDI, .adx, .vwap, .supertrendLine, .supertrendDirection, .trueRange, .willr, .ultosc, .natr: return 3
        case .crossover, .crossunder, .mfi, .sar, .valueWhen, .correlation, .beta, .waveBetterTrend, .waveBetterFast: return 2
        default: return 1
        }
    }

    /// How many run-constant arguments follow the series inputs.
    public var argumentCount: Int {
        switch self {
        case .stddev, .sar, .ewm, .rollingMean, .t3: return 2
        case .macdLine, .macdSignal, .macdHist, .ultosc: return 3
        case .trueRange, .ad, .bop: return 0
        case .adosc: return 2
        case .crossover, .crossunder, .cum, .barsSince, .vwap, .waveBetterTrend, .waveBetterFast: return 0
        default: return 1
        }
    }

    /// Whether the first run-constant argument is a window length (an int ≥ 1).
    public var firstArgumentIsLength: Bool {
        switch self {
        case .sar, .valueWhen, .supertrendLine, .supertrendDirection, .ewm, .schrRostLine: return false
        default: return true
        }
    }

    /// How many of the run-constant arguments are window lengths (ints ≥ 1), from the first.
    public var lengthArgumentCount: Int {
        switch self {
        case .macdLine, .macdSignal, .macdHist, .ultosc: return 3
        case .adosc: return 2
        default: return firstArgumentIsLength && argumentCount > 0 ? 1 : 0
        }
    }

    /// Leading na values the kernel adds to its input's warm-up, given its arguments.
    public func warmup(arguments: [Double]) -> Int {
        let length = max(1, Int(arguments.first ?? 1))
        switch self {
        case .sma, .ema, .stddev, .highest, .lowest, .sum, .wma, .linreg, .linregSlope, .cci, .variance: return length - 1
        case .rsi, .atr, .natr, .cmo, .kama, .mfi, .plusDI, .minusDI, .aroonUp, .aroonDown: return length
        case .adx: return 2 * length - 1
        case .sar: return 1
        case .crossover, .crossunder, .cum, .emaFirstSeeded, .barsSince, .valueWhen, .vwap, .supertrendLine, .supertrendDirection: return 0
        case .ewm, .schrRostLine, .waveBetterTrend, .waveBetterFast: return 0
        case .trueRange: return 1
        case .ad, .bop: return 0
        case .adosc:
            return (arguments.map { $0.isFinite ? max(1, Int($0)) : 1 }.max() ?? 1) - 1
        case .willr, .midpoint: return length - 1
        case .ultosc:
            return arguments.map { $0.isFinite ? max(1, Int($0)) : 1 }.max() ?? 1
        case .dema: return 2 * (length - 1)
        case .tema: return 3 * (length - 1)
        case .trix: return 3 * (length - 1) + 1
        case .t3: return 6 * (length - 1)
        case .macdLine, .macdSignal, .macdHist:
            let slow = arguments.count > 1 && arguments[1].isFinite ? max(1, Int(arguments[1])) : 1
            let signal = arguments.count > 2 && arguments[2].isFinite ? max(1, Int(arguments[2])) : 1
            return slow - 1 + signal - 1
        case .rollingMean:
            let minPeriods = arguments.count > 1 ? arguments[1] : .nan
            guard minPeriods.isFinite, minPeriods >= 1 else { return length - 1 }
            return min(Int(minPeriods), length) - 1
        case .percentRank: return length
        case .correlation, .beta, .skew, .kurtosis, .rollingRank: return length - 1
        }
    }
}

/// Element-wise unary operations.
public enum IRUnaryOp: String, Hashable, Sendable {
    case negate = "neg", not, abs, sqrt, log, exp, floor, ceil, round
    /// Calendar fields of a UTC epoch-milliseconds time.
    case hour, weekday, month
    case isNA = "is_na"
}

/// Element-wise binary operations.
public enum IRBinaryOp: String, Hashable, Sendable {
    case add, sub, mul, div, rem
    case eq, ne, lt, le, gt, ge
    case and, or
    case min, max, pow
    /// `nz(x, y)`: x, or y where x is na
    case nz
}

/// The IR's operations. Every op is a column operation over all bars; scalar-shaped nodes
/// (constants, params and arithmetic on them) are computed once per run.
///
/// | op | semantics |
/// |---|---|
/// | `constant c` | c |
/// | `param i` | the value of param i for this run |
/// | `column c` | the input column c |
/// | `bar_index` | 0, 1, 2, ... |
/// | `unary op x` | op(x[t]) |
/// | `binary op a b` | op(a[t], b[t]) |
/// | `select c a b` | c[t] is true (not 0, not na) ? a[t] : b[t] |
/// | `shift x n` | x[t-n], na for t < n |
/// | `kernel k inputs ; args` | the kernel's step function over the inputs |
public enum IROp: Hashable, Sendable {
    case constant(IRConstant)
    case param(Int)
    case column(InputColumn)
    case barIndex
    case unary(IRUnaryOp)
    case binary(IRBinaryOp)
    case select
    case shift
    case kernel(KernelKind)
    /// `on 1w { … }`: a program of its own run on higher-timeframe bars built from the frame.
    case timeframe(IRTimeframe)
    /// model(features…, target ; rows, retrain, purge, horizon, hyperparameters…): a model's
    /// output, refitted on past rows only (see `IRModel`).
    case model(IRModel)
    /// label(n): a look-ahead label, only while a model's target is lowered (see `IRLabel`).
    case label(IRLabel)

    /// The exact number of inputs the op takes.
    public var arity: Int {
        switch self {
        case .constant, .param, .column, .barIndex, .timeframe: return 0
        case .unary, .label: return 1
        case .binary, .shift: return 2
        case .select: return 3
        case .kernel(let kind): return kind.seriesInputCount + kind.argumentCount
        case .model(let model): return model.seriesInputCount + model.argumentCount
        }
    }
}

/// The program of an `on` block and its bar length. Its value at a script bar is the program's
/// output on the latest higher-timeframe bar that has closed by that bar's close (na before the
/// first): a period closes when a bar of a later period arrives, or at the close of a bar
/// (time + `bar_interval`) at or after the period's end. Identity-compared: two blocks are two
/// nodes.
public final class IRTimeframe: Hashable, Sendable {
    public let milliseconds: Int64
    public let program: IRProgram
    /// The output of `program` that is the block's value.
    public let output: IRValue
    /// The index of the `bar_interval` run constant in the params.
    public let intervalParam: Int

    public init(milliseconds: Int64, program: IRProgram, output: IRValue, intervalParam: Int) {
        self.milliseconds = milliseconds
        self.program = program
        self.output = output
        self.intervalParam = intervalParam
    }

    public static func == (a: IRTimeframe, b: IRTimeframe) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
