/// One saved backtest or paper run: where it came from (script and data, with content
/// hashes), its params, settings and metrics as JSON objects, its trades and its per-bar
/// equity and close. Written by `nzs run --save`, read by `nzs runs` and `nzs report`.
public struct StoredRun: Sendable {
    public var id: Int64 = 0
    /// Milliseconds since 1970 (UTC) when the run was saved.
    public var createdAt: Int64
    public var strategy: String
    public var scriptPath: String
    public var scriptHash: String
    public var dataPath: String
    public var dataHash: String
    /// `backtest` or `paper`.
    public var mode: String
    /// JSON objects: `{"fast": 10, ...}`, the engine settings, and the `metrics` object of
    /// `nzs run --json`.
    public var paramsJSON: String
    public var settingsJSON: String
    public var metricsJSON: String
    public var finalEquity: Double
    public var totalReturn: Double
    public var sharpe: Double
    public var maxDrawdown: Double
    public var trades: [StoredTrade]
    public var times: [Int64]
    public var equity: [Double]
    public var close: [Double]

    public init(createdAt: Int64, strategy: String, scriptPath: String, scriptHash: String, dataPath: String, dataHash: String,
                mode: String, paramsJSON: String, settingsJSON: String, metricsJSON: String, finalEquity: Double,
                totalReturn: Double, sharpe: Double, maxDrawdown: Double, trades: [StoredTrade], times: [Int64],
                equity: [Double], close: [Double]) {
        self.createdAt = createdAt
        self.strategy = strategy
        self.scriptPath = scriptPath
        self.scriptHash = scriptHash
        self.dataPath = dataPath
        self.dataHash = dataHash
        self.mode = mode
        self.paramsJSON = paramsJSON
        self.settingsJSON = settingsJSON
        self.metricsJSON = metricsJSON
        self.finalEquity = finalEquity
        self.totalReturn = totalReturn
        self.sharpe = sharpe
        self.maxDrawdown = maxDrawdown
        self.trades = trades
        self.times = times
        self.equity = equity
        self.close = close
    }
}

/// A closed trade of a stored run.
public struct StoredTrade: Hashable, Sendable {
    public var side: String
    public var entryTime: Int64
    public var entryPrice: Double
    public var exitTime: Int64
    public var exitPrice: Double
    public var quantity: Double
    public var pnl: Double
    public var fees: Double
    public var funding: Double
    public var exitReason: String
    public var ambiguous: Bool

    public init(side: String, entryTime: Int64, entryPrice: Double, exitTime: Int64, exitPrice: Double, quantity: Double,
                pnl: Double, fees: Double, funding: Double, exitReason: String, ambiguous: Bool) {
        self.side = side
        self.entryTime = entryTime
        self.entryPrice = entryPrice
        self.exitTime = exitTime
        self.exitPrice = exitPrice
        self.quantity = quantity
        self.pnl = pnl
        self.fees = fees
        self.funding = funding
        self.exitReason = exitReason
        self.ambiguous = ambiguous
    }
}

/// A line of `nzs runs list`.
public struct RunSummary: Hashable, Sendable {
    public let id: Int64
    public let createdAt: Int64
    public let strategy: String
    public let dataPath: String
    public let mode: String
    public let bars: Int
    public let trades: Int
    public let finalEquity: Double
    public let totalReturn: Double
    public let sharpe: Double
    public let maxDrawdown: Double
}
