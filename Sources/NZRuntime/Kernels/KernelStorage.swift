/// A kernel's window of values: fixed-size storage without an array's per-write bounds check
/// and out-of-line uniqueness call, since every kernel step writes its window. Indices are the
/// kernel's own ring positions, always in 0..<count.
///
/// It has reference semantics: a copy of a kernel shares its window with the original. The
/// drivers make each kernel fresh (`KernelFactory`) and only ever move it between a box and a
/// local copy that replaces the original, so no two live copies are ever stepped; make a new
/// kernel rather than copying one that is in use.
public struct KernelStorage: RandomAccessCollection {
    @usableFromInline final class Buffer {
        @usableFromInline let count: Int
        @usableFromInline let base: UnsafeMutablePointer<Double>

        @usableFromInline init(count: Int, repeating value: Double) {
            self.count = count
            base = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, count))
            base.initialize(repeating: value, count: Swift.max(1, count))
        }

        deinit { base.deallocate() }
    }

    /// Keeps the buffer alive.
    @usableFromInline let buffer: Buffer
    /// The buffer's memory, held here too so that a kernel copied into the driver's loop keeps
    /// it in a register instead of reloading it from the buffer object on every access.
    @usableFromInline let base: UnsafeMutablePointer<Double>

    public init(repeating value: Double, count: Int) {
        buffer = Buffer(count: Swift.max(0, count), repeating: value)
        base = buffer.base
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { buffer.count }

    public subscript(position: Int) -> Double {
        @inlinable @inline(__always) get { base[position] }
        @inlinable @inline(__always) nonmutating set { base[position] = newValue }
    }

    /// Used as a ring of `capacity` slots whose next write goes to `position`: writes what
    /// pushing `values[start..<end]` one at a time would leave in it (only the last `capacity`
    /// values matter) and returns the ring's next position. For batch loops that read leaving
    /// values from the block and bring the kernel's window up to date once at the end.
    @inlinable
    public func catchUp(position: Int, capacity: Int, with values: UnsafeBufferPointer<Double>, from start: Int, to end: Int) -> Int {
        let done = end - start
        guard done > 0 else { return position }
        var slot = done > capacity ? (position + (done - capacity)) % capacity : position
        for index in Swift.max(start, end - capacity)..<end {
            base[slot] = values[index]
            slot = slot + 1 == capacity ? 0 : slot + 1
        }
        return (position + done) % capacity
    }
}
