import NZEval

/// Turns per-bar signals into fills, positions, cash and equity, one bar at a time, the same
/// way for a backtest and for paper trading. Every rule is stated in `docs/conventions.md`;
/// in short, per bar:
///
/// 1. funding settlements since the previous bar are paid on the open lots;
/// 2. the pending order fills: exits at the open, then a market entry at the open, or a limit or
///    stop entry if the bar reaches its level (a gap fills at the open);
/// 3. each lot's stop, trailing stop and target are checked against the bar's range (gaps fill
///    at the open; stop and target both inside the range: the stop, marked ambiguous), and the
///    position is liquidated if the bar reaches its liquidation price;
/// 4. trailing stops move with the bar's extreme and this bar's distance;
/// 5. this bar's signals create the next pending order (or fill at this close with
///    `fill: close`), and equity is marked at the close.
///
/// Orders never throw: one that cannot be afforded is recorded as rejected.
public struct SimulatedBroker {
    public let settings: EngineSettings
    var cash: Double
    /// The open entries, all of one side, oldest first. Add and remove them only through
    /// `openLot` and `closeLot`, which keep the aggregates below in step.
    var lots: [Lot] = []
    /// Σ quantity of the open lots.
    private(set) var openQuantity = 0.0
    /// Whether some lot has a level to check or a trail to move on every bar; when none has
    /// and no liquidation price exists, a bar with a position needs only its mark.
    private(set) var lotsNeedBarWork = false
    var pending: PendingOrder?
    var trades: [Trade] = []
    var equity: [Double] = []
    /// Bars that closed with a position open (for `exposure`).
    var barsInMarket = 0
    var rejected: [Int64] = []
    var statistics: SizingStatistics
    var annualization = Annualization()
    /// The funding rate per 8 h for the next bar's settlements.
    var fundingRate: Double
    /// The latest bar time and close, where an open position is marked at the end.
    var lastTime: Int64?
    var lastClose = Double.nan

    /// An order created by one bar's signals, acted on at the next bar (or at once, for a
    /// market order with `fill: close`).
    struct PendingOrder {
        var close = false
        var open: PositionSide?
        var pricing = EntryPricing.market
        /// A priced entry of the other side closes the position at its own fill.
        var reverses = false
        var stopLoss: DistanceSpec?
        var takeProfit: DistanceSpec?
        var trailingStop: DistanceSpec?
    }

    /// `expectedBars` reserves room for the equity curve (0 when unknown, as in live trading).
    public init(settings: EngineSettings, expectedBars: Int = 0) {
        self.settings = settings
        self.cash = settings.cash
        self.statistics = SizingStatistics(settings.sizing)
        self.fundingRate = settings.funding
        equity.reserveCapacity(expectedBars)
        // Room for a trade every 64 bars (more than most strategies make), so that the list is
        // rarely copied as it grows.
        trades.reserveCapacity(expectedBars / 64)
    }

    /// Runs a whole backtest over batch-evaluated rule columns: `process` for every bar, with
    /// the bars and signals read straight from the columns. `bars` limits trading to a range
    /// of the frame (a walk-forward window): the run starts flat with the settings' cash at its
    /// first bar, and an open position is marked at its last close.
    public static func run(_ frame: Frame, _ columns: PlanColumns, settings: EngineSettings, bars: Range<Int>? = nil) -> BacktestResult {
        let bars = bars ?? 0..<frame.count
        var broker = SimulatedBroker(settings: settings, expectedBars: bars.count)
        broker.advance(frame, over: bars, signals: columns)
        return broker.finish()
    }

    /// Processes the bars `bars` of `frame`, reading their signals from `signals`: quiet
    /// stretches in bulk, every other bar through `process`.
    public mutating func advance(_ frame: Frame, over bars: Range<Int>, signals: PlanColumns) {
        advance(frame, over: bars, reading: signals)
    }

    /// The same for one streamed block. (Concrete entries, so that the bar loop is specialized
    /// for each source inside this module instead of calling a generic one from outside.)
    public mutating func advance(_ frame: Frame, over bars: Range<Int>, signals: PlanBlock) {
        advance(frame, over: bars, reading: signals)
    }

    private mutating func advance<Signals: SignalSource>(_ frame: Frame, over bars: Range<Int>, reading signals: Signals) {
        // Plain indexing, not nested buffer closures: a broker captured by a closure would pay
        // a dynamic exclusivity check on every `process` call.
        let columns = FrameColumns(frame)
        var index = bars.lowerBound
        while index < bars.upperBound {
            if isQuiet {
                index = skipQuietBars(from: index, to: bars.upperBound, frame: frame, signals: signals)
                guard index < bars.upperBound else { break }
            }
            step(FrameBar(columns: columns, index: index), signals.signals(at: index))
            index += 1
        }
    }

    /// Processes one bar: funding, fills, exits, trailing stops, then this bar's signals.
    @inline(__always)
    public mutating func process(_ bar: Bar, _ signals: BarSignals) {
        step(bar, signals)
    }

    /// The same for any bar source (the batch loop's bars read their fields on demand).
    @inline(__always)
    mutating func step<Prices: BarPrices>(_ bar: Prices, _ signals: BarSignals) {
        if !lots.isEmpty, let lastTime { payFunding(bar, since: lastTime) }
        if pending != nil { fillPending(at: bar) }
        if !lots.isEmpty, lotsNeedBarWork || liquidationPrice() != nil {
            checkExits(in: bar)
            if lotsNeedBarWork {
                let distance = settings.shape.distance(signals.trailingStop, settings.shape.trailingStopIsPercent)
                var resetFill = false
                for index in lots.indices {
                    if lots[index].filledInsideBar {
                        lots[index].filledInsideBar = false
                        resetFill = true
                    } else if lots[index].trails {
                        lots[index].trail(bar, distance: distance, instrument: settings.instrument)
                    }
                }
                if resetFill { refreshAggregates() }
            }
        }
        // The time is read only while it can matter: for the bar interval until that is
        // settled, and for funding settlements.
        if !annualization.isSettled { annualization.add(bar.time) }
        let close = bar.close
        if statistics.tracksCloses { statistics.addClose(close) }
        lastClose = close
        if settings.funding != 0 || settings.shape.fundingIsSeries { lastTime = bar.time }
        if settings.shape.fundingIsSeries { fundingRate = signals.funding.isFinite ? signals.funding : 0 }
        readSignals(signals, bar: bar)
        if lots.isEmpty {
            equity.append(cash)
        } else {
            barsInMarket += 1
            equity.append(equity(at: close))
        }
    }

    /// Ends the run: open lots are marked to the last close without an exit fee.
    public func finish() -> BacktestResult { finish(curve: nil) }

    /// The same, with the curve's pass already taken (`CurvePass`, fed this run's whole equity
    /// curve on another thread); without it, or if it was not fed the whole curve, `finish`
    /// takes the pass itself.
    public func finish(curve pass: CurvePass?) -> BacktestResult {
        var open: OpenPosition?
        if let first = lots.first, !lastClose.isNaN {
            let quantity = lots.reduce(0) { $0 + $1.quantity }
            let cost = lots.reduce(0) { $0 + $1.quantity * $1.entryPrice }
            let fees = lots.reduce(0) { $0 + $1.entryFee }
            let funding = lots.reduce(0) { $0 + $1.funding }
            let unrealized = lots.reduce(0) { $0 + $1.side.sign * $1.quantity * (lastClose - $1.entryPrice) } - fees - funding
            open = OpenPosition(side: first.side, entryTime: first.entryTime, entryPrice: lots.count == 1 ? first.entryPrice : cost / quantity,
                                quantity: quantity, markPrice: lastClose, unrealizedPnL: unrealized, fees: fees, funding: funding,
                                entries: lots.count)
        }
        let periods = settings.periodsPerYear ?? annualization.periodsPerYear
        let curve: ReturnStatistics
        if let accumulated = pass?.take(ifFed: equity.count), pass?.profileBlocks == settings.returnProfileBlocks {
            curve = ReturnStatistics(equity: equity, accumulated: accumulated, profileBlocks: settings.returnProfileBlocks)
        } else {
            curve = ReturnStatistics(equity: equity, profileBlocks: settings.returnProfileBlocks)
        }
        let metrics = Metrics.compute(trades: trades, open: open, equity: equity, curve: curve, cash: settings.cash,
                                      periodsPerYear: periods, barsInMarket: barsInMarket)
        return BacktestResult(trades: trades, openPosition: open, equity: equity, metrics: metrics, rejectedOrders: rejected,
                              barsInMarket: barsInMarket, returnProfile: curve.profile)
    }

    /// The equity if every lot were marked at `price`.
    @inline(__always)
    func equity(at price: Double) -> Double {
        if lots.count == 1 { return cash + lots[0].side.sign * lots[0].quantity * price }
        var value = cash
        for lot in lots { value += lot.side.sign * lot.quantity * price }
        return value
    }

    mutating func refreshAggregates() {
        var quantity = 0.0, work = false
        for lot in lots {
            quantity += lot.quantity
            work = work || lot.protectivePrice != nil || lot.targetPrice != nil || lot.trails || lot.filledInsideBar
        }
        openQuantity = quantity
        lotsNeedBarWork = work
    }

    /// A raw price after slippage (percent, then ticks) against the trader, on the tick grid.
    func fillPrice(_ price: Double, buying: Bool) -> Double {
        var value = price
        if settings.slippage != 0 { value *= buying ? 1 + settings.slippage : 1 - settings.slippage }
        if settings.slippageTicks != 0, let tick = settings.instrument.tickSize {
            value += (buying ? 1 : -1) * settings.slippageTicks * tick
        }
        return value == price ? value : settings.instrument.roundFill(value, buying: buying)
    }

    /// The fee of a fill: the percent of notional plus the fixed fee.
    func fee(quantity: Double, price: Double) -> Double {
        quantity * price * settings.fee + settings.feeFixed
    }
}
