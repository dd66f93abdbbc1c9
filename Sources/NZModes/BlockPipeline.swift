import Foundation
import NZEval

/// Hands the blocks of a streamed batch evaluation from the thread that evaluates them to the
/// thread that trades them, through a ring of `slots` copies, so that evaluating the next
/// blocks overlaps the broker's work on this one. Blocks arrive in order, each exactly once:
/// the consumer sees what a serial run would, and the run gives the same bits.
///
/// Back the other way go pieces of the equity curve (copied into recycled buffers): the
/// producer, which evaluates faster than the broker trades, feeds them to `onPiece` (the
/// metrics' curve pass) while it waits for a free slot, and after its last block until the
/// consumer is done. Pieces are fed in the order they were handed.
///
/// One producer (`put`, then `finish`, then `drainPieces`) and one consumer (`next`, then
/// `release` for each block, then `finishPieces`).
final class BlockPipeline: @unchecked Sendable {
    /// A piece of the curve: the first `count` values of `buffer`.
    struct Piece {
        let buffer: UnsafeMutableBufferPointer<Double>
        let count: Int
    }

    private let slots: Int
    private let onPiece: @Sendable (UnsafeBufferPointer<Double>) -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [EvaluatedBlock?]
    private var produced = 0
    private var consumed = 0
    private var finished = false
    private var waitedSeconds = 0.0
    private var pieces: [Piece] = []
    private var freeBuffers: [UnsafeMutableBufferPointer<Double>] = []
    private var consumerDone = false
    private var drained = false
    /// Each slot's buffer; touched by the producer only (the consumer reads the values through
    /// the published block).
    private var buffers: [UnsafeMutableBufferPointer<Double>]

    init(slots: Int, onPiece: @escaping @Sendable (UnsafeBufferPointer<Double>) -> Void) {
        self.slots = max(slots, 1)
        self.onPiece = onPiece
        ready = Array(repeating: nil, count: self.slots)
        buffers = Array(repeating: UnsafeMutableBufferPointer(start: nil, count: 0), count: self.slots)
    }

    deinit {
        for buffer in buffers + freeBuffers + pieces.map(\.buffer) { buffer.deallocate() }
    }

    /// Producer: waits for a free slot (feeding the curve's pieces meanwhile), copies `block`'s
    /// values into it and publishes the copy.
    func put(_ block: EvaluatedBlock) {
        let clock = ContinuousClock()
        condition.lock()
        if produced - consumed == slots {
            let began = clock.now
            while produced - consumed == slots {
                if !feedPiece() { condition.wait() }
            }
            waitedSeconds += Backtest.seconds(clock.now - began)
        }
        let slot = produced % slots
        condition.unlock()
        let needed = max(block.valueCount, 1)
        if buffers[slot].count < needed {
            buffers[slot].deallocate()
            buffers[slot] = .allocate(capacity: needed)
        }
        let copy = block.copy(into: buffers[slot])
        condition.lock()
        ready[slot] = copy
        produced += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Producer: no more blocks. Returns the time `put` spent waiting for a free slot (feeding
    /// pieces of the curve included).
    @discardableResult
    func finish() -> Double {
        condition.lock()
        finished = true
        condition.broadcast()
        let waited = waitedSeconds
        condition.unlock()
        return waited
    }

    /// Producer, after `finish`: feeds the pieces still to come until the consumer is done.
    func drainPieces() {
        condition.lock()
        while true {
            if feedPiece() { continue }
            if consumerDone { break }
            condition.wait()
        }
        drained = true
        condition.broadcast()
        condition.unlock()
    }

    /// With the lock held: feeds the oldest waiting piece, if any, with the lock released
    /// meanwhile, and recycles its buffer. Whether there was one.
    private func feedPiece() -> Bool {
        guard !pieces.isEmpty else { return false }
        let piece = pieces.removeFirst()
        condition.unlock()
        onPiece(UnsafeBufferPointer(rebasing: piece.buffer[0..<piece.count]))
        condition.lock()
        freeBuffers.append(piece.buffer)
        return true
    }

    /// Consumer: the next block, or nil once the producer has finished and every block was taken.
    func next() -> EvaluatedBlock? {
        condition.lock()
        defer { condition.unlock() }
        while consumed == produced, !finished { condition.wait() }
        return consumed < produced ? ready[consumed % slots] : nil
    }

    /// Consumer: a buffer for a piece of at least `count` values (a recycled one if it is big
    /// enough), to fill and hand over with `release`.
    func pieceBuffer(count: Int) -> UnsafeMutableBufferPointer<Double> {
        condition.lock()
        let recycled = freeBuffers.popLast()
        condition.unlock()
        if let recycled, recycled.count >= count { return recycled }
        recycled?.deallocate()
        return .allocate(capacity: count)
    }

    /// Consumer: the block `next` returned is used up; its slot may be refilled. `piece`, if
    /// any, goes to the producer's `onPiece`.
    func release(handing piece: Piece?) {
        condition.lock()
        ready[consumed % slots] = nil
        consumed += 1
        if let piece { pieces.append(piece) }
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: no more pieces; waits until the producer has fed every one (what `onPiece`
    /// built is then safe to read on this thread).
    func finishPieces() {
        condition.lock()
        consumerDone = true
        condition.broadcast()
        while !drained { condition.wait() }
        condition.unlock()
    }
}
