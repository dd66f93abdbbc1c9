/// Commodity channel index over a typical price (TA-Lib CCI): the window's mean, the mean
/// absolute deviation about it, and (tp − mean) / (0.015 × deviation); 0 when either the
/// distance or the deviation is 0. Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct CCIKernel: UnaryKernel {
    public let length: Int
    @usableFromInline var window: [Double]
    @usableFromInline var position = 0
    @usableFromInline var filled = 0

    public init(length: Int) {
        self.length = max(1, length)
        self.window = [Double](repeating: 0, count: self.length)
    }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window[position] = x
        position += 1
        if position == length { position = 0 }
        if filled < length - 1 {
            filled += 1
            return .nan
        }
        let n = Double(length)
        var average = 0.0
        for value in window { average += value }
        average /= n
        var deviation = 0.0
        for value in window { deviation += Swift.abs(value - average) }
        let distance = x - average
        guard distance != 0, deviation != 0 else { return 0 }
        return distance / (0.015 * (deviation / n))
    }

    public mutating func reset() {
        position = 0
        filled = 0
    }
}
