/// The per-bar returns of a run summed per block of bars, and their third and fourth power
/// sums: what the research modes' overfitting guards need from each trial (CSCV's Sharpe ratios
/// of any union of blocks, the deflated Sharpe ratio's skewness and kurtosis), computed in the
/// metrics' own pass over the equity instead of another. Returns are r = e[i] / e[i−1] − 1 for
/// i = 1...n, 0 where the previous equity is 0; return i − 1 belongs to block
/// ⌊(i − 1) · blocks / n⌋. Asked for with `EngineSettings.returnProfileBlocks`.
public struct ReturnProfile: Sendable, Equatable {
    public let count: Int
    public let blockCounts: [Int]
    public let blockSums: [Double]
    public let blockSquares: [Double]
    public let cubes: Double
    public let fourths: Double
}

extension ReturnProfile {
    /// The profile of an equity curve on its own (what a run with `returnProfileBlocks` carries).
    public static func of(equity: [Double], blocks: Int) -> ReturnProfile? {
        ReturnStatistics(equity: equity, profileBlocks: blocks).profile
    }
}
