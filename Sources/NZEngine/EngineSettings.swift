import NZSema

/// Everything the engine needs besides bars and signals. Defaults: 10,000 cash, no costs,
/// `all_in()` with fractional units, one entry per side, market orders at the next open.
public struct EngineSettings: Hashable, Sendable {
    public var cash: Double = 10_000
    /// Fee per side as a fraction of notional (0.001 = 0.1%).
    public var fee: Double = 0
    /// A fixed fee in cash per fill, on top of `fee`.
    public var feeFixed: Double = 0
    /// Slippage as a fraction of the price, against the trader on every fill.
    public var slippage: Double = 0
    /// Slippage in ticks of `instrument.tickSize`, against the trader, after `slippage`.
    public var slippageTicks: Double = 0
    /// A constant perpetual-funding rate per 8 hours (a series rate comes with the signals).
    public var funding: Double = 0
    public var sizing: Sizing = .allIn(wholeUnits: false)
    /// The most entries open at once on one side.
    public var pyramiding: Int = 1
    /// Where market orders fill: the next bar's open (default) or the signal bar's close.
    public var fill: MarketFill = .nextOpen
    public var instrument = InstrumentSpec()
    /// How to read the per-bar signals (set by the plan from the script's rules).
    public var shape = SignalShape()
    /// Bars per year for annualized metrics; derived from the data when nil.
    public var periodsPerYear: Double?
    /// Above 0: the result also carries its returns summed in this many blocks
    /// (`BacktestResult.returnProfile`, for the research modes' overfitting guards).
    public var returnProfileBlocks = 0

    public init() {}

    /// What makes these settings unusable together, checked once they are complete (script,
    /// command line and stored instrument): slippage in ticks without a tick size.
    public var problem: String? {
        slippageTicks > 0 && instrument.tickSize == nil
            ? "`costs slippage_ticks` needs the instrument's `tick_size` (the script's `instrument` block, `--tick-size`, or the store)" : nil
    }

    /// Sets one `costs` or `instrument` value (already checked with `StrategySetting.accepts`).
    public mutating func apply(_ setting: StrategySetting, _ value: Double) {
        switch setting {
        case .fee: fee = value
        case .feeFixed: feeFixed = value
        case .slippage: slippage = value
        case .slippageTicks: slippageTicks = value
        case .funding: funding = value
        case .tickSize: instrument.tickSize = value
        case .lotStep: instrument.lotStep = value
        case .minQty: instrument.minQty = value
        case .leverage: instrument.leverage = value
        case .maintenanceMargin: instrument.maintenanceMargin = value
        }
    }
}

/// Where a market order fills.
public enum MarketFill: String, Hashable, Sendable {
    /// The next bar's open: the honest default.
    case nextOpen = "open"
    /// The signal bar's own close: optimistic, since the signal was only known at that close.
    case close
}

/// The traded instrument's rounding and margin rules (`instrument { … }` or CLI flags).
public struct InstrumentSpec: Hashable, Sendable {
    /// Price increment: stop, target and entry levels round to the nearest tick; slipped fills
    /// round against the trader. Nil: prices are not rounded.
    public var tickSize: Double?
    /// Quantity increment: quantities round down to a multiple. Nil: any quantity.
    public var lotStep: Double?
    /// Smallest quantity an entry may have; smaller ones are rejected.
    public var minQty: Double = 0
    /// Notional / margin: 1 is a cash account.
    public var leverage: Double = 1
    /// The share of the open notional equity must keep; below it the position is liquidated.
    public var maintenanceMargin: Double = 0

    public init() {}

    /// `quantity` rounded down to the lot step (with a relative tolerance of 1e-9, so that
    /// 0.3 / 0.1 counts as 3 lots).
    func roundQuantity(_ quantity: Double) -> Double {
        guard let lotStep, quantity.isFinite else { return quantity }
        return Self.price(ticks: (quantity / lotStep * (1 + 1e-9)).rounded(.down), lotStep)
    }

    /// A level rounded to the nearest tick.
    func roundLevel(_ price: Double) -> Double {
        guard let tickSize else { return price }
        return Self.price(ticks: (price / tickSize).rounded(), tickSize)
    }

    /// `ticks × tickSize` (or lots × lot step), computed as a division when the step is 1/n
    /// (0.01, 0.05, 0.25) so that 1977 ticks of 0.05 are 98.85, not 98.85000000000001.
    static func price(ticks: Double, _ tickSize: Double) -> Double {
        let perUnit = 1 / tickSize
        let whole = perUnit.rounded()
        return abs(perUnit - whole) < 1e-9 * whole ? ticks / whole : ticks * tickSize
    }

    /// A fill price rounded to a tick against the trader: up for buys, down for sells.
    func roundFill(_ price: Double, buying: Bool) -> Double {
        guard let tickSize else { return price }
        let ticks = price / tickSize
        let nearest = ticks.rounded()
        // A price already on the grid (up to float noise) stays where it is.
        if abs(ticks - nearest) < 1e-9 { return Self.price(ticks: nearest, tickSize) }
        return Self.price(ticks: buying ? ticks.rounded(.up) : ticks.rounded(.down), tickSize)
    }
}
