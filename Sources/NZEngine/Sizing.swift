/// How many units an entry takes. Quantities are computed at the fill, from the fill price
/// (after slippage) and the fee, so the whole cost including the entry fee is covered; with
/// leverage L an entry needs `notional / L` of margin.
public enum Sizing: Hashable, Sendable {
    /// A fixed number of units.
    case fixed(Double)
    /// Units worth `amount` of cash (notional, not levered).
    case cash(Double)
    /// Units whose margin is a fraction of the current equity (fractional units).
    case percentOfEquity(Double)
    /// All free margin; `wholeUnits` rounds down to whole units (backtesting.py's default).
    case allIn(wholeUnits: Bool)
    /// Units whose stop loss loses `fraction` of equity.
    case riskPercent(Double)
    /// `fraction` of the Kelly share of equity, from the last `trades` closed trades.
    case kelly(fraction: Double, trades: Int)
    /// The share of equity whose annualized volatility over `lookback` bars is `annualVol`.
    case volTarget(annualVol: Double, lookback: Int)

    /// Whether the sizing needs a stop distance at the entry.
    var needsStop: Bool { if case .riskPercent = self { return true } else { return false } }

    /// The quantity for an entry, before lot rounding; nil when the sizing declines to trade
    /// (a Kelly share of 0 or less, or volatility not yet known), which is not a rejection.
    func quantity(_ inputs: SizingInputs) -> Double? {
        let price = inputs.price
        let marginPerUnit = price / inputs.leverage + price * inputs.fee
        guard marginPerUnit > 0, marginPerUnit.isFinite else { return 0 }
        let fixedFee = inputs.feeFixed
        switch self {
        case .fixed(let units): return units
        case .cash(let amount): return max(amount - fixedFee, 0) / (price * (1 + inputs.fee))
        case .percentOfEquity(let fraction): return max(inputs.equity * fraction - fixedFee, 0) / marginPerUnit
        case .allIn(let wholeUnits):
            let units = max(inputs.freeMargin - fixedFee, 0) / marginPerUnit
            return wholeUnits ? units.rounded(.down) : units
        case .riskPercent(let fraction):
            guard let distance = inputs.stopDistance, distance > 0 else { return 0 }
            return inputs.equity * fraction / distance
        case .kelly(let fraction, _):
            let share = min(inputs.kellyShare ?? 1, 1)
            guard share > 0 else { return nil }
            return max(inputs.equity * fraction * share - fixedFee, 0) / marginPerUnit
        case .volTarget(let target, _):
            guard let volatility = inputs.volatility else { return nil }
            guard volatility > 0 else { return 0 }
            let share = min(target / volatility, inputs.leverage)
            return inputs.equity * share / (price * (1 + inputs.fee))
        }
    }
}

/// What a sizing reads at the fill.
struct SizingInputs {
    /// The fill price after slippage.
    var price: Double
    var fee: Double
    var feeFixed: Double
    var equity: Double
    /// Equity minus the margin of the open entries.
    var freeMargin: Double
    var leverage: Double
    /// Entry price minus the initial stop level (for a long), when there is a stop.
    var stopDistance: Double?
    /// W − (1 − W) / R over the trailing trades; nil until there are enough.
    var kellyShare: Double? = nil
    /// The annualized volatility of the trailing close-to-close returns; nil until known.
    var volatility: Double? = nil
}
