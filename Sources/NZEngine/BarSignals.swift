/// What the strategy's rules said at one bar's close.
public struct BarSignals: Hashable, Sendable {
    public var enterLong = false
    public var exitLong = false
    public var enterShort = false
    public var exitShort = false
    /// The stop-loss and take-profit as price distances from the entry (already converted from
    /// percents by the caller's `DistanceSpec`), as of this bar; nil when there is none.
    public var stopLoss: DistanceSpec?
    public var takeProfit: DistanceSpec?

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
