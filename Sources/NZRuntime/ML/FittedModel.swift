/// What a fitted model's `predict` returns.
public enum ModelTask: Sendable, Hashable {
    /// A real value (linear, ridge, lasso, tree models on real targets).
    case regression
    /// The probability of class 1 (logistic, tree models on 0/1 targets).
    case classification
    /// The index of the nearest cluster (k-means).
    case clustering
}

/// A fitted model, immutable and `Sendable`, which is all an evaluator needs after `fit`:
/// one prediction per bar from one row of features, in the column order of the training matrix.
///
/// Prediction allocates nothing and costs O(features) for linear models, O(trees × depth) for
/// tree ensembles and O(k × features) for k-means. A row shorter than `featureCount` or with an
/// `na` feature gives `na` (`Double.nan`) from every method; extra trailing values are ignored.
public protocol FittedModel: Sendable {
    /// What `predict` returns.
    var task: ModelTask { get }
    /// The number of features a row must have.
    var featureCount: Int { get }
    /// One importance per feature, non-negative and summing to 1 (all 0 when nothing in the
    /// model depends on any feature). Each model documents its definition.
    var importances: [Double] { get }
    /// The regression value, the class-1 probability, or the cluster index (see `task`).
    func predict(_ row: UnsafeBufferPointer<Double>) -> Double
    /// 1 or 0: for a classifier, 1 when the class-1 probability is above 0.5 (ties go to class
    /// 0, as in scikit-learn and LightGBM); for a regressor, 1 when the value is above 0; for
    /// k-means, the cluster index.
    func predictClass(_ row: UnsafeBufferPointer<Double>) -> Double
    /// The index of the nearest centroid for k-means; `na` for every other model.
    func cluster(_ row: UnsafeBufferPointer<Double>) -> Double
}

extension FittedModel {
    public func predictClass(_ row: UnsafeBufferPointer<Double>) -> Double {
        let value = predict(row)
        guard !value.isNaN else { return .nan }
        switch task {
        case .classification: return value > 0.5 ? 1 : 0
        case .regression: return value > 0 ? 1 : 0
        case .clustering: return value
        }
    }

    public func cluster(_ row: UnsafeBufferPointer<Double>) -> Double { .nan }

    /// The importance of feature `index`; `na` when out of range.
    public func importance(_ index: Int) -> Double {
        importances.indices.contains(index) ? importances[index] : .nan
    }

    /// `predict` on an array (no copy is made).
    public func predict(_ row: [Double]) -> Double { row.withUnsafeBufferPointer { predict($0) } }

    /// `predictClass` on an array (no copy is made).
    public func predictClass(_ row: [Double]) -> Double { row.withUnsafeBufferPointer { predictClass($0) } }

    /// `cluster` on an array (no copy is made).
    public func cluster(_ row: [Double]) -> Double { row.withUnsafeBufferPointer { cluster($0) } }
}

/// Importances scaled to sum 1; all zeros stay zeros (and non-finite or negative inputs count as 0).
func normalizedImportances(_ raw: [Double]) -> [Double] {
    let cleaned = raw.map { $0.isFinite && $0 > 0 ? $0 : 0 }
    let total = cleaned.reduce(0, +)
    guard total > 0, total.isFinite else { return [Double](repeating: 0, count: raw.count) }
    return cleaned.map { $0 / total }
}
