/// A long or short position's direction as a sign: +1 or −1.
public enum PositionSide: String, Hashable, Sendable {
    case long, short

    var sign: Double { self == .long ? 1 : -1 }
}

/// A closed round trip.
public struct Trade: Hashable, Sendable {
    public let side: PositionSide
    public let entryTime: Int64
    public let entryPrice: Double
    public let exitTime: Int64
    public let exitPrice: Double
    public let quantity: Double
    /// Profit after both fees.
    public let pnl: Double
    /// Entry fee plus exit fee.
    public let fees: Double
    /// Why it closed: `signal`, `stop_loss` or `take_profit`.
    public let exitReason: String
    /// True when the stop and the target were both inside the exit bar's range, so which
    /// came first is unknown (the stop is assumed, the conservative choice).
    public let isAmbiguous: Bool
}

/// A position still open at the end of the data, marked to the last close without an exit fee.
public struct OpenPosition: Hashable, Sendable {
    public let side: PositionSide
    public let entryTime: Int64
    public let entryPrice: Double
    public let quantity: Double
    public let markPrice: Double
    /// Profit if closed at `markPrice` without an exit fee, after the entry fee.
    public let unrealizedPnL: Double
    /// The entry fee.
    public let fees: Double
}

/// Everything a backtest produced.
public struct BacktestResult: Sendable {
    public let trades: [Trade]
    public let openPosition: OpenPosition?
    /// Equity at each bar's close.
    public let equity: [Double]
    public let metrics: Metrics
    /// Orders that could not be filled (not enough cash for the sizing), with the bar time.
    public let rejectedOrders: [Int64]
}
