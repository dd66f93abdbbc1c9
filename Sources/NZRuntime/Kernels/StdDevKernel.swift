/// Population standard deviation over the last `length` values, times `k` (TA-Lib STDDEV).
/// The window's mean and sum of squared deviations are kept with Welford's updates (adding a
/// value while warming up, then replacing the oldest), which matches TA-Lib 0.8's accurate
/// results where the textbook mean(x²) − mean(x)² loses half the digits on prices like
/// EURUSD's. Each time the window has turned over completely, the two totals are recomputed
/// exactly from the window (two passes), so rounding never accumulates: amortized O(1) per
/// bar. Once the window is full, 1/length is applied as a multiply (no divide on the update
/// path). A negative rounding residue gives 0. Warm-up: length − 1.
public struct StdDevKernel: UnaryKernel {
    public let length: Int
    public let k: Double
    /// Return the variance itself (TA-Lib VAR) instead of k × its square root.
    public let isVariance: Bool
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    @usableFromInline var mean = 0.0
    @usableFromInline var squaredDeviations = 0.0
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
        if filled < length {
            filled += 1
            let delta = x - mean
            mean += delta / Double(filled)
            squaredDeviations += delta * (x - mean)
        } else {
            let old = window[position]
            let previousMean = mean
            mean += (x - old) * inverse
            squaredDeviations += (x - old) * (x - mean + old - previousMean)
        }
        window[position] = x
        position += 1
        if position == length {
            position = 0
            if filled == length { recompute() }
        }
        guard filled == length else { return .nan }
        let variance = squaredDeviations * inverse
        if isVariance { return max(variance, 0) }
        return variance > 0 ? variance.squareRoot() * k : 0
    }

    /// Two-pass mean and squared deviations of the full window.
    @usableFromInline
    mutating func recompute() {
        var total = 0.0
        for value in window { total += value }
        mean = total / Double(length)
        var deviations = 0.0
        for value in window { deviations += (value - mean) * (value - mean) }
        squaredDeviations = deviations
    }

    public mutating func reset() {
        position = 0
        filled = 0
        mean = 0
        squaredDeviations = 0
    }
}
