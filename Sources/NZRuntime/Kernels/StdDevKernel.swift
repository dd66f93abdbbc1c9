/// Population standard deviation times `k` (TA-Lib STDDEV over VAR). Running totals of x and
/// x² are updated in TA-Lib's order; variance = mean(x²) − mean(x)²; the result is 0 when
/// the variance is below TA-Lib's zero tolerance. Warm-up: length − 1.
public struct StdDevKernel: UnaryKernel {
    public let length: Int
    public let k: Double
    @usableFromInline var window: [Double]
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    @usableFromInline var total = 0.0
    @usableFromInline var totalSquares = 0.0

    public init(length: Int, k: Double) {
        self.length = max(1, length)
        self.k = k
        self.window = [Double](repeating: 0, count: self.length)
    }

    @inlinable
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        total += x
        totalSquares += x * x
        window[position] = x
        position += 1
        if position == length { position = 0 }
        if filled < length - 1 {
            filled += 1
            return .nan
        }
        let n = Double(length)
        let mean = total / n
        let meanOfSquares = totalSquares / n
        let leaving = window[position]
        total -= leaving
        totalSquares -= leaving * leaving
        let variance = meanOfSquares - mean * mean
        return TALibTolerance.isZeroOrNegative(variance) ? 0 : variance.squareRoot() * k
    }

    public mutating func reset() {
        position = 0
        filled = 0
        total = 0
        totalSquares = 0
    }
}
