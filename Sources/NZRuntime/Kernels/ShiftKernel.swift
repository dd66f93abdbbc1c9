/// History `x[n]`: the value `n` bars ago, `na` for the first `n` bars. Warm-up: n more than
/// the input's. `na` inputs pass through like any value.
public struct ShiftKernel: UnaryKernel {
    public let offset: Int
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0

    public init(offset: Int) {
        self.offset = max(0, offset)
        self.window = KernelStorage(repeating: .nan, count: max(1, self.offset))
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        if offset == 0 { return x }
        let old = window[position]
        window[position] = x
        position += 1
        if position == offset { position = 0 }
        return old
    }

    public mutating func reset() {
        position = 0
        for index in window.indices { window[index] = .nan }
    }
}

