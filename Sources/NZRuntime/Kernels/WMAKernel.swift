/// Weighted moving average (TA-Lib WMA): weights 1...length, the newest heaviest, divided by
/// length × (length + 1) / 2. Kept as two running totals (the plain sum of the window and the
/// weighted sum), each moved by one addition per bar on its dependency chain (TA-Lib adds and
/// subtracts separately; the values agree to a few ulps), so each bar is O(1). Warm-up: length − 1.
public struct WMAKernel: UnaryKernel {
    public let length: Int
    @usableFromInline let inverse: Double
    @usableFromInline let weight: Double
    @usableFromInline var window: KernelStorage
    // The two sums are not adjacent: as neighbours, the optimizer keeps them in one vector
    // register and shuffles it on every step of both dependency chains.
    @usableFromInline var plainSum = 0.0
    @usableFromInline var position = 0
    @usableFromInline var weightedSum = 0.0
    @usableFromInline var filled = 0
    @usableFromInline var trailing = 0.0

    public init(length: Int) {
        self.length = max(1, length)
        inverse = 1 / Double(self.length * (self.length + 1) / 2)
        weight = Double(self.length)
        self.window = KernelStorage(repeating: 0, count: self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window[position] = x
        position += 1
        if position == length { position = 0 }
        if filled < length - 1 {
            filled += 1
            plainSum += x
            weightedSum += x * Double(filled)
            return .nan
        }
        plainSum += x - trailing
        let weighted = x * weight
        let value = (weightedSum + weighted) * inverse
        weightedSum += weighted - plainSum
        trailing = window[position]
        return value
    }

    public mutating func reset() {
        position = 0
        filled = 0
        plainSum = 0
        weightedSum = 0
        trailing = 0
    }
}

/// Running total from the first value (`cum`, and the A/D line and OBV built on it).
/// Warm-up: that of its input.
public struct CumulativeKernel: UnaryKernel {
    @usableFromInline var total = 0.0

    public init() {}

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        total += x
        return total
    }

    public mutating func reset() { total = 0 }
}
