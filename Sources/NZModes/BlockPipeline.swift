import Foundation
import NZEval

/// Hands the blocks of a streamed batch evaluation from the thread that evaluates them to the
/// thread that trades them, through a ring of `slots` copies, so that evaluating the next
/// blocks overlaps the broker's work on this one. Blocks arrive in order, each exactly once:
/// the consumer sees what a serial run would, and the run gives the same bits.
///
/// One producer (`put`, then `finish`) and one consumer (`next`, then `release` for each block).
final class BlockPipeline: @unchecked Sendable {
    private let slots: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [EvaluatedBlock?]
    private var produced = 0
    private var consumed = 0
    private var finished = false
    private var waitedSeconds = 0.0
    /// Each slot's buffer; touched by the producer only (the consumer reads the values through
    /// the published block).
    private var buffers: [UnsafeMutableBufferPointer<Double>]

    init(slots: Int) {
        self.slots = max(slots, 1)
        ready = Array(repeating: nil, count: self.slots)
        buffers = Array(repeating: UnsafeMutableBufferPointer(start: nil, count: 0), count: self.slots)
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// Producer: waits for a free slot, copies `block`'s values into it and publishes the copy.
    func put(_ block: EvaluatedBlock) {
        let clock = ContinuousClock()
        condition.lock()
        if produced - consumed == slots {
            let began = clock.now
            while produced - consumed == slots { condition.wait() }
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

    /// Producer: no more blocks. Returns the time `put` spent waiting for a free slot.
    @discardableResult
    func finish() -> Double {
        condition.lock()
        finished = true
        condition.broadcast()
        let waited = waitedSeconds
        condition.unlock()
        return waited
    }

    /// Consumer: the next block, or nil once the producer has finished and every block was taken.
    func next() -> EvaluatedBlock? {
        condition.lock()
        defer { condition.unlock() }
        while consumed == produced, !finished { condition.wait() }
        return consumed < produced ? ready[consumed % slots] : nil
    }

    /// Consumer: the block `next` returned is used up; its slot may be refilled.
    func release() {
        condition.lock()
        ready[consumed % slots] = nil
        consumed += 1
        condition.broadcast()
        condition.unlock()
    }
}
