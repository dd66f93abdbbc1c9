import NZEval

/// One open entry: its fill, its own stop, target and trailing stop, and what it has paid so
/// far. With `pyramiding n` a position is up to n lots of one side; each closes as one trade.
struct Lot {
    let side: PositionSide
    let quantity: Double
    let entryTime: Int64
    let entryPrice: Double
    let entryFee: Double
    let stopPrice: Double?
    let targetPrice: Double?
    /// The trailing distance rule of the entry (re-read at every close), if any.
    let trails: Bool
    /// The trailing stop level: it only ever tightens.
    var trailPrice: Double?
    /// The best price since the entry (highest high for a long, lowest low for a short).
    var peak: Double
    /// Funding paid (negative: received) while open.
    var funding: Double = 0
    /// True on the bar of an entry filled inside the bar (a limit or stop entry): the bar's
    /// open came before the fill, so no gap rule applies on that bar.
    var filledInsideBar: Bool

    /// The tighter of the stop loss and the trailing stop.
    var protectivePrice: Double? {
        guard let trailPrice else { return stopPrice }
        guard let stopPrice else { return trailPrice }
        return side == .long ? max(stopPrice, trailPrice) : min(stopPrice, trailPrice)
    }

    /// Moves the trailing stop after a bar: the peak takes the bar's extreme, and the level
    /// becomes `peak ∓ distance` when that is tighter. `distance` is this bar's value.
    mutating func trail<Prices: BarPrices>(_ bar: Prices, distance: DistanceSpec?, instrument: InstrumentSpec) {
        peak = side == .long ? max(peak, bar.high) : min(peak, bar.low)
        guard trails, let step = distance?.distance(from: peak) else { return }
        let level = instrument.roundLevel(peak - side.sign * step)
        if let current = trailPrice {
            trailPrice = side == .long ? max(current, level) : min(current, level)
        } else {
            trailPrice = level
        }
    }

    /// Where this lot exits inside `bar`, if it does: the stop (or trailing stop) or the target,
    /// with the gap and ambiguity rules of docs/conventions.md.
    func exit<Prices: BarPrices>(in bar: Prices) -> LotExit? {
        let protective = protectivePrice
        guard protective != nil || targetPrice != nil else { return nil }
        let isLong = side == .long
        let gapRule = !filledInsideBar
        func touched(_ level: Double?, adverse: Bool) -> Double? {
            guard let level else { return nil }
            // Adverse levels are below a long's price (stop) and above a short's.
            let below = isLong == adverse
            if gapRule, below ? bar.open <= level : bar.open >= level { return bar.open }
            if below ? bar.low <= level : bar.high >= level { return level }
            return nil
        }
        let stopReason = protective == stopPrice ? "stop_loss" : "trailing_stop"
        let stopFill = touched(protective, adverse: true)
        let targetFill = touched(targetPrice, adverse: false)
        if let stopFill, gapRule, stopFill == bar.open { return LotExit(price: stopFill, reason: stopReason, alternative: nil) }
        if let targetFill, gapRule, targetFill == bar.open { return LotExit(price: targetFill, reason: "take_profit", alternative: nil) }
        if let stopFill { return LotExit(price: stopFill, reason: stopReason, alternative: targetFill) }
        if let targetFill { return LotExit(price: targetFill, reason: "take_profit", alternative: nil) }
        return nil
    }
}

/// A stop or target exit found inside a bar. `alternative` is the target's price when the
/// target was touched too, so the run can report the best case of an ambiguous bar.
struct LotExit {
    let price: Double
    let reason: String
    let alternative: Double?
}
