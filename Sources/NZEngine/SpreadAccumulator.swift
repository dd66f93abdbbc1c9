/// The sum of squared deviations from the mean, Σ (r − mean)², of values that arrive in
/// pieces, in one pass: each piece's own squared deviations are summed around that piece's
/// mean, and the pieces are combined exactly (Chan, Golub and LeVeque, "Updating formulae and a
/// pairwise algorithm for computing sample variances", 1979):
/// M₂ = M₂,a + M₂,b + δ² · nₐ · n_b / (nₐ + n_b), with δ the difference of the two means.
/// No second pass over the returns, and no cancellation of large squares.
struct SpreadAccumulator {
    private(set) var count = 0.0
    private(set) var mean = 0.0
    private(set) var squares = 0.0

    /// Adds one piece (summed in four interleaved lanes, a fixed order).
    @inline(__always)
    mutating func add(_ values: UnsafeBufferPointer<Double>) {
        guard !values.isEmpty else { return }
        var sum = LaneSums()
        sum.add(values) { $0 }
        let pieceMean = sum.total / Double(values.count)
        var deviations = LaneSums()
        deviations.add(values) { ($0 - pieceMean) * ($0 - pieceMean) }
        combine(count: Double(values.count), mean: pieceMean, squares: deviations.total)
    }

    /// Adds `count` zeros (a piece with mean 0 and no spread).
    mutating func addZeros(_ count: Int) {
        combine(count: Double(count), mean: 0, squares: 0)
    }

    private mutating func combine(count other: Double, mean otherMean: Double, squares otherSquares: Double) {
        guard other > 0 else { return }
        let total = count + other
        let delta = otherMean - mean
        squares += otherSquares + delta * delta * (count * other / total)
        mean += delta * (other / total)
        count = total
    }

    /// The sample standard deviation (n − 1); nil below two values.
    var sampleDeviation: Double? {
        count >= 2 ? (squares / (count - 1)).squareRoot() : nil
    }
}
