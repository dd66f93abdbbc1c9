import NZEval

/// What the broker reads of one bar. A streamed `Bar` has every field at hand; a batch run's
/// `FrameBar` reads a field from the frame's columns only where a rule needs it, so the bars
/// the broker stops at do not pull the time column (cold: the quiet-bar scans never read it)
/// into cache unless something is filled or funded there.
protocol BarPrices {
    var time: Int64 { get }
    var open: Double { get }
    var high: Double { get }
    var low: Double { get }
    var close: Double { get }
}

extension Bar: BarPrices {}

/// Bar `index` of a frame, read field by field on demand.
struct FrameBar: BarPrices {
    let columns: FrameColumns
    let index: Int

    var time: Int64 { @inline(__always) get { columns.time[index] } }
    var open: Double { @inline(__always) get { columns.open[index] } }
    var high: Double { @inline(__always) get { columns.high[index] } }
    var low: Double { @inline(__always) get { columns.low[index] } }
    var close: Double { @inline(__always) get { columns.close[index] } }
}

/// The price columns of a frame that the broker reads (not the volume: no rule of the broker
/// uses it).
struct FrameColumns {
    let time: [Int64]
    let open: [Double]
    let high: [Double]
    let low: [Double]
    let close: [Double]

    init(_ frame: Frame) {
        (time, open, high, low, close) = (frame.time, frame.open, frame.high, frame.low, frame.close)
    }
}
