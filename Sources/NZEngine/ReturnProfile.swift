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

/// Accumulates a `ReturnProfile` return by return.
struct ProfileSketch {
    let blocks: Int
    let returns: Int
    var isOn: Bool { blocks > 0 && returns > 0 }
    private var block = 0
    private var nextBoundary = 0
    private var counts: [Int]
    private var sums: [Double]
    private var squares: [Double]
    private var sum = 0.0, square = 0.0, cubes = 0.0, fourths = 0.0, inBlock = 0

    init(blocks: Int, returns: Int) {
        self.blocks = max(0, blocks)
        self.returns = returns
        counts = [Int](repeating: 0, count: self.blocks)
        sums = [Double](repeating: 0, count: self.blocks)
        squares = [Double](repeating: 0, count: self.blocks)
        nextBoundary = Self.boundary(1, blocks: self.blocks, returns: returns)
    }

    /// Return number `position` (0-based, in order).
    @inline(__always)
    mutating func add(_ r: Double, at position: Int) {
        while position >= nextBoundary, block < blocks - 1 { close() }
        let r2 = r * r
        sum += r
        square += r2
        cubes += r2 * r
        fourths += r2 * r2
        inBlock += 1
    }

    func profile() -> ReturnProfile? {
        guard blocks > 0 else { return nil }
        var copy = self
        while copy.block < blocks { copy.close() }
        return ReturnProfile(count: returns, blockCounts: copy.counts, blockSums: copy.sums, blockSquares: copy.squares,
                             cubes: cubes, fourths: fourths)
    }

    private mutating func close() {
        guard block < blocks else { return }
        counts[block] = inBlock
        sums[block] = sum
        squares[block] = square
        sum = 0
        square = 0
        inBlock = 0
        block += 1
        nextBoundary = Self.boundary(block + 1, blocks: blocks, returns: returns)
    }

    /// The first return position of block `block` (⌈block · n / blocks⌉).
    private static func boundary(_ block: Int, blocks: Int, returns: Int) -> Int {
        blocks > 0 ? (block * returns + blocks - 1) / blocks : Int.max
    }
}

extension ReturnProfile {
    /// The profile of an equity curve on its own (what a run with `returnProfileBlocks` carries).
    public static func of(equity: [Double], blocks: Int) -> ReturnProfile? {
        ReturnStatistics(equity: equity, profileBlocks: blocks).profile
    }
}
