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
        let n = max(0, equity.count - 1)
        count = n
        var counts = [Int](repeating: 0, count: Self.blockCount)
        var sums = [Double](repeating: 0, count: Self.blockCount)
        var squares = [Double](repeating: 0, count: Self.blockCount)
        // One pass: per block Σr and Σr², and Σr³, Σr⁴ overall. Returns are small numbers, so
        // the central moments follow from these raw sums without losing precision that matters.
        var cubes = 0.0, fourths = 0.0
        equity.withUnsafeBufferPointer { e in
            for block in 0..<Self.blockCount {
                let range = (block * n + Self.blockCount - 1) / Self.blockCount..<((block + 1) * n + Self.blockCount - 1) / Self.blockCount
                var sum = 0.0, square = 0.0
                for index in range {
                    let previous = e[index], next = e[index + 1]
                    let r = previous != 0 && next != previous ? next / previous - 1 : 0
                    let r2 = r * r
                    sum += r
                    square += r2
                    cubes += r2 * r
                    fourths += r2 * r2
                }
                counts[block] = range.count
                sums[block] = sum
                squares[block] = square
            }
        }
        blockCounts = counts
        blockSums = sums
        blockSquares = squares
        let count = Double(max(n, 1))
        let m = sums.reduce(0, +) / count
        let s2 = squares.reduce(0, +) / count
        let m2 = max(0, s2 - m * m)
        let m3 = cubes / count - 3 * m * s2 + 2 * m * m * m
        let m4 = fourths / count - 4 * m * (cubes / count) + 6 * m * m * s2 - 3 * m * m * m * m
        mean = m
        variance = n > 1 ? m2 * count / Double(n - 1) : 0
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
