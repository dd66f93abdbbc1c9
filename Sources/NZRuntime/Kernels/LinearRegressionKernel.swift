/// Least-squares line over the last `length` values (TA-Lib LINEARREG and LINEARREG_SLOPE),
/// with time t = 0 for the oldest bar of the window: the result is the line's value at the
/// newest bar or its slope per bar. Computed on deviations from the window's means (two
/// passes), which keeps the slope's digits on prices like EURUSD's. Warm-up: length − 1.
/// - Complexity: O(length) per bar.
public struct LinearRegressionKernel: UnaryKernel {
    public let isSlope: Bool
    @usableFromInline var window: RingWindow

    public init(length: Int, isSlope: Bool) {
        self.isSlope = isSlope
        window = RingWindow(capacity: length)
    }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window.push(x)
        guard window.isFull else { return .nan }
        let length = window.capacity
        let n = Double(length)
        let meanT = (n - 1) / 2
        let meanY = window.total / n
        var covariance = 0.0
        var varianceT = 0.0
        for t in 0..<length {
            let dt = Double(t) - meanT
            covariance += dt * (window.value(fromOldest: t) - meanY)
            varianceT += dt * dt
        }
        let slope = varianceT > 0 ? covariance / varianceT : 0
        return isSlope ? slope : meanY + slope * (n - 1 - meanT)
    }

    public mutating func reset() { window.reset() }
}
