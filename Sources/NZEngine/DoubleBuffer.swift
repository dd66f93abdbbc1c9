/// A heap buffer of Doubles that the hot loops of the metrics write through a raw pointer
/// (no array bounds or uniqueness checks per value). Allocated, not initialized: room for every
/// bar of a run costs only the pages that are written.
final class DoubleBuffer {
    private(set) var pointer: UnsafeMutablePointer<Double>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    /// Room for at least `needed` values, keeping the first `kept`.
    func grow(to needed: Int, keeping kept: Int) {
        let size = max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<Double>.allocate(capacity: size)
        larger.initialize(from: pointer, count: kept)
        pointer.deallocate()
        (pointer, capacity) = (larger, size)
    }

    /// Values `range` as a buffer.
    @inline(__always)
    subscript(_ range: Range<Int>) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: pointer + range.lowerBound, count: range.count)
    }
}
