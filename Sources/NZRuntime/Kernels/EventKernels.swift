/// `barssince(condition)`: bars since the condition was last true (0 on a true bar), `na`
/// before it is first true. An `na` condition counts as false. Warm-up: until the first true.
public struct BarsSinceKernel: UnaryKernel {
    @usableFromInline var count = -1

    public init() {}

    @inlinable @inline(__always)
    public mutating func step(_ condition: Double) -> Double {
        if condition != 0, !condition.isNaN {
            count = 0
        } else if count >= 0 {
            count += 1
        }
        return count < 0 ? .nan : Double(count)
    }

    public mutating func reset() { count = -1 }
}

/// `valuewhen(condition, x, occurrence)`: the value x had on the bar where the condition was
/// true for the (occurrence + 1)-th most recent time; `na` until there were that many.
public struct ValueWhenKernel: BinaryKernel {
    public let occurrence: Int
    @usableFromInline var values: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var seen = 0

    public init(occurrence: Int) {
        self.occurrence = max(0, occurrence)
        values = KernelStorage(repeating: .nan, count: self.occurrence + 1)
    }

    @inlinable @inline(__always)
    public mutating func step(_ condition: Double, _ x: Double) -> Double {
        if condition != 0, !condition.isNaN {
            values[position] = x
            position += 1
            if position == values.count { position = 0 }
            seen += 1
        }
        guard seen > occurrence else { return .nan }
        // The newest stored value is at position − 1; go back `occurrence` more.
        var index = position - 1 - occurrence
        while index < 0 { index += values.count }
        return values[index]
    }

    public mutating func reset() {
        position = 0
        seen = 0
        for index in values.indices { values[index] = .nan }
    }
}
