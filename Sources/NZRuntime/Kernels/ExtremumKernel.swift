/// Rolling maximum or minimum of the last `length` values together with the bar it was seen
/// on (Aroon's "bars since"; plain MAX / MIN use the faster `WindowMaxKernel`). Keeps the
/// window and the extreme's bar; rescans only when the extreme leaves the window (the newest
/// of equal values wins). A minimum is the maximum of the negated values, negated back (both
/// exact), so one code path serves both. Warm-up: length − 1.
/// - Complexity: amortized O(1) per bar on typical data, O(length) worst case.
public struct ExtremumKernel: UnaryKernel {
    public let length: Int
    public let isMaximum: Bool
    @usableFromInline let sign: Double
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    /// Values pushed since the last reset; bar k (1-based) is the k-th of them.
    @usableFromInline var pushed = 0
    @usableFromInline var extreme = 0.0
    @usableFromInline var extremeBar = 0

    public init(length: Int, isMaximum: Bool) {
        self.length = max(1, length)
        self.isMaximum = isMaximum
        sign = isMaximum ? 1 : -1
        window = KernelStorage(repeating: 0, count: self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        let value = sign * x
        window[position] = value
        position = position + 1 == length ? 0 : position + 1
        pushed += 1
        if extremeBar <= pushed - length || pushed == 1 {
            rescan()
        } else {
            let isNew = value >= extreme
            extreme = isNew ? value : extreme
            extremeBar = isNew ? pushed : extremeBar
        }
        return pushed >= length ? sign * extreme : .nan
    }

    /// Finds the extreme of the window, scanning oldest to newest (two contiguous runs of the
    /// ring, no per-element wrap test).
    @inlinable
    mutating func rescan() {
        let count = Swift.min(pushed, length)
        let oldestSlot = pushed >= length ? position : 0
        let firstBar = pushed - count + 1
        var best = -Double.infinity
        var bestOffset = 0
        do {
            let values = window
            let firstRun = Swift.min(count, length - oldestSlot)
            // Selects, not branches: where the running best changes is unpredictable.
            for offset in 0..<firstRun {
                let value = values[oldestSlot + offset]
                let isNew = value >= best
                best = isNew ? value : best
                bestOffset = isNew ? offset : bestOffset
            }
            for offset in firstRun..<count {
                let value = values[offset - firstRun]
                let isNew = value >= best
                best = isNew ? value : best
                bestOffset = isNew ? offset : bestOffset
            }
        }
        extreme = best
        extremeBar = firstBar + bestOffset
    }

    public mutating func reset() {
        position = 0
        pushed = 0
        extremeBar = 0
    }
}
