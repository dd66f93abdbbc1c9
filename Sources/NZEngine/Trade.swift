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
    /// Funding paid while open (negative: received); already in `pnl`.
    public let funding: Double
    /// Why it closed: `signal`, `stop_loss`, `trailing_stop`, `take_profit` or `liquidation`.
    public let exitReason: String
    /// When the stop and the target were both inside the exit bar's range (so which came first
    /// is unknown, and the stop was assumed), the P&L had the target come first.
    public let bestCasePnL: Double?

    public var isAmbiguous: Bool { bestCasePnL != nil }
}

/// A position still open at the end of the data, marked to the last close without an exit fee.
/// With pyramiding, the lots of one side are summed: quantity-weighted entry price, first entry
/// time.
public struct OpenPosition: Hashable, Sendable {
    public let side: PositionSide
    public let entryTime: Int64
    public let entryPrice: Double
    public let quantity: Double
    public let markPrice: Double
    /// Profit if closed at `markPrice` without an exit fee, after the entry fee.
    public let unrealizedPnL: Double
    /// The entry fees.
    public let fees: Double
    /// Funding paid so far (negative: received); already in `unrealizedPnL`.
    public let funding: Double
    /// How many entries (lots) make up the position: above 1 only with `pyramiding`.
    public let entries: Int
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
    /// Bars that closed with a position open.
    public let barsInMarket: Int
    /// The returns summed per block, when `EngineSettings.returnProfileBlocks` asked for it.
    public var returnProfile: ReturnProfile? = nil
}
