import COpenBLAS

/// Lasso with scikit-learn `Lasso` semantics: minimizes
/// (1/(2n))‖y − Xw − b‖² + α‖w‖₁ (intercept not penalized) by cyclic coordinate descent on the
/// centred data, b = ȳ − x̄ᵀw.
///
/// Each sweep updates wⱼ ← S(xⱼᵀr + ‖xⱼ‖²wⱼ, nα) / ‖xⱼ‖² in column order (S the soft threshold,
/// r the residual kept up to date). It stops when a sweep moves no coefficient by more than
/// 10⁻¹³ of the largest coefficient and the duality gap is below 10⁻¹⁴‖yc‖² (far tighter than
/// scikit-learn's default `tol`), or after `maximumSweeps` sweeps, returning the last iterate.
/// A constant column keeps coefficient 0.
public enum LassoRegression {
    /// Sweeps allowed before the last iterate is returned as it is.
    public static let maximumSweeps = 100_000

    public static func fit(_ x: FeatureMatrix, targets: [Double], alpha: Double) -> Result<LinearModel, MLError> {
        guard alpha >= 0, alpha.isFinite else {
            return .failure(.invalidParameter(name: "alpha", value: alpha, expected: "a finite number ≥ 0"))
        }
        return TrainingData.make(x, targets: targets).flatMap { fit($0, alpha: alpha) }
    }

    static func fit(_ data: TrainingData, alpha: Double) -> Result<LinearModel, MLError> {
        _ = LinearAlgebra.isConfigured
        let (means, deviations) = data.columnMoments()
        let p = data.columnCount, n = data.rowCount
        let yMean = data.y.reduce(0, +) / Double(n)
        // Column-major centred copy: column j at columns[j*n ..< (j+1)*n].
        var columns = [Double](repeating: 0, count: n * p)
        for r in 0..<n { for c in 0..<p { columns[c * n + r] = data.x.values[r * p + c] - means[c] } }
        let yc = data.y.map { $0 - yMean }
        var w = [Double](repeating: 0, count: p)
        let threshold = Double(n) * alpha
        let yNorm = yc.reduce(0) { $0 + $1 * $1 }
        let norms = (0..<p).map { j in
            (0..<n).reduce(0.0) { $0 + columns[j * n + $1] * columns[j * n + $1] }
        }
        guard norms.allSatisfy(\.isFinite), yNorm.isFinite else { return .failure(.solverFailed("the data overflowed")) }
        var residual = yc
        columns.withUnsafeBufferPointer { cols in
            residual.withUnsafeMutableBufferPointer { r in
                guard let base = cols.baseAddress, let rBase = r.baseAddress else { return }
                for _ in 0..<maximumSweeps {
                    var largestStep = 0.0, largestCoefficient = 0.0
                    for j in 0..<p where norms[j] > 0 {
                        let column = base + j * n
                        let old = w[j]
                        let rho = cblas_ddot(Int32(n), column, 1, rBase, 1) + norms[j] * old
                        let new = softThreshold(rho, threshold) / norms[j]
                        if new != old {
                            cblas_daxpy(Int32(n), old - new, column, 1, rBase, 1)
                            w[j] = new
                        }
                        largestStep = max(largestStep, abs(new - old))
                        largestCoefficient = max(largestCoefficient, abs(new))
                    }
                    if largestStep <= 1e-13 * largestCoefficient,
                       dualityGap(base, rBase, yc, w, n: n, threshold: threshold) <= 1e-14 * yNorm { break }
                }
            }
        }
        let intercept = yMean - zip(means, w).reduce(0) { $0 + $1.0 * $1.1 }
        guard intercept.isFinite, w.allSatisfy(\.isFinite) else { return .failure(.solverFailed("coordinate descent overflowed")) }
        return .success(LinearModel(coefficients: w, intercept: intercept, link: .identity, featureDeviations: deviations))
    }

    @inline(__always)
    static func softThreshold(_ value: Double, _ threshold: Double) -> Double {
        value > threshold ? value - threshold : (value < -threshold ? value + threshold : 0)
    }

    /// The duality gap of the problem scaled by n (½‖r‖² + nα‖w‖₁ against the dual point
    /// r·min(1, nα/‖Xᵀr‖∞)), as scikit-learn computes it.
    static func dualityGap(_ columns: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ y: [Double],
                           _ w: [Double], n: Int, threshold: Double) -> Double {
        let p = w.count
        var dualNorm = 0.0
        for j in 0..<p { dualNorm = max(dualNorm, abs(cblas_ddot(Int32(n), columns + j * n, 1, r, 1))) }
        let residualNorm = cblas_ddot(Int32(n), r, 1, r, 1)
        let scale = dualNorm > threshold ? threshold / dualNorm : 1
        let residualDotY = y.withUnsafeBufferPointer { cblas_ddot(Int32(n), r, 1, $0.baseAddress, 1) }
        let l1 = w.reduce(0) { $0 + abs($1) }
        return 0.5 * residualNorm * (1 + scale * scale) + threshold * l1 - scale * residualDotY
    }
}
