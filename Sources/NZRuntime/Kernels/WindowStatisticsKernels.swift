/// `percentrank(x, length)` (Pine's definition): the percentage of the previous `length` values
/// that are less than or equal to the current one. Warm-up: length.
/// - Complexity: O(length) per bar.
public struct PercentRankKernel: UnaryKernel {
    @usableFromInline var window: RingWindow

    public init(length: Int) { window = RingWindow(capacity: length) }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        var result = Double.nan
        if window.isFull {
            var atOrBelow = 0
            for value in window.values where value <= x { atOrBelow += 1 }
            result = 100 * Double(atOrBelow) / Double(window.capacity)
        }
        window.push(x)
        return result
    }

    public mutating func reset() { window.reset() }
}

/// Pearson correlation of a and b over the last `length` bars, or the beta of a on b
/// (cov(a, b) / var(b), population), from two passes over the window. 0 when a variance is 0.
/// Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct CorrelationKernel: BinaryKernel {
    public let isBeta: Bool
    @usableFromInline var first: RingWindow
    @usableFromInline var second: RingWindow

    public init(length: Int, isBeta: Bool) {
        self.isBeta = isBeta
        first = RingWindow(capacity: length)
        second = RingWindow(capacity: length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ a: Double, _ b: Double) -> Double {
        guard !a.isNaN, !b.isNaN else { reset(); return .nan }
        first.push(a)
        second.push(b)
        guard first.isFull else { return .nan }
        let n = Double(first.capacity)
        let meanA = first.total / n, meanB = second.total / n
        var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
        for t in 0..<first.capacity {
            let da = first.value(fromOldest: t) - meanA, db = second.value(fromOldest: t) - meanB
            covariance += da * db
            varianceA += da * da
            varianceB += db * db
        }
        if isBeta { return varianceB > 0 ? covariance / varianceB : 0 }
        let denominator = (varianceA * varianceB).squareRoot()
        return denominator > 0 ? covariance / denominator : 0
    }

    public mutating func reset() {
        first.reset()
        second.reset()
    }
}
