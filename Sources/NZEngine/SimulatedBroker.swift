import NZEval

/// Turns per-bar signals into fills, positions, cash and equity, one bar at a time, the same
/// way for a backtest and for paper trading. Conventions (see `docs/conventions.md`):
///
/// - Signals are read at a bar's close and act at the next bar's open (market orders).
/// - Per bar: fill pending orders at the open (exit, then entry), then check the stop and
///   target against the bar's range (a gap through a level fills at the open; when both are
///   inside the range the stop is assumed first and the trade is marked ambiguous), then mark
///   equity at the close, then read the signals.
/// - An exit rule beats an entry of the same side on the same bar; an entry of the other side
///   reverses the position; long and short entries on the same bar cancel out. One position
///   at a time (no pyramiding).
/// - Fees are charged per side on notional; slippage moves every fill against the trader.
/// - Orders never throw: one that cannot be afforded is recorded as rejected.
public struct SimulatedBroker {
    public let settings: EngineSettings
    private(set) var cash: Double
    private var position: Position?
    private var pending: PendingOrder?
    private(set) var trades: [Trade] = []
    private(set) var equity: [Double] = []
    /// Bars that closed with a position open (for `exposure`).
    private(set) var barsInMarket = 0
    private(set) var rejected: [Int64] = []
    /// The latest close, where an open position is marked at the end.
    private var lastClose = Double.nan
    private var annualization = Annualization()

    private struct Position {
        let side: PositionSide
        let quantity: Double
        let entryTime: Int64
        let entryPrice: Double
        let entryFee: Double
        let stopPrice: Double?
        let targetPrice: Double?
    }

    private struct PendingOrder {
        var close: Bool
        var open: PositionSide?
        var stopLoss: DistanceSpec?
        var takeProfit: DistanceSpec?
    }

    /// `expectedBars` reserves room for the equity curve (0 when unknown, as in live trading).
    public init(settings: EngineSettings, expectedBars: Int = 0) {
        self.settings = settings
        self.cash = settings.cash
        equity.reserveCapacity(expectedBars)
    }

    /// Runs a whole backtest over batch-evaluated rule columns: `process` for every bar, with
    /// the bars and signals read straight from the columns.
    public static func run(_ frame: Frame, _ columns: PlanColumns, settings: EngineSettings) -> BacktestResult {
        var broker = SimulatedBroker(settings: settings, expectedBars: frame.count)
        frame.time.withUnsafeBufferPointer { time in
            frame.open.withUnsafeBufferPointer { open in
                frame.high.withUnsafeBufferPointer { high in
                    frame.low.withUnsafeBufferPointer { low in
                        frame.close.withUnsafeBufferPointer { close in
                            frame.volume.withUnsafeBufferPointer { volume in
                                for index in 0..<frame.count {
                                    let bar = Bar(time: time[index], open: open[index], high: high[index], low: low[index],
                                                  close: close[index], volume: volume[index])
                                    broker.process(bar, columns.signals(at: index))
                                }
                            }
                        }
                    }
                }
            }
        }
        return broker.finish()
    }

    /// Processes one bar: fills, stops, equity, then this bar's signals.
    public mutating func process(_ bar: Bar, _ signals: BarSignals) {
        if pending != nil { fillPending(at: bar) }
        if position != nil { checkStops(in: bar) }
        let mark = position.map { cash + $0.side.sign * $0.quantity * bar.close } ?? cash
        if position != nil { barsInMarket += 1 }
        equity.append(mark)
        annualization.add(bar.time)
        lastClose = bar.close
        readSignals(signals)
    }

    /// Ends the run: an open position is marked to the last close without an exit fee.
    public func finish() -> BacktestResult {
        var open: OpenPosition?
        if let position, !lastClose.isNaN {
            let unrealized = position.side.sign * position.quantity * (lastClose - position.entryPrice) - position.entryFee
            open = OpenPosition(side: position.side, entryTime: position.entryTime, entryPrice: position.entryPrice,
                                quantity: position.quantity, markPrice: lastClose, unrealizedPnL: unrealized, fees: position.entryFee)
        }
        let periods = settings.periodsPerYear ?? annualization.periodsPerYear
        let metrics = Metrics.compute(trades: trades, open: open, equity: equity, cash: settings.cash, periodsPerYear: periods,
                                      barsInMarket: barsInMarket)
        return BacktestResult(trades: trades, openPosition: open, equity: equity, metrics: metrics, rejectedOrders: rejected)
    }

    // MARK: - Steps

    private mutating func readSignals(_ signals: BarSignals) {
        guard signals.enterLong || signals.exitLong || signals.enterShort || signals.exitShort else {
            pending = nil
            return
        }
        var order = PendingOrder(close: false, open: nil, stopLoss: signals.stopLoss, takeProfit: signals.takeProfit)
        if let position {
            order.close = position.side == .long ? signals.exitLong : signals.exitShort
        }
        let wantsLong = signals.enterLong && !signals.enterShort && !signals.exitLong
        let wantsShort = signals.enterShort && !signals.enterLong && !signals.exitShort
        let held = order.close ? nil : position?.side
        if wantsLong, held != .long { order.open = .long }
        if wantsShort, held != .short { order.open = .short }
        if order.open != nil, position != nil { order.close = true }
        pending = order.close || order.open != nil ? order : nil
    }

    private mutating func fillPending(at bar: Bar) {
        guard let order = pending else { return }
        pending = nil
        if order.close { closePosition(at: bar.open, time: bar.time, reason: "signal", ambiguous: false) }
        guard let side = order.open else { return }
        let price = slipped(bar.open, buying: side == .long)
        let equityNow = cash
        let quantity = settings.sizing.quantity(price: price, fee: settings.fee, cash: cash, equity: equityNow)
        let fee = quantity * price * settings.fee
        guard quantity > 0, quantity.isFinite, side == .short || quantity * price + fee <= cash * (1 + 1e-12) else {
            rejected.append(bar.time)
            return
        }
        cash -= side.sign * quantity * price + fee
        let stop = order.stopLoss?.distance(from: price).map { price - side.sign * $0 }
        let target = order.takeProfit?.distance(from: price).map { price + side.sign * $0 }
        position = Position(side: side, quantity: quantity, entryTime: bar.time, entryPrice: price, entryFee: fee,
                            stopPrice: stop, targetPrice: target)
    }

    /// Exits at a stop or target touched inside the bar; gaps fill at the open.
    private mutating func checkStops(in bar: Bar) {
        guard let position, position.stopPrice != nil || position.targetPrice != nil else { return }
        let isLong = position.side == .long
        func touched(_ level: Double?, adverse: Bool) -> Double? {
            guard let level else { return nil }
            // Adverse levels are below a long's price (stop) and above a short's.
            let below = isLong == adverse
            if below ? bar.open <= level : bar.open >= level { return bar.open }
            if below ? bar.low <= level : bar.high >= level { return level }
            return nil
        }
        let stopFill = touched(position.stopPrice, adverse: true)
        let targetFill = touched(position.targetPrice, adverse: false)
        if let stopFill, stopFill == bar.open {
            closePosition(at: stopFill, time: bar.time, reason: "stop_loss", ambiguous: false)
        } else if let targetFill, targetFill == bar.open {
            closePosition(at: targetFill, time: bar.time, reason: "take_profit", ambiguous: false)
        } else if let stopFill {
            closePosition(at: stopFill, time: bar.time, reason: "stop_loss", ambiguous: targetFill != nil)
        } else if let targetFill {
            closePosition(at: targetFill, time: bar.time, reason: "take_profit", ambiguous: false)
        }
    }

    private mutating func closePosition(at rawPrice: Double, time: Int64, reason: String, ambiguous: Bool) {
        guard let open = position else { return }
        let price = slipped(rawPrice, buying: open.side == .short)
        let fee = open.quantity * price * settings.fee
        cash += open.side.sign * open.quantity * price - fee
        let pnl = open.side.sign * open.quantity * (price - open.entryPrice) - open.entryFee - fee
        trades.append(Trade(side: open.side, entryTime: open.entryTime, entryPrice: open.entryPrice, exitTime: time,
                            exitPrice: price, quantity: open.quantity, pnl: pnl, fees: open.entryFee + fee,
                            exitReason: reason, isAmbiguous: ambiguous))
        position = nil
    }

    private func slipped(_ price: Double, buying: Bool) -> Double {
        settings.slippage == 0 ? price : price * (buying ? 1 + settings.slippage : 1 - settings.slippage)
    }
}
