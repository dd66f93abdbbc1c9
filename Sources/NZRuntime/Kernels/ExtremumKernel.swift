/// Rolling maximum or minimum of the last `length` values (TA-Lib MAX / MIN). Keeps the
/// window and the extreme's bar; rescans only when the extreme leaves the window (the newest
/// of equal values wins). A minimum is the maximum of the negated values, negated back (both
/// exact), so one code path serves both. Warm-up: length − 1.
/// - Complexity: amortized O(1) per bar on typical data, O(length) worst case.
public struct ExtremumKernel: UnaryKernel {
    public static var stepsInPlace: Bool { true }
    public let length: Int
    public let isMaximum: Bool
    @usableFromInline let sign: Double
    @usableFromInline var window: [Double]
    @usableFromInline var position = 0
    /// Values pushed since the last reset; bar k (1-based) is the k-th of them.
    @usableFromInline var pushed = 0
    @usableFromInline var extreme = 0.0
    @usableFromInline var extremeBar = 0

    public init(length: Int, isMaximum: Bool) {
        self.length = max(1, length)
        self.isMaximum = isMaximum
        sign = isMaximum ? 1 : -1
        window = [Double](repeating: 0, count: self.length)
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
        } else if value >= extreme {
            extreme = value
            extremeBar = pushed
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
        window.withUnsafeBufferPointer { values in
            let firstRun = Swift.min(count, length - oldestSlot)
            for offset in 0..<firstRun where values[oldestSlot + offset] >= best {
                best = values[oldestSlot + offset]
                bestOffset = offset
            }
            for offset in firstRun..<count where values[offset - firstRun] >= best {
                best = values[offset - firstRun]
                bestOffset = offset
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
