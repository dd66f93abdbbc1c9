/// Least-squares line over the last `length` values (TA-Lib LINEARREG and LINEARREG_SLOPE),
/// with time t = 0 for the oldest bar of the window: the result is the line's value at the
/// newest bar or its slope per bar. Computed on deviations from the window's means (two
/// passes), which keeps the slope's digits on prices like EURUSD's, as TA-Lib 0.8 does.
/// Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct LinearRegressionKernel: UnaryKernel {
    public let length: Int
    public let isSlope: Bool
    @usableFromInline var window: [Double]
    @usableFromInline var position = 0
    @usableFromInline var filled = 0

    public init(length: Int, isSlope: Bool) {
        self.length = max(1, length)
        self.isSlope = isSlope
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
        let meanT = (n - 1) / 2
        // `position` is now the oldest value's slot (t = 0).
        var sumY = 0.0
        for value in window { sumY += value }
        let meanY = sumY / n
        var covariance = 0.0
        var varianceT = 0.0
        for t in 0..<length {
            var index = position + t
            if index >= length { index -= length }
            let dt = Double(t) - meanT
            covariance += dt * (window[index] - meanY)
            varianceT += dt * dt
        }
        let slope = varianceT > 0 ? covariance / varianceT : 0
        return isSlope ? slope : meanY + slope * (n - 1 - meanT)
    }

    public mutating func reset() {
        position = 0
        filled = 0
    }
}
