/// The metrics' pass over the equity curve, taken while the broker is still trading: a
/// pipelined `nzs run` feeds it the curve a block at a time on the thread that evaluates (which
/// is otherwise waiting for the broker), and hands it to `SimulatedBroker.finish(curve:)`. Its
/// figures are those of the pass `finish` takes itself, to the bit (`CurveAccumulator` does not
/// depend on how the curve is cut).
///
/// Used by one thread at a time: it is handed between them under a lock (`BlockPipeline`).
public final class CurvePass: @unchecked Sendable {
    private var accumulator: CurveAccumulator?
    let profileBlocks: Int

    /// `expectedCount`: the curve's length (the bars to trade); `profileBlocks` as the
    /// settings' `returnProfileBlocks`.
    public init(expectedCount: Int, profileBlocks: Int) {
        accumulator = CurveAccumulator(expectedCount: expectedCount, profileBlocks: profileBlocks)
        self.profileBlocks = profileBlocks
    }

    /// Feeds the next values of the curve, in order.
    public func add(_ piece: UnsafeBufferPointer<Double>) {
        accumulator?.add(piece)
    }

    /// The pass, if it was fed exactly `count` values (the whole curve); taken once.
    func take(ifFed count: Int) -> CurveAccumulator? {
        guard let fed = accumulator?.count, fed == count else { return nil }
        defer { accumulator = nil }
        return accumulator
    }
}

extension SimulatedBroker {
    /// Equity values marked so far (one per bar processed).
    public var equityCount: Int { equity.count }

    /// Copies the equity values from index `start` on into `target` (room for at least
    /// `equityCount − start` values); returns how many.
    public func copyEquity(from start: Int, into target: UnsafeMutableBufferPointer<Double>) -> Int {
        let count = min(max(equity.count - start, 0), target.count)
        guard count > 0, let base = target.baseAddress else { return 0 }
        equity.withUnsafeBufferPointer { values in
            if let source = values.baseAddress { base.update(from: source + start, count: count) }
        }
        return count
    }
}
