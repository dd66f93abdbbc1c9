/// Population standard deviation over the last `length` values, times `k` (TA-Lib STDDEV), or
/// the variance itself (TA-Lib VAR). Like TA-Lib 0.8 it keeps the sums of the deviations from
/// a shift near the window, s1 = Σ(x − shift) and s2 = Σ(x − shift)², each moved by one
/// addition per bar, so variance = s2/n − (s1/n)² never subtracts two price-sized squares.
/// The shift is moved to the window's mean, and both sums recomputed exactly, every 32 windows
/// and whenever the variance has shrunk below 1e-6 of s2/n (the subtraction would lose digits).
/// A negative rounding residue gives 0. Warm-up: length − 1.
public struct StdDevKernel: UnaryKernel {
    public let length: Int
    public let k: Double
    /// Return the variance itself (TA-Lib VAR) instead of k × its square root.
    public let isVariance: Bool
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    @usableFromInline var shift = 0.0
    @usableFromInline var sum = 0.0
    @usableFromInline var squares = 0.0
    @usableFromInline var barsUntilRebuild = 0
    @usableFromInline let inverse: Double

    public init(length: Int, k: Double, isVariance: Bool = false) {
        self.length = max(1, length)
        self.k = k
        self.isVariance = isVariance
        self.window = KernelStorage(repeating: 0, count: self.length)
        inverse = 1 / Double(self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        if filled == 0 { shift = x }
        let leaving = window[position]
        window[position] = x
        position = position &+ 1 == length ? 0 : position &+ 1
        let d = x - shift
        if filled < length {
            filled &+= 1
            sum += d
            squares += d * d
            guard filled == length else { return .nan }
            barsUntilRebuild = 32 &* length
        } else {
            let e = leaving - shift
            sum += d - e
            squares += d * d - e * e
        }
        var meanDeviation = sum * inverse
        var variance = squares * inverse - meanDeviation * meanDeviation
        barsUntilRebuild &-= 1
        if barsUntilRebuild <= 0 || variance < 0.000001 * (squares * inverse) {
            rebuild()
            meanDeviation = sum * inverse
            variance = squares * inverse - meanDeviation * meanDeviation
        }
        if isVariance { return max(variance, 0) }
        return variance > 0 ? variance.squareRoot() * k : 0
    }

    /// Moves the shift to the window's mean and recomputes both sums from the window.
    @usableFromInline
    mutating func rebuild() {
        barsUntilRebuild = 32 &* length
        var total = 0.0
        for value in window { total += value }
        shift = total * inverse
        var first = 0.0, second = 0.0
        for value in window {
            let d = value - shift
            first += d
            second += d * d
        }
        sum = first
        squares = second
    }

    public mutating func reset() {
        position = 0
        filled = 0
        sum = 0
        squares = 0
    }
}
