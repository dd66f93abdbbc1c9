/// Rolling maximum or minimum of the last `length` values (TA-Lib MAX / MIN). Keeps the
/// window and the extreme's position; rescans only when the extreme leaves the window.
/// Warm-up: length − 1.
/// - Complexity: amortized O(1) per bar on typical data, O(length) worst case.
public struct ExtremumKernel: UnaryKernel {
    public let length: Int
    public let isMaximum: Bool
    @usableFromInline var window: [Double]
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    @usableFromInline var extreme = 0.0
    /// Bars since the extreme was seen (0 = this bar).
    @usableFromInline var extremeAge = Int.max

    public init(length: Int, isMaximum: Bool) {
        self.length = max(1, length)
        self.isMaximum = isMaximum
        self.window = [Double](repeating: 0, count: self.length)
    }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window[position] = x
        position += 1
        if position == length { position = 0 }
        extremeAge = extremeAge == Int.max ? Int.max : extremeAge + 1
        if extremeAge >= length {
            rescan()
        } else if isMaximum ? x >= extreme : x <= extreme {
            extreme = x
            extremeAge = 0
        }
        if filled < length - 1 {
            filled += 1
            return .nan
        }
        return extreme
    }

    /// Finds the extreme among the values seen so far in the window; the newest wins ties.
    @usableFromInline
    mutating func rescan() {
        let count = min(filled + 1, length)
        var best = 0.0
        var bestAge = Int.max
        for age in 0..<count {
            var index = position - 1 - age
            if index < 0 { index += length }
            let value = window[index]
            if bestAge == Int.max || (isMaximum ? value > best : value < best) {
                best = value
                bestAge = age
            }
        }
        extreme = best
        extremeAge = bestAge
    }

    public mutating func reset() {
        position = 0
        filled = 0
        extremeAge = Int.max
    }
}
