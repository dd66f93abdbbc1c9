import NZSyntax

/// What the strategy's rules said at one bar's close, as plain numbers so that building it per
/// bar costs next to nothing; `SignalShape` says how to read them.
public struct BarSignals: Hashable, Sendable {
    public var enterLong = false
    public var exitLong = false
    public var enterShort = false
    public var exitShort = false
    /// The level of each side's `limit`/`stop` entry as of this bar (not finite: no order).
    public var longLevel = Double.nan
    public var shortLevel = Double.nan
    /// The stop-loss, take-profit and trailing-stop values as of this bar: a fraction or a
    /// price distance (per `SignalShape`); not finite, zero or negative: none.
    public var stopLoss = Double.nan
    public var takeProfit = Double.nan
    public var trailingStop = Double.nan
    /// The funding rate per 8 hours as of this bar, when it is a series.
    public var funding = Double.nan

    public init() {}
}

/// Which signals a strategy has and how to read them: the entry order kind per side and
/// whether each distance is a percent. Fixed for a run; set by the plan.
public struct SignalShape: Hashable, Sendable {
    public var longEntry: EntryOrderKind?
    public var shortEntry: EntryOrderKind?
    /// Nil when the strategy has no such rule; else whether its value is a percent.
    public var stopLossIsPercent: Bool?
    public var takeProfitIsPercent: Bool?
    public var trailingStopIsPercent: Bool?
    /// Whether `funding` comes from a series (read each bar) rather than a constant.
    public var fundingIsSeries = false

    public init() {}

    func pricing(_ kind: EntryOrderKind?, _ level: Double) -> EntryPricing {
        guard let kind else { return .market }
        return kind == .limit ? .limit(level) : .stop(level)
    }

    func distance(_ value: Double, _ isPercent: Bool?) -> DistanceSpec? {
        guard let isPercent, value.isFinite else { return nil }
        return isPercent ? .fraction(value) : .price(value)
    }
}

/// A stop or target distance: a fraction of the entry price, or an absolute price distance.
public enum DistanceSpec: Hashable, Sendable {
    case fraction(Double)
    case price(Double)

    /// The price distance for an entry at `price`; nil when not a positive finite number.
    func distance(from price: Double) -> Double? {
        let value: Double
        switch self {
        case .fraction(let fraction): value = fraction * price
        case .price(let distance): value = distance
        }
        return value.isFinite && value > 0 ? value : nil
    }
}

/// How an entry order waiting for the next bar is priced.
public enum EntryPricing: Hashable, Sendable {
    /// At the next open (or this close with `fill: close`).
    case market
    /// At the level or better (a long buys at or below it).
    case limit(Double)
    /// Once the price trades through the level (a long buys at or above it).
    case stop(Double)
}
