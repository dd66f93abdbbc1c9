/// What the strategy's rules said at one bar's close.
public struct BarSignals: Hashable, Sendable {
    public var enterLong = false
    public var exitLong = false
    public var enterShort = false
    public var exitShort = false
    /// How each side's entry is priced, with this bar's level for `limit`/`stop` entries (a
    /// level that is not finite skips the entry).
    public var longEntry = EntryPricing.market
    public var shortEntry = EntryPricing.market
    /// The stop-loss and take-profit as distances from the entry, as of this bar; nil when
    /// there is none.
    public var stopLoss: DistanceSpec?
    public var takeProfit: DistanceSpec?
    /// The trailing-stop distance as of this bar (it moves the trail of every open lot).
    public var trailingStop: DistanceSpec?
    /// The funding rate per 8 hours as of this bar, when it is a series (`costs funding rate`).
    public var funding: Double?

    public init() {}
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
