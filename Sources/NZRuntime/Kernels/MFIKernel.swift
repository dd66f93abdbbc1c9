/// Money flow index (TA-Lib MFI) over a typical price and volume: flow = tp × volume counts as
/// positive when tp rose and negative when it fell, over the last `length` changes; a change
/// within 1e-14 × (|tp| + |previous tp|) counts as none. MFI = 100 × positive / (positive +
/// negative), 0 when that total is below 1. Warm-up: length.
public struct MFIKernel: BinaryKernel {
    public let length: Int
    @usableFromInline var positive: KernelStorage
    @usableFromInline var negative: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var changes = 0
    @usableFromInline var previous = Double.nan
    @usableFromInline var positiveSum = 0.0
    @usableFromInline var negativeSum = 0.0

    public init(length: Int) {
        self.length = max(1, length)
        positive = KernelStorage(repeating: 0, count: self.length)
        negative = KernelStorage(repeating: 0, count: self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ typical: Double, _ volume: Double) -> Double {
        guard !typical.isNaN, !volume.isNaN else { reset(); return .nan }
        guard !previous.isNaN else { previous = typical; return .nan }
        let change = typical - previous
        let flow = typical * volume
        let isFlat = Swift.abs(change) <= 1e-14 * (Swift.abs(typical) + Swift.abs(previous))
        previous = typical
        if changes >= length {
            positiveSum -= positive[position]
            negativeSum -= negative[position]
        }
        positive[position] = !isFlat && change > 0 ? flow : 0
        negative[position] = !isFlat && change < 0 ? flow : 0
        positiveSum += positive[position]
        negativeSum += negative[position]
        position += 1
        if position == length { position = 0 }
        changes += 1
        guard changes >= length else { return .nan }
        let total = positiveSum + negativeSum
        return total < 1 ? 0 : 100 * (positiveSum / total)
    }

    public mutating func reset() {
        position = 0
        changes = 0
        previous = .nan
        positiveSum = 0
        negativeSum = 0
    }
}
