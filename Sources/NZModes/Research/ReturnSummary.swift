import NZEngine

/// What the overfitting guards need from one run's equity curve, without keeping the curve:
/// the per-bar returns r = e[i] / e[i−1] − 1 (0 where the previous equity is 0) cut into
/// `blockCount` contiguous blocks of equal size, with each block's count, Σr and Σr² (for
/// CSCV's Sharpe ratios of any union of blocks), and the moments of all returns (for the
/// deflated Sharpe ratio).
public struct ReturnSummary: Sendable {
    /// CSCV's block count S (Bailey et al. use 16: C(16, 8) = 12,870 splits).
    public static let blockCount = 16

    public let count: Int
    public let blockCounts: [Int]
    public let blockSums: [Double]
    public let blockSquares: [Double]
    public let mean: Double
    /// Sample variance (n − 1).
    public let variance: Double
    /// Skewness (biased, Σ(r − m)³/n / σ³ with σ² = Σ(r − m)²/n) and kurtosis (not excess:
    /// 3 for a normal distribution), as the deflated Sharpe ratio's formula uses them.
    public let skewness: Double
    public let kurtosis: Double

    public init(equity: [Double]) {
        self.init(profile: ReturnProfile.of(equity: equity, blocks: Self.blockCount))
    }

    /// From the profile a run carries (`EngineSettings.returnProfileBlocks` = `blockCount`).
    public init(profile: ReturnProfile?) {
        let blocks = Self.blockCount
        count = profile?.count ?? 0
        blockCounts = profile?.blockCounts ?? [Int](repeating: 0, count: blocks)
        blockSums = profile?.blockSums ?? [Double](repeating: 0, count: blocks)
        blockSquares = profile?.blockSquares ?? [Double](repeating: 0, count: blocks)
        // The central moments follow from the raw power sums: returns are small numbers, so
        // nothing that matters is lost.
        let n = Double(max(count, 1))
        let m = blockSums.reduce(0, +) / n
        let s2 = blockSquares.reduce(0, +) / n
        let s3 = (profile?.cubes ?? 0) / n, s4 = (profile?.fourths ?? 0) / n
        let m2 = max(0, s2 - m * m)
        let m3 = s3 - 3 * m * s2 + 2 * m * m * m
        let m4 = s4 - 4 * m * s3 + 6 * m * m * s2 - 3 * m * m * m * m
        mean = m
        variance = count > 1 ? m2 * n / Double(count - 1) : 0
        skewness = m2 > 0 ? m3 / (m2 * m2.squareRoot()) : 0
        kurtosis = m2 > 0 ? m4 / (m2 * m2) : 3
    }

    /// The per-bar Sharpe ratio mean / sd (sample sd); 0 when the returns do not vary.
    public var sharpe: Double {
        variance > 0 ? mean / variance.squareRoot() : 0
    }

    /// The Sharpe ratio of the returns in a union of blocks, from their count, Σr and Σr².
    @inline(__always)
    static func sharpe(count: Int, sum: Double, squares: Double) -> Double {
        guard count > 1 else { return 0 }
        let n = Double(count)
        let mean = sum / n
        let variance = (squares - sum * mean) / (n - 1)
        return variance > 0 ? mean / variance.squareRoot() : 0
    }
}
