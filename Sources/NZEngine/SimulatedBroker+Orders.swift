import NZEval

/// Signals to orders, and orders to fills (docs/conventions.md#fills).
extension SimulatedBroker {
    @inline(__always)
    mutating func readSignals<Prices: BarPrices>(_ signals: BarSignals, bar: Prices) {
        guard signals.enterLong || signals.exitLong || signals.enterShort || signals.exitShort else {
            if pending != nil { pending = nil }
            return
        }
        let shape = settings.shape
        var order = PendingOrder(stopLoss: shape.distance(signals.stopLoss, shape.stopLossIsPercent),
                                 takeProfit: shape.distance(signals.takeProfit, shape.takeProfitIsPercent),
                                 trailingStop: shape.distance(signals.trailingStop, shape.trailingStopIsPercent))
        let held = lots.first?.side
        if let held { order.close = held == .long ? signals.exitLong : signals.exitShort }
        let wantsLong = signals.enterLong && !signals.enterShort && !signals.exitLong
        let wantsShort = signals.enterShort && !signals.enterLong && !signals.exitShort
        let heldAfter = order.close ? nil : held
        for side in Self.sides where side == .long ? wantsLong : wantsShort {
            let pricing = side == .long ? shape.pricing(shape.longEntry, signals.longLevel) : shape.pricing(shape.shortEntry, signals.shortLevel)
            if heldAfter == side, lots.count >= settings.pyramiding { continue }
            if case .limit(let level) = pricing, !level.isFinite { continue }
            if case .stop(let level) = pricing, !level.isFinite { continue }
            order.open = side
            order.pricing = pricing
            if let heldAfter, heldAfter != side {
                if pricing == .market { order.close = true } else { order.reverses = true }
            }
        }
        guard order.close || order.open != nil else {
            pending = nil
            return
        }
        pending = order
        if settings.fill == .close, order.pricing == .market {
            pending = nil
            execute(order, at: bar.close, time: bar.time)
        }
    }

    /// Both sides, long first (a constant, so reading signals allocates nothing).
    static let sides: [PositionSide] = [.long, .short]

    /// Fills the order of the previous bar's signals inside `bar`.
    mutating func fillPending<Prices: BarPrices>(at bar: Prices) {
        guard let order = pending else { return }
        pending = nil
        guard order.pricing != .market else {
            execute(order, at: bar.open, time: bar.time)
            return
        }
        if order.close { closeAll(at: bar.open, time: bar.time, reason: "signal") }
        guard let side = order.open, let fill = Self.touch(order.pricing, side: side, bar: bar) else { return }
        if order.reverses { closeAll(at: fill, time: bar.time, reason: "signal") }
        openLot(side, at: fill, time: bar.time, insideBar: fill != bar.open, order: order)
    }

    /// A market order: the close, then the entry, at one price.
    private mutating func execute(_ order: PendingOrder, at price: Double, time: Int64) {
        if order.close { closeAll(at: price, time: time, reason: "signal") }
        if let side = order.open { openLot(side, at: price, time: time, insideBar: false, order: order) }
    }

    /// Where a limit or stop entry fills inside `bar`, if it does: at the open when the bar
    /// gaps through the level, else at the level when the range reaches it.
    static func touch<Prices: BarPrices>(_ pricing: EntryPricing, side: PositionSide, bar: Prices) -> Double? {
        switch pricing {
        case .market: return bar.open
        case .limit(let level):
            // A long buys at or below the level; a short sells at or above it.
            if side == .long { return bar.open <= level ? bar.open : bar.low <= level ? level : nil }
            return bar.open >= level ? bar.open : bar.high >= level ? level : nil
        case .stop(let level):
            // A long buys once the price rises to the level; a short once it falls to it.
            if side == .long { return bar.open >= level ? bar.open : bar.high >= level ? level : nil }
            return bar.open <= level ? bar.open : bar.low <= level ? level : nil
        }
    }

    /// Opens one lot at a raw price (before slippage), sized and checked against free margin.
    mutating func openLot(_ side: PositionSide, at rawPrice: Double, time: Int64, insideBar: Bool, order: PendingOrder) {
        let instrument = settings.instrument
        let price = fillPrice(rawPrice, buying: side == .long)
        let stop = order.stopLoss?.distance(from: price).map { instrument.roundLevel(price - side.sign * $0) }
        let target = order.takeProfit?.distance(from: price).map { instrument.roundLevel(price + side.sign * $0) }
        let trail = order.trailingStop?.distance(from: price).map { instrument.roundLevel(price - side.sign * $0) }
        // The nearer of the stop and the trailing stop, as a distance from the fill.
        var protective = stop.map { side.sign * (price - $0) }
        if let trail { protective = min(protective ?? .infinity, side.sign * (price - trail)) }
        let equityNow = equity(at: rawPrice)
        let used = lots.reduce(0) { $0 + $1.quantity * rawPrice } / instrument.leverage
        var inputs = SizingInputs(price: price, fee: settings.fee, feeFixed: settings.feeFixed, equity: equityNow,
                                  freeMargin: equityNow - used, leverage: instrument.leverage, stopDistance: protective)
        switch settings.sizing {
        case .kelly: inputs.kellyShare = statistics.kellyShare
        case .volTarget: inputs.volatility = statistics.volatility(periodsPerYear: settings.periodsPerYear ?? annualization.periodsPerYear)
        default: break
        }
        guard let sized = settings.sizing.quantity(inputs) else { return }
        let quantity = instrument.roundQuantity(sized)
        let fee = self.fee(quantity: quantity, price: price)
        let margin = quantity * price / instrument.leverage + fee
        guard quantity > 0, quantity.isFinite, quantity >= instrument.minQty, margin <= (equityNow - used) * (1 + 1e-12) else {
            rejected.append(time)
            return
        }
        cash -= side.sign * quantity * price + fee
        lots.append(Lot(side: side, quantity: quantity, entryTime: time, entryPrice: price, entryFee: fee, stopPrice: stop,
                        targetPrice: target, trails: order.trailingStop != nil, trailPrice: trail, peak: price,
                        filledInsideBar: insideBar))
        refreshAggregates()
    }
}
