/// Bars loaded from a file: columns of UTC epoch milliseconds and prices, plus each row's
/// time exactly as written (for outputs that echo the input, such as `nzs eval`).
public struct BarSeries: Sendable {
    public let source: String
    public var time: [Int64] = []
    /// Empty when the reader was asked not to keep it (`keepTimeText: false`).
    public var timeText: [String] = []
    public var open: [Double] = []
    public var high: [Double] = []
    public var low: [Double] = []
    public var close: [Double] = []
    /// Empty when the reader was asked not to keep it (`keepsVolume: false`).
    public var volume: [Double] = []
    /// The funding rate per 8 hours, from a `funding_rate` column; empty when the file has none.
    public var funding: [Double] = []

    public init(source: String) { self.source = source }

    public var count: Int { time.count }

    mutating func reserve(_ capacity: Int, timeText keepsText: Bool = true, volume keepsVolume: Bool = true) {
        time.reserveCapacity(capacity)
        if keepsText { timeText.reserveCapacity(capacity) }
        open.reserveCapacity(capacity)
        high.reserveCapacity(capacity)
        low.reserveCapacity(capacity)
        close.reserveCapacity(capacity)
        if keepsVolume { volume.reserveCapacity(capacity) }
    }
}

/// A data problem, located at a file and row (1-based, the header is row 1). Printed as
/// `file:row: reason`.
public struct DataError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let row: Int?
    public let reason: String

    public init(file: String, row: Int?, reason: String) {
        self.file = file
        self.row = row
        self.reason = reason
    }

    public var description: String {
        if let row { return "\(file):\(row): \(reason)" }
        return "\(file): \(reason)"
    }
}
