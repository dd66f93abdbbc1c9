/// A dense, row-major matrix of features: `rowCount` rows (one per bar or sample) of
/// `columnCount` features, element (r, c) at `values[r * columnCount + c]`. This is what every
/// model fits on; a row for prediction is a plain buffer of `columnCount` doubles in the same
/// column order.
public struct FeatureMatrix: Sendable, Equatable {
    public let rowCount: Int
    public let columnCount: Int
    /// The elements, row after row.
    public let values: [Double]

    /// A matrix over `values` (row-major); nil when the count is not `rowCount × columnCount`
    /// or a dimension is negative.
    public init?(rowCount: Int, columnCount: Int, values: [Double]) {
        guard rowCount >= 0, columnCount >= 0, rowCount.multipliedReportingOverflow(by: columnCount) == (values.count, false)
        else { return nil }
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    /// A matrix from its rows; nil when the rows differ in length. No rows make a 0 × 0 matrix.
    public init?(rows: [[Double]]) {
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }) else { return nil }
        self.init(rowCount: rows.count, columnCount: width, values: rows.flatMap { $0 })
    }

    /// A matrix from its columns (feature series, as an evaluator holds them); nil when the
    /// columns differ in length.
    public init?(columns: [[Double]]) {
        let height = columns.first?.count ?? 0
        guard columns.allSatisfy({ $0.count == height }) else { return nil }
        var values = [Double](repeating: 0, count: height * columns.count)
        for (c, column) in columns.enumerated() {
            for r in 0..<height { values[r * columns.count + c] = column[r] }
        }
        self.init(rowCount: height, columnCount: columns.count, values: values)
    }

    /// Element (row, column). - Precondition: both in range.
    @inlinable
    public subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }

    /// The row at `index`, as a slice of `values`. - Precondition: `index` in range.
    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columnCount)..<((index + 1) * columnCount)]
    }

    /// Whether row `index` has only finite values.
    func isComplete(row index: Int) -> Bool {
        let start = index * columnCount
        for c in 0..<columnCount where !values[start + c].isFinite { return false }
        return true
    }
}

/// The rows a fit uses: the matrix without the rows that have a non-finite (`na` or infinite)
/// feature or target, and their targets. Made once per fit by `make`, which also does the
/// checks every model shares (shape, at least one feature, at least one row).
struct TrainingData {
    let x: FeatureMatrix
    let y: [Double]

    var rowCount: Int { x.rowCount }
    var columnCount: Int { x.columnCount }

    /// Validated, complete rows of `x` and `targets` (`targets` nil for k-means: features only).
    static func make(_ x: FeatureMatrix, targets: [Double]?) -> Result<TrainingData, MLError> {
        guard x.columnCount > 0 else { return .failure(.noFeatures) }
        if let targets, targets.count != x.rowCount {
            return .failure(.shapeMismatch(rows: x.rowCount, targets: targets.count))
        }
        if x.rowCount > 0, allFinite(x.values), allFinite(targets ?? []) {
            return .success(TrainingData(x: x, y: targets ?? []))
        }
        var keep: [Int] = []
        var skipped = false
        for r in 0..<x.rowCount {
            if x.isComplete(row: r), targets.map({ $0[r].isFinite }) ?? true {
                if skipped { keep.append(r) }
            } else if !skipped {
                skipped = true
                keep = Array(0..<r)
            }
        }
        let y = targets ?? []
        guard skipped else {
            return x.rowCount == 0 ? .failure(.noUsableRows) : .success(TrainingData(x: x, y: y))
        }
        guard !keep.isEmpty else { return .failure(.noUsableRows) }
        var values: [Double] = []
        values.reserveCapacity(keep.count * x.columnCount)
        for r in keep { values.append(contentsOf: x.row(r)) }
        guard let kept = FeatureMatrix(rowCount: keep.count, columnCount: x.columnCount, values: values) else {
            return .failure(.noUsableRows)
        }
        return .success(TrainingData(x: kept, y: targets == nil ? [] : keep.map { y[$0] }))
    }

    /// Whether every target is 0 or 1.
    var hasBinaryTargets: Bool { y.allSatisfy { $0 == 0 || $0 == 1 } }

    /// Each column's mean and population standard deviation (two passes, for accuracy).
    func columnMoments() -> (means: [Double], deviations: [Double]) {
        let p = columnCount, n = rowCount
        var means = [Double](repeating: 0, count: p)
        x.values.withUnsafeBufferPointer { v in
            for r in 0..<n { for c in 0..<p { means[c] += v[r * p + c] } }
        }
        for c in 0..<p { means[c] /= Double(n) }
        var squares = [Double](repeating: 0, count: p)
        x.values.withUnsafeBufferPointer { v in
            for r in 0..<n {
                for c in 0..<p {
                    let d = v[r * p + c] - means[c]
                    squares[c] += d * d
                }
            }
        }
        return (means, squares.map { ($0 / Double(n)).squareRoot() })
    }
}

/// Whether every value is finite: one vectorized pass (x·0 is 0 for finite x and NaN otherwise).
func allFinite(_ values: [Double]) -> Bool {
    values.withUnsafeBufferPointer { v in
        guard let base = v.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var accumulator = SIMD8<Double>(repeating: 0)
        let whole = v.count / 8 * 8
        var i = 0
        while i < whole {
            accumulator += raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self) * 0
            i += 8
        }
        var rest = 0.0
        while i < v.count { rest += v[i] * 0; i += 1 }
        return accumulator.sum() == 0 && rest == 0
    }
}
