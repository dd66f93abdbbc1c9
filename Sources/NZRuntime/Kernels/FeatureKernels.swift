/// Rolling skewness or excess kurtosis of the last `length` values, bias-corrected as pandas'
/// `rolling(n).skew()` and `rolling(n).kurt()` (the adjusted Fisher–Pearson estimators): with
/// the window's central moments m2, m3, m4 (divided by n),
///
///     skew = √(n(n − 1)) / (n − 2) · m3 / m2^1.5
///     kurtosis = ((n + 1) · m4 / m2² − 3(n − 1)) · (n − 1) / ((n − 2)(n − 3))
///
/// computed in two passes over the window at every bar (exact, whatever the values' scale). na
/// when the window's values do not vary (m2 ≤ 1e-14 of the mean square, where pandas returns 0
/// or −3 for an exactly constant window), and while the window is not full. Needs a length of
/// at least 3 (skew) or 4 (kurtosis). Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct MomentKernel: UnaryKernel {
    public let isKurtosis: Bool
    @usableFromInline var window: RingWindow

    public init(length: Int, isKurtosis: Bool) {
        self.isKurtosis = isKurtosis
        window = RingWindow(capacity: length)
    }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window.push(x)
        let count = window.capacity
        guard window.isFull, count >= (isKurtosis ? 4 : 3) else { return .nan }
        var sum = 0.0
        for value in window.values { sum += value }
        let n = Double(count)
        let mean = sum / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for value in window.values {
            let d = value - mean, d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        m2 /= n
        m3 /= n
        m4 /= n
        guard m2 > 1e-14 * max(mean * mean, 1e-300) else { return .nan }
        if isKurtosis {
            return ((n + 1) * m4 / (m2 * m2) - 3 * (n - 1)) * (n - 1) / ((n - 2) * (n - 3))
        }
        return (n * (n - 1)).squareRoot() / (n - 2) * m3 / (m2 * m2.squareRoot())
    }

    public mutating func reset() { window.reset() }
}

/// The percentile rank of x among the last `length` values (x included), as pandas'
/// `rolling(n).rank(pct=True)`: (values below x + (values equal to x + 1) / 2) / length, so
/// 1/length for the window's smallest, 1 for its largest and ties sharing their mean rank.
/// Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct RollingRankKernel: UnaryKernel {
    @usableFromInline var window: RingWindow

    public init(length: Int) { window = RingWindow(capacity: length) }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window.push(x)
        guard window.isFull else { return .nan }
        var below = 0, equal = 0
        for value in window.values {
            below += value < x ? 1 : 0
            equal += value == x ? 1 : 0
        }
        return (Double(below) + Double(equal + 1) / 2) / Double(window.capacity)
    }

    public mutating func reset() { window.reset() }
}
