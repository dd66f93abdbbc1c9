/// Aroon up (over highs) or down (over lows), TA-Lib AROON: over the last length + 1 bars,
/// 100 × (length − bars since the extreme) / length, the most recent extreme winning ties.
/// Built on `ExtremumKernel` (which tracks the extreme's bar and rescans only when it leaves
/// the window). Warm-up: length.
public struct AroonKernel: UnaryKernel {
    public let length: Int
    public let isUp: Bool
    @usableFromInline var extremum: ExtremumKernel
    @usableFromInline let scale: Double

    public init(length: Int, isUp: Bool) {
        self.length = max(1, length)
        self.isUp = isUp
        extremum = ExtremumKernel(length: self.length + 1, isMaximum: isUp)
        scale = 100.0 / Double(self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !extremum.step(x).isNaN else { return .nan }
        let age = extremum.pushed - extremum.extremeBar
        return scale * Double(length - age)
    }

    public mutating func reset() { extremum.reset() }
}
