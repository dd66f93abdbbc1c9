/// The metrics' one pass over an equity curve (returns, their sums, the drawdowns and the return
/// profile together), fed the curve in order in pieces of any size: the whole curve after a run,
/// or a block at a time while a run is still trading (`CurvePass`, in a pipelined `nzs run`).
/// Not to be copied and both copies fed: the buffers are shared. The returns
/// r = e[k + 1] / e[k] − 1 (0 when the equity is unchanged) are taken a sub-block of 32 at a
/// time at fixed positions, so the figures, to the bit, do not depend on how the curve was cut.
///
/// Flat sub-blocks (32 returns that are all 0: no position, or an unchanged mark) are only
/// counted: their zeros add nothing to the sums, join the variance as one group at the end, and
/// are one O(1) step of the drawdowns. The others are computed into a buffer of `chunk` returns
/// that is summed when full (`ReturnSums`).
struct CurveAccumulator {
    /// Returns per flatness test: a multiple of 4, so that every gathered sub-block starts at
    /// lane 0 and each return keeps the lane (position mod 4) it has in the whole sequence.
    static let subBlock = 32
    /// Returns per gathered buffer: a multiple of `subBlock`.
    static let chunk = 4096

    private(set) var drawdowns = Drawdowns()
    private var sums: ReturnSums
    private var profile: ReturnProfileAccumulator?
    private let expectedCount: Int
    /// Returns of the sub-blocks that are not flat, waiting to be summed.
    private let gathered = DoubleBuffer(capacity: CurveAccumulator.chunk)
    private var gatheredCount = 0
    /// The last equity value before the sub-block being filled, then that sub-block's values so
    /// far (a sub-block that straddles two pieces).
    private let tail = DoubleBuffer(capacity: CurveAccumulator.subBlock + 1)
    private var tailCount = 0
    /// Equity values fed so far.
    private(set) var count = 0

    /// `expectedCount`: the curve's length (room is reserved for it; the return profile, asked
    /// for with `profileBlocks` above 0, needs it exactly).
    init(expectedCount: Int, profileBlocks: Int = 0) {
        self.expectedCount = expectedCount
        sums = ReturnSums(expectedCount: max(expectedCount - 1, 0))
        if profileBlocks > 0 { profile = ReturnProfileAccumulator(count: max(expectedCount - 1, 0), blocks: profileBlocks) }
    }

    /// Feeds the next values of the curve.
    mutating func add(_ values: [Double]) {
        values.withUnsafeBufferPointer { add($0) }
    }

    /// Feeds the next values of the curve.
    mutating func add(_ piece: UnsafeBufferPointer<Double>) {
        guard let base = piece.baseAddress, !piece.isEmpty else { return }
        let end = count + piece.count
        defer { count = end }
        var offset = 0
        if count == 0 {
            drawdowns.add(UnsafeBufferPointer(start: base, count: 1))
            tail.pointer[0] = base[0]
            tailCount = 1
            offset = 1
        }
        // A sub-block begun in an earlier piece, or whose previous value is there, is completed
        // in the tail.
        if tailCount > 1 || offset == 0 {
            let take = min(piece.count - offset, Self.subBlock + 1 - tailCount)
            (tail.pointer + tailCount).initialize(from: base + offset, count: take)
            tailCount += take
            offset += take
            guard tailCount == Self.subBlock + 1 else { return }
            subBlock(tail[0..<tailCount])
            tail.pointer[0] = tail.pointer[Self.subBlock]
            tailCount = 1
        }
        // Whole sub-blocks straight from the piece, each with the value before it.
        while piece.count - offset >= Self.subBlock {
            subBlock(UnsafeBufferPointer(start: base + offset - 1, count: Self.subBlock + 1))
            offset += Self.subBlock
        }
        // The rest waits in the tail, after the value before it.
        let rest = piece.count - offset
        tail.pointer[0] = base[offset - 1]
        (tail.pointer + 1).initialize(from: base + offset, count: rest)
        tailCount = 1 + rest
    }

    /// One sub-block: `e` is the value before it and its values (32, or fewer at the end).
    @inline(__always)
    private mutating func subBlock(_ e: UnsafeBufferPointer<Double>) {
        let size = e.count - 1
        let returns = CurveReturns(e)
        if returns.isFlat(from: 0, count: size) {
            sums.addFlat(size)
            profile?.addZeros(size)
            drawdowns.addRepeats(size)
            return
        }
        let out = UnsafeMutableBufferPointer(start: gathered.pointer + gatheredCount, count: size)
        returns.copy(from: 0, count: size, into: out)
        profile?.add(UnsafeBufferPointer(out))
        drawdowns.add(UnsafeBufferPointer(rebasing: e[1...]))
        gatheredCount += size
        if gatheredCount + Self.subBlock > Self.chunk { flush() }
    }

    private mutating func flush() {
        sums.add(gathered[0..<gatheredCount])
        gatheredCount = 0
    }

    /// The figures of the curve fed: its drawdowns, the returns' sums, and the return profile
    /// (nil unless asked for and the curve had the expected length).
    consuming func finish() -> (drawdowns: Drawdowns, sums: ReturnSums.Result, profile: ReturnProfile?) {
        if tailCount > 1 { subBlock(tail[0..<tailCount]) }
        if gatheredCount > 0 { flush() }
        var finished: ReturnProfile?
        if let profile, count == expectedCount { finished = profile.finish() }
        return (drawdowns, sums.finish(count: max(count - 1, 0)), finished)
    }
}
