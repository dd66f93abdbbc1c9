/// Bars as a file has them, before any check: every data row with its row number, its time
/// (nil when it is not a time) and its values (NaN where empty or not a number, infinities
/// kept). `BarImport` turns them into a series, rejecting bad rows; `DataCheck` reports on them.
public struct RawBars: Sendable {
    public let source: String
    public var rows: [Int] = []
    public var times: [Int64?] = []
    public var timeText: [String] = []
    public var open: [Double] = []
    public var high: [Double] = []
    public var low: [Double] = []
    public var close: [Double] = []
    public var volume: [Double] = []
    /// Empty when the file has no funding-rate column.
    public var funding: [Double] = []
    /// Rows whose shape was wrong (too few fields), with the reason.
    public var malformed: [(row: Int, reason: String)] = []

    public init(source: String) { self.source = source }

    public var count: Int { rows.count }
}
