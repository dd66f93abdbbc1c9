import Foundation

/// A fitted linear model: ŷ = b + Σ wᵢ xᵢ (linear, ridge, lasso), or the class-1 probability
/// σ(b + Σ wᵢ xᵢ) = 1 / (1 + e^−z) (logistic). Coefficients are in the units of the raw
/// features: the fits centre the data internally but never rescale it.
///
/// Importance of feature i is |wᵢ| × sd(xᵢ) (the population standard deviation of the feature
/// over the training rows), the change in the linear score from a one-standard-deviation move
/// of the feature, normalized so the importances sum to 1.
public struct LinearModel: FittedModel {
    /// How the linear score maps to the prediction.
    public enum Link: Sendable, Hashable {
        /// The score itself (regression).
        case identity
        /// The logistic function of the score (class-1 probability).
        case logistic
    }

    public let coefficients: [Double]
    public let intercept: Double
    public let link: Link
    public let importances: [Double]

    public init(coefficients: [Double], intercept: Double, link: Link, featureDeviations: [Double]) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.link = link
        importances = normalizedImportances(zip(coefficients, featureDeviations).map { abs($0) * $1 })
    }

    public var task: ModelTask { link == .identity ? .regression : .classification }
    public var featureCount: Int { coefficients.count }

    /// The linear score b + Σ wᵢ xᵢ; `na` when a feature is `na` or the row is short.
    public func score(_ row: UnsafeBufferPointer<Double>) -> Double {
        guard row.count >= coefficients.count else { return .nan }
        var z = intercept
        var missing = false
        coefficients.withUnsafeBufferPointer { w in
            for i in 0..<w.count {
                z += w[i] * row[i]
                missing = missing || row[i].isNaN
            }
        }
        return missing ? .nan : z
    }

    public func predict(_ row: UnsafeBufferPointer<Double>) -> Double {
        let z = score(row)
        return link == .identity ? z : logistic(z)
    }
}

/// σ(z) = 1 / (1 + e^−z). For very negative z, e^−z overflows to +∞ and the result is 0, the
/// correct limit; there is no branch on the sign (it would be unpredictable in the boosting loop).
@inline(__always)
func logistic(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

/// Ordinary least squares with an intercept (scikit-learn `LinearRegression`): the data is
/// centred, the minimum-norm solution of min ‖Xc w − yc‖² is found by the SVD
/// (`LAPACKE_dgelsd`), and b = ȳ − x̄ᵀw. Constant and collinear columns are not an error:
/// they get the minimum-norm coefficients (0 for a constant column).
public enum LinearRegression {
    public static func fit(_ x: FeatureMatrix, targets: [Double]) -> Result<LinearModel, MLError> {
        TrainingData.make(x, targets: targets).flatMap(fit)
    }

    static func fit(_ data: TrainingData) -> Result<LinearModel, MLError> {
        let (means, deviations) = data.columnMoments()
        let p = data.columnCount, n = data.rowCount
        let yMean = data.y.reduce(0, +) / Double(n)
        var centered = data.x.values
        for r in 0..<n { for c in 0..<p { centered[r * p + c] -= means[c] } }
        guard let w = LinearAlgebra.leastSquares(centered, rows: n, columns: p, data.y.map { $0 - yMean }) else {
            return .failure(.solverFailed("the least-squares SVD did not converge or overflowed"))
        }
        let intercept = yMean - zip(means, w).reduce(0) { $0 + $1.0 * $1.1 }
        guard intercept.isFinite else { return .failure(.solverFailed("the intercept overflowed")) }
        return .success(LinearModel(coefficients: w, intercept: intercept, link: .identity, featureDeviations: deviations))
    }
}

/// Ridge regression with scikit-learn `Ridge` semantics: minimizes ‖y − Xw − b‖² + α‖w‖²
/// with the intercept not penalized, by centring X and y and solving
/// (XcᵀXc + αI) w = Xcᵀyc with a Cholesky factorization (`LAPACKE_dposv`), the Gram matrix
/// built by `cblas_dsyrk` and the right side by `cblas_dgemv`; b = ȳ − x̄ᵀw. When the
/// factorization fails (α = 0, or α too small for the data's scale, with constant or collinear
/// columns) it falls back to `LinearRegression` (minimum-norm least squares).
public enum RidgeRegression {
    public static func fit(_ x: FeatureMatrix, targets: [Double], alpha: Double) -> Result<LinearModel, MLError> {
        guard alpha >= 0, alpha.isFinite else {
            return .failure(.invalidParameter(name: "alpha", value: alpha, expected: "a finite number ≥ 0"))
        }
        return TrainingData.make(x, targets: targets).flatMap { fit($0, alpha: alpha) }
    }

    static func fit(_ data: TrainingData, alpha: Double) -> Result<LinearModel, MLError> {
        let p = data.columnCount, n = data.rowCount
        let yMean = data.y.reduce(0, +) / Double(n)
        let (means, gram, cross) = data.x.values.withUnsafeBufferPointer { x in
            data.y.withUnsafeBufferPointer { y in
                let means = LinearAlgebra.columnMeans(x, rows: n, columns: p)
                let (gram, cross) = LinearAlgebra.centeredGram(x, rows: n, columns: p, means: means, targets: y, targetMean: yMean)
                return (means, gram, cross)
            }
        }
        let deviations = (0..<p).map { (max(0, gram[$0 * p + $0]) / Double(n)).squareRoot() }
        var system = gram
        for i in 0..<p { system[i * p + i] += alpha }
        guard let w = LinearAlgebra.solvePositiveDefinite(system, cross, n: p) else { return LinearRegression.fit(data) }
        let intercept = yMean - zip(means, w).reduce(0) { $0 + $1.0 * $1.1 }
        guard intercept.isFinite else { return .failure(.solverFailed("the intercept overflowed")) }
        return .success(LinearModel(coefficients: w, intercept: intercept, link: .identity, featureDeviations: deviations))
    }
}
