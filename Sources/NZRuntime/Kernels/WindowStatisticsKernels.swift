/// `percentrank(x, length)` (Pine's definition): the percentage of the previous `length` values
/// that are less than or equal to the current one. Warm-up: length.
/// - Complexity: O(length) per bar.
public struct PercentRankKernel: UnaryKernel {
    public let length: Int
    @usableFromInline var window: [Double]
    @usableFromInline var position = 0
    @usableFromInline var count = 0

    public init(length: Int) {
        self.length = max(1, length)
        window = [Double](repeating: 0, count: self.length)
    }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        var result = Double.nan
        if count >= length {
            var atOrBelow = 0
            for value in window where value <= x { atOrBelow += 1 }
            result = 100 * Double(atOrBelow) / Double(length)
        }
        window[position] = x
        position += 1
        if position == length { position = 0 }
        count += 1
        return result
    }

    public mutating func reset() {
        position = 0
        count = 0
    }
}

/// Pearson correlation of a and b over the last `length` bars, or the beta of a on b
/// (cov(a, b) / var(b), population), from two passes over the window. 0 when a variance is 0.
/// Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct CorrelationKernel: BinaryKernel {
    public let length: Int
    public let isBeta: Bool
    @usableFromInline var first: [Double]
    @usableFromInline var second: [Double]
    @usableFromInline var position = 0
    @usableFromInline var filled = 0

    public init(length: Int, isBeta: Bool) {
        self.length = max(1, length)
        self.isBeta = isBeta
        first = [Double](repeating: 0, count: self.length)
        second = [Double](repeating: 0, count: self.length)
    }

    @inlinable
    public mutating func step(_ a: Double, _ b: Double) -> Double {
        guard !a.isNaN, !b.isNaN else { reset(); return .nan }
        first[position] = a
        second[position] = b
        position += 1
        if position == length { position = 0 }
        if filled < length - 1 {
            filled += 1
            return .nan
        }
        let n = Double(length)
        var meanA = 0.0, meanB = 0.0
        for index in 0..<length {
            meanA += first[index]
            meanB += second[index]
        }
        meanA /= n
        meanB /= n
        var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
        for index in 0..<length {
            let da = first[index] - meanA, db = second[index] - meanB
            covariance += da * db
            varianceA += da * da
            varianceB += db * db
        }
        if isBeta { return varianceB > 0 ? covariance / varianceB : 0 }
        let denominator = (varianceA * varianceB).squareRoot()
        return denominator > 0 ? covariance / denominator : 0
    }

    public mutating func reset() {
        position = 0
        filled = 0
    }
}
