/// Commodity channel index over a typical price (TA-Lib CCI): the window's mean, the mean
/// absolute deviation about it, and (tp − mean) / (0.015 × deviation); 0 when either the
/// distance or the deviation is 0. Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct CCIKernel: UnaryKernel {
    @usableFromInline var window: RingWindow

    public init(length: Int) { window = RingWindow(capacity: length) }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window.push(x)
        guard window.isFull else { return .nan }
        let n = Double(window.capacity)
        let average = window.total / n
        var deviation = 0.0
        for value in window.values { deviation += Swift.abs(value - average) }
        let distance = x - average
        guard distance != 0, deviation != 0 else { return 0 }
        return distance / (0.015 * (deviation / n))
    }

    public mutating func reset() { window.reset() }
}
