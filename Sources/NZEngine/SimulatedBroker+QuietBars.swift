import CPrefetch
import NZEval

/// Quiet bars: the bars on which `process` would only mark the position, done in bulk. A bar is
/// quiet when no `enter`/`exit` rule fires, nothing is pending, and the bar stays strictly
/// inside the band where no lot's stop, target or liquidation price is touched (gaps included:
/// the open must be inside it too). Most bars of most runs are quiet.
extension SimulatedBroker {
    /// Whether the coming bars may be quiet: nothing pending, no per-bar sizing statistics, no
    /// funding to pay or read, and lots whose levels do not move (no trailing stop, no entry
    /// filled inside the current bar).
    var isQuiet: Bool {
        pending == nil && !statistics.tracksCloses && !settings.shape.fundingIsSeries
            && (lots.isEmpty || (fundingRate == 0 && quietBand() != nil))
    }

    /// The rules whose signal can change anything now (`readSignals`' logic): flat, only the
    /// entries; with a full position (as many lots as `pyramiding` allows), its exit and the
    /// other side's entry; otherwise all.
    var relevantSignals: RelevantSignals {
        guard let side = lots.first?.side else {
            return RelevantSignals(enterLong: true, exitLong: false, enterShort: true, exitShort: false)
        }
        guard lots.count >= settings.pyramiding else { return .all }
        return side == .long ? RelevantSignals(enterLong: false, exitLong: true, enterShort: true, exitShort: false)
            : RelevantSignals(enterLong: true, exitLong: false, enterShort: false, exitShort: true)
    }

    /// The open interval of prices inside which a bar touches no lot's stop, target or
    /// liquidation price; nil when a lot needs `process` on every bar.
    func quietBand() -> (floor: Double, ceiling: Double)? {
        guard let side = lots.first?.side else { return (-.infinity, .infinity) }
        var floor = -Double.infinity, ceiling = Double.infinity
        for lot in lots {
            if lot.trails || lot.filledInsideBar { return nil }
            if side == .long {
                if let stop = lot.stopPrice { floor = max(floor, stop) }
                if let target = lot.targetPrice { ceiling = min(ceiling, target) }
            } else {
                if let stop = lot.stopPrice { ceiling = min(ceiling, stop) }
                if let target = lot.targetPrice { floor = max(floor, target) }
            }
        }
        if let level = liquidationPrice() {
            if side == .long { floor = max(floor, level) } else { ceiling = min(ceiling, level) }
        }
        return (floor, ceiling)
    }

    /// Marks the bars from `start` up to the first one that is not quiet (or `end`) exactly as
    /// `process` would, and returns that bar's index.
    mutating func skipQuietBars<Signals: SignalSource>(from start: Int, to end: Int, frame: Frame, signals: Signals) -> Int {
        var stop = signals.nextSignal(from: start, to: end, relevant: relevantSignals)
        if !lots.isEmpty, let band = quietBand(), band.floor > -.infinity || band.ceiling < .infinity {
            stop = Self.firstOutside(band, from: start, to: stop, frame: frame)
        }
        guard stop > start else { return start }
        let (time, close) = (frame.time, frame.close)
        Self.prefetch(frame, around: stop)
        var index = start
        while index < stop, !annualization.isSettled {
            annualization.add(time[index])
            index += 1
        }
        let count = stop - start
        if lots.isEmpty {
            equity.append(contentsOf: repeatElement(cash, count: count))
        } else if lots.count == 1 {
            barsInMarket += count
            let first = equity.count
            let (cash, position) = (cash, lots[0].side.sign * lots[0].quantity)
            equity.append(contentsOf: repeatElement(0, count: count))
            equity.withUnsafeMutableBufferPointer { out in
                close.withUnsafeBufferPointer { prices in
                    for offset in 0..<count { out[first + offset] = cash + position * prices[start + offset] }
                }
            }
        } else {
            barsInMarket += count
            for index in start..<stop { equity.append(equity(at: close[index])) }
        }
        lastClose = close[stop - 1]
        // The last bar's time only matters to funding settlements; without a funding rate (the
        // rate of a quiet run never changes) it is not read, and the time column stays cold.
        if fundingRate != 0 { lastTime = time[stop - 1] }
        return stop
    }

    /// Asks for the cache lines that `process` will read at bar `stop` and at the bar after it
    /// (where an order made at `stop` fills) while the quiet bars before it are marked: at a
    /// signal found by scanning the rule columns, the open, high, low and time columns are
    /// cold, and waiting for them there was most of the cost of such a bar.
    @inline(__always)
    private static func prefetch(_ frame: Frame, around stop: Int) {
        let next = min(stop + 1, frame.count - 1)
        frame.time.withUnsafeBufferPointer { nzs_prefetch($0.baseAddress.map { $0 + stop }) }
        frame.time.withUnsafeBufferPointer { nzs_prefetch($0.baseAddress.map { $0 + next }) }
        frame.open.withUnsafeBufferPointer { nzs_prefetch($0.baseAddress.map { $0 + next }) }
        frame.high.withUnsafeBufferPointer { nzs_prefetch($0.baseAddress.map { $0 + next }) }
        frame.low.withUnsafeBufferPointer { nzs_prefetch($0.baseAddress.map { $0 + next }) }
    }

    /// The first bar in `start..<end` whose open, low or high reaches the band's edges.
    private static func firstOutside(_ band: (floor: Double, ceiling: Double), from start: Int, to end: Int, frame: Frame) -> Int {
        frame.open.withUnsafeBufferPointer { open in
            frame.low.withUnsafeBufferPointer { low in
                frame.high.withUnsafeBufferPointer { high in
                    var index = start
                    while index < end, low[index] > band.floor, open[index] > band.floor, high[index] < band.ceiling,
                          open[index] < band.ceiling {
                        index += 1
                    }
                    return index
                }
            }
        }
    }
}
