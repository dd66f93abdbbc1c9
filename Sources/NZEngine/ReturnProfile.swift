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

/// Builds a `ReturnProfile` from the returns fed in order, in pieces of any size (the metrics
/// feed it the chunks of their first pass). Position i is in block ⌊i · blocks / n⌋; each block
/// is summed in order.
struct ReturnProfileAccumulator {
    private let count: Int, blocks: Int
    private var counts: [Int], sums: [Double], squares: [Double]
    private var cubes = 0.0, fourths = 0.0, sum = 0.0, square = 0.0
    private var block = 0, blockStart = 0, blockEnd: Int, position = 0

    init(count: Int, blocks: Int) {
        self.count = count
        self.blocks = blocks
        counts = [Int](repeating: 0, count: blocks)
        sums = [Double](repeating: 0, count: blocks)
        squares = [Double](repeating: 0, count: blocks)
        blockEnd = Self.end(of: 0, count: count, blocks: blocks)
    }

    /// The first position after `block`: ⌈(block + 1) · n / blocks⌉.
    private static func end(of block: Int, count: Int, blocks: Int) -> Int { ((block + 1) * count + blocks - 1) / blocks }

    private mutating func closeBlock() {
        counts[block] = blockEnd - blockStart
        sums[block] = sum
        squares[block] = square
        (sum, square) = (0, 0)
        block += 1
        blockStart = blockEnd
        if block < blocks { blockEnd = Self.end(of: block, count: count, blocks: blocks) }
    }

    mutating func add(_ values: UnsafeBufferPointer<Double>) {
        var offset = 0
        while offset < values.count {
            while block < blocks, position == blockEnd { closeBlock() }
            let take = min(values.count - offset, blockEnd - position)
            var (s, q, c, f) = (sum, square, cubes, fourths)
            // A zero return (a flat bar) adds +0 to every sum, which leaves it as it is (no sum
            // is ever −0), so zeros need no test and the loop no branch.
            for index in offset..<(offset + take) {
                let value = values[index]
                let value2 = value * value
                s += value
                q += value2
                c += value2 * value
                f += value2 * value2
            }
            (sum, square, cubes, fourths) = (s, q, c, f)
            offset += take
            position += take
        }
    }

    /// `count` zero returns: they only move the position (and close the blocks they cross).
    mutating func addZeros(_ count: Int) {
        var left = count
        while left > 0 {
            while block < blocks, position == blockEnd { closeBlock() }
            let take = min(left, blockEnd - position)
            position += take
            left -= take
        }
    }

    consuming func finish() -> ReturnProfile {
        while block < blocks { closeBlock() }
        return ReturnProfile(count: count, blockCounts: counts, blockSums: sums, blockSquares: squares, cubes: cubes, fourths: fourths)
    }
}
