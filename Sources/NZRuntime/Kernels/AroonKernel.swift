/// Aroon up (over highs) or down (over lows), TA-Lib AROON: over the last length + 1 bars,
/// 100 × (length − bars since the extreme) / length, the most recent extreme winning ties.
/// Warm-up: length.
/// - Complexity: O(length) per bar.
public struct AroonKernel: UnaryKernel {
    public static var stepsInPlace: Bool { true }
    public let length: Int
    public let isUp: Bool
    @usableFromInline var window: RingWindow

    public init(length: Int, isUp: Bool) {
        self.length = max(1, length)
        self.isUp = isUp
        window = RingWindow(capacity: self.length + 1)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        window.push(x)
        guard window.isFull else { return .nan }
        var best = 0.0
        var age = 0
        for back in 0...length {
            let value = window.value(back: back)
            if back == 0 || (isUp ? value > best : value < best) {
                best = value
                age = back
            }
        }
        return (100.0 / Double(length)) * Double(length - age)
    }

    public mutating func reset() { window.reset() }
}
