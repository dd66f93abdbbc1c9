/// How many units an entry takes. Quantities are computed at the fill, from the fill price
/// (after slippage) and the fee, so the whole cost including the entry fee is covered.
public enum Sizing: Hashable, Sendable {
    /// A fixed number of units.
    case fixed(Double)
    /// Units worth `amount` of cash.
    case cash(Double)
    /// Units worth a fraction of the current equity (fractional units).
    case percentOfEquity(Double)
    /// All available cash; `wholeUnits` rounds down to whole units (backtesting.py's default).
    case allIn(wholeUnits: Bool)

    /// The quantity to trade at `price` with `fee` per side, given free cash and equity.
    func quantity(price: Double, fee: Double, cash: Double, equity: Double) -> Double {
        let unitCost = price * (1 + fee)
        guard unitCost > 0, unitCost.isFinite else { return 0 }
        switch self {
        case .fixed(let units): return units
        case .cash(let amount): return amount / unitCost
        case .percentOfEquity(let fraction): return equity * fraction / unitCost
        case .allIn(let wholeUnits):
            let units = cash / unitCost
            return wholeUnits ? units.rounded(.down) : units
        }
    }
}

/// Everything the engine needs besides bars and signals. Defaults: 10,000 cash, no costs,
/// `all_in()` with fractional units.
public struct EngineSettings: Hashable, Sendable {
    public var cash: Double = 10_000
    /// Fee per side as a fraction of notional (0.001 = 0.1%).
    public var fee: Double = 0
    /// Slippage as a fraction of the price, against the trader on every fill.
    public var slippage: Double = 0
    public var sizing: Sizing = .allIn(wholeUnits: false)
    /// Bars per year for annualized metrics; derived from the data when nil.
    public var periodsPerYear: Double?

    public init() {}
}
