/// The last `capacity` values of a series, oldest overwritten first: the window most rolling
/// kernels keep. `value(back:)` reads 0 = newest; iteration order over `storage` is not
/// chronological (sums over a window do not care).
public struct RingWindow {
    public let capacity: Int
    @usableFromInline var storage: KernelStorage
    /// The slot the next value goes to (holding the oldest value once the window is full).
    @usableFromInline var position = 0
    /// Values pushed since the last reset.
    @usableFromInline var pushed = 0

    public var count: Int { pushed }

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = KernelStorage(repeating: 0, count: self.capacity)
    }

    /// Whether `capacity` values have been pushed.
    @inlinable public var isFull: Bool { pushed >= capacity }

    @inlinable @inline(__always)
    public mutating func push(_ x: Double) {
        storage[position] = x
        position += 1
        if position == capacity { position = 0 }
        pushed += 1
    }

    /// The value `back` pushes ago (0 = the newest).
    @inlinable @inline(__always)
    public func value(back: Int) -> Double {
        var index = position - 1 - back
        if index < 0 { index += capacity }
        return storage[index]
    }

    /// The value `t` places after the oldest of a full window (0 = the oldest).
    @inlinable @inline(__always)
    public func value(fromOldest t: Int) -> Double {
        var index = position + t
        if index >= capacity { index -= capacity }
        return storage[index]
    }

    /// The sum of the window's values (in storage order).
    @inlinable
    public var total: Double {
        var sum = 0.0
        for value in storage { sum += value }
        return sum
    }

    /// The window's values, in storage order.
    @inlinable public var values: KernelStorage { storage }

    public mutating func reset() {
        position = 0
        pushed = 0
    }
}
