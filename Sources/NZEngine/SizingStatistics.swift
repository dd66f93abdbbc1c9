/// The trailing statistics the adaptive sizings read at an entry: the Kelly share of the last
/// closed trades (`kelly`) and the volatility of the last close-to-close returns
/// (`vol_target`). Fed as the run goes, so a backtest and a replay see the same values.
struct SizingStatistics {
    private let kellyWindow: Int
    private let volatilityWindow: Int
    private var profits: [Double] = []
    private var returns: [Double] = []
    private var nextReturn = 0
    private var lastClose = Double.nan

    init(_ sizing: Sizing) {
        switch sizing {
        case .kelly(_, let trades): kellyWindow = trades; volatilityWindow = 0
        case .volTarget(_, let lookback): kellyWindow = 0; volatilityWindow = lookback
        default: kellyWindow = 0; volatilityWindow = 0
        }
    }

    mutating func addTrade(pnl: Double) {
        guard kellyWindow > 0 else { return }
        profits.append(pnl)
        if profits.count > kellyWindow { profits.removeFirst() }
    }

    /// Whether `addClose` does anything (only for `vol_target`).
    var tracksCloses: Bool { volatilityWindow > 0 }

    mutating func addClose(_ close: Double) {
        guard volatilityWindow > 0 else { return }
        defer { lastClose = close }
        guard lastClose.isFinite, lastClose != 0, close.isFinite else { return }
        let value = close / lastClose - 1
        if returns.count < volatilityWindow {
            returns.append(value)
        } else {
            returns[nextReturn] = value
            nextReturn = (nextReturn + 1) % volatilityWindow
        }
    }

    /// W − (1 − W) / R over the window (R = average win / average loss); nil until the window
    /// is full. 1 when there is no loss, below 0 when there is no win.
    var kellyShare: Double? {
        guard kellyWindow > 0, profits.count >= kellyWindow else { return nil }
        let wins = profits.filter { $0 > 0 }
        let losses = profits.filter { $0 < 0 }
        guard !losses.isEmpty else { return 1 }
        guard !wins.isEmpty else { return -1 }
        let winRate = Double(wins.count) / Double(profits.count)
        let payoff = (wins.reduce(0, +) / Double(wins.count)) / -(losses.reduce(0, +) / Double(losses.count))
        return winRate - (1 - winRate) / payoff
    }

    /// The sample standard deviation of the window's returns, annualized with
    /// `periodsPerYear`; nil until the window is full.
    func volatility(periodsPerYear: Double) -> Double? {
        guard volatilityWindow > 1, returns.count >= volatilityWindow else { return nil }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let squares = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(returns.count - 1)).squareRoot() * periodsPerYear.squareRoot()
    }
}
