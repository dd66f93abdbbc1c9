import NZIR

/// Builds the bars of an `on` block's timeframe from the script's bars, one script bar at a
/// time, and says which higher-timeframe bars have closed by each script bar's close. The
/// rule (docs/language.md#higher-timeframes): a period closes when a bar of a later period
/// arrives, or at the close of a bar (its time + `bar_interval`) at or after the period's end.
/// Both drivers use it, so a backtest and a replay see the same bars at the same moments.
struct TimeframeBars {
    let milliseconds: Int64
    /// The script bars' spacing; 0 when unknown (then a period closes only when the next one
    /// starts).
    let interval: Int64
    private var current: Period?

    /// The period being built; its funding rate is the latest bar's.
    private typealias Period = (start: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double, funding: Double)

    init(_ block: IRTimeframe, params: [Double]) {
        milliseconds = block.milliseconds
        let value = block.intervalParam < params.count ? params[block.intervalParam] : 0
        interval = value.isFinite && value > 0 ? Int64(value) : 0
    }

    /// Feeds one script bar; calls `closed` for each higher-timeframe bar that has closed by
    /// this bar's close, in order (at most two: the previous period, and this one).
    mutating func push(_ bar: Bar, closed: (Bar) -> Void) {
        let start = Self.periodStart(bar.time, milliseconds)
        if let open = current, open.start != start {
            closed(Self.bar(open))
            current = nil
        }
        if var open = current {
            open.high = Self.maximum(open.high, bar.high)
            open.low = Self.minimum(open.low, bar.low)
            open.close = bar.close
            open.funding = bar.funding
            if !bar.volume.isNaN { open.volume = open.volume.isNaN ? bar.volume : open.volume + bar.volume }
            current = open
        } else {
            current = (start, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.funding)
        }
        if interval > 0, let open = current, bar.time + interval >= open.start + milliseconds {
            closed(Self.bar(open))
            current = nil
        }
    }

    private static func bar(_ open: Period) -> Bar {
        Bar(time: open.start, open: open.open, high: open.high, low: open.low, close: open.close, volume: open.volume, funding: open.funding)
    }

    /// na-propagating max/min: a missing high or low makes the period's missing too.
    private static func maximum(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : max(a, b) }
    private static func minimum(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : min(a, b) }

    /// The start of the period of `milliseconds` that contains `time`: periods count from
    /// 1970-01-01 00:00 UTC, and whole weeks from Monday 1970-01-05.
    static func periodStart(_ time: Int64, _ milliseconds: Int64) -> Int64 {
        let week: Int64 = 7 * 86_400_000
        let origin: Int64 = milliseconds % week == 0 ? 4 * 86_400_000 : 0
        let shifted = time - origin
        let periods = shifted >= 0 ? shifted / milliseconds : -((-shifted + milliseconds - 1) / milliseconds)
        return periods * milliseconds + origin
    }
}

/// The batch side of an `on` block: its whole column over the frame.
enum TimeframeColumn {
    static func compute(_ block: IRTimeframe, frame: Frame, params: [Double]) -> [Double] {
        var builder = TimeframeBars(block, params: params)
        var bars: [Bar] = []
        var closedBy = [Int](repeating: 0, count: frame.count)
        for index in 0..<frame.count {
            builder.push(frame.bar(index)) { bars.append($0) }
            closedBy[index] = bars.count
        }
        let higher = Frame(time: bars.map(\.time), open: bars.map(\.open), high: bars.map(\.high), low: bars.map(\.low),
                           close: bars.map(\.close), volume: bars.map(\.volume), funding: bars.map(\.funding))
        let values = bars.isEmpty ? [] : Program(ir: block.program).evaluate(higher, params: params).column(block.output)
        return closedBy.map { $0 > 0 ? values[$0 - 1] : .nan }
    }
}

/// The streaming side of an `on` block: the higher timeframe's own streaming evaluator, fed
/// each higher-timeframe bar as it closes.
final class TimeframeStepper {
    private var builder: TimeframeBars
    private let stream: StreamingEvaluator
    private let output: IRValue
    private(set) var value = Double.nan

    init(_ block: IRTimeframe, params: [Double]) {
        builder = TimeframeBars(block, params: params)
        stream = Program(ir: block.program).makeStream(params: params)
        output = block.output
    }

    func push(_ bar: Bar) -> Double {
        builder.push(bar) { higher in
            stream.push(higher)
            value = stream.value(output)
        }
        return value
    }
}
