import NZEval

/// Exits: stops, targets, trailing stops, liquidation, and funding while a position is open
/// (docs/conventions.md#stops-and-targets, #leverage-and-liquidation, #funding).
extension SimulatedBroker {
    /// Pays the funding settlements between the previous bar and this one on every open lot,
    /// at this bar's open.
    mutating func payFunding<Prices: BarPrices>(_ bar: Prices, since previous: Int64) {
        guard fundingRate != 0 else { return }
        let count = Funding.settlements(after: previous, upTo: bar.time)
        guard count > 0 else { return }
        for index in lots.indices {
            let payment = Double(count) * fundingRate * lots[index].side.sign * lots[index].quantity * bar.open
            cash -= payment
            lots[index].funding += payment
        }
    }

    /// Stops, targets and liquidation inside one bar.
    mutating func checkExits<Prices: BarPrices>(in bar: Prices) {
        if let liquidation = liquidationFill(in: bar) {
            // On the way to the liquidation price, stops nearer the open are hit first; targets
            // are not assumed on such a bar (the conservative reading).
            let side = lots[0].side
            var index = 0
            while index < lots.count {
                if let exit = lots[index].exit(in: bar), exit.reason != "take_profit", side.sign * (exit.price - liquidation) > 0 {
                    closeLot(index, at: exit.price, time: bar.time, reason: exit.reason, alternative: nil)
                } else {
                    index += 1
                }
            }
            if !lots.isEmpty, let price = liquidationFill(in: bar) { closeAll(at: price, time: bar.time, reason: "liquidation") }
            return
        }
        var index = 0
        while index < lots.count {
            if let exit = lots[index].exit(in: bar) {
                closeLot(index, at: exit.price, time: bar.time, reason: exit.reason, alternative: exit.alternative)
            } else {
                index += 1
            }
        }
    }

    /// The price at which equity falls to the maintenance margin of the open lots
    /// (`cash + side × Q × P = m × Q × P`), or nil when no price can reach it.
    func liquidationPrice() -> Double? {
        guard let side = lots.first?.side else { return nil }
        let quantity = openQuantity
        let maintenance = settings.instrument.maintenanceMargin
        guard quantity > 0 else { return nil }
        if side == .long {
            guard cash < 0 else { return nil }
            return -cash / (quantity * (1 - maintenance))
        }
        return cash / (quantity * (1 + maintenance))
    }

    /// Where the bar reaches the liquidation price: the open when it gaps through, else the
    /// liquidation price when the range reaches it.
    private func liquidationFill<Prices: BarPrices>(in bar: Prices) -> Double? {
        guard let level = liquidationPrice(), let side = lots.first?.side else { return nil }
        if side == .long { return bar.open <= level ? bar.open : bar.low <= level ? level : nil }
        return bar.open >= level ? bar.open : bar.high >= level ? level : nil
    }

    mutating func closeAll(at rawPrice: Double, time: Int64, reason: String) {
        while !lots.isEmpty { closeLot(0, at: rawPrice, time: time, reason: reason, alternative: nil) }
    }

    /// Closes one lot at a raw price (before slippage) and records the trade. `alternative` is
    /// the target price of an ambiguous bar, for the best case.
    mutating func closeLot(_ index: Int, at rawPrice: Double, time: Int64, reason: String, alternative: Double?) {
        let lot = lots.remove(at: index)
        refreshAggregates()
        let buying = lot.side == .short
        let price = fillPrice(rawPrice, buying: buying)
        let fee = self.fee(quantity: lot.quantity, price: price)
        cash += lot.side.sign * lot.quantity * price - fee
        func profit(_ exit: Double, _ exitFee: Double) -> Double {
            lot.side.sign * lot.quantity * (exit - lot.entryPrice) - lot.entryFee - exitFee - lot.funding
        }
        let pnl = profit(price, fee)
        let best = alternative.map { target -> Double in
            let other = fillPrice(target, buying: buying)
            return profit(other, self.fee(quantity: lot.quantity, price: other))
        }
        trades.append(Trade(side: lot.side, entryTime: lot.entryTime, entryPrice: lot.entryPrice, exitTime: time,
                            exitPrice: price, quantity: lot.quantity, pnl: pnl, fees: lot.entryFee + fee, funding: lot.funding,
                            exitReason: reason, bestCasePnL: best))
        statistics.addTrade(pnl: pnl)
    }
}
