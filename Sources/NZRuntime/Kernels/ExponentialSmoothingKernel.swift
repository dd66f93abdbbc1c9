/// `ewm(x, alpha, initial)`: exponential smoothing that starts from `initial` before the first
/// bar: v = v + alpha × (x − v) on every bar where x is a number; an `na` x keeps v. Never
/// `na` (unless `initial` is). This is the recursion of NeoZork's WAVE lines (ecore, wave and
/// fastline all start at 0 on bar 0, whose input is `na`). Warm-up: 0.
public struct ExponentialSmoothingKernel: UnaryKernel {
    public let alpha: Double
    public let initial: Double
    @usableFromInline var value: Double

    public init(alpha: Double, initial: Double) {
        self.alpha = alpha
        self.initial = initial
        value = initial
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        if !x.isNaN { value = value + alpha * (x - value) }
        return value
    }

    public mutating func reset() { value = initial }
}
