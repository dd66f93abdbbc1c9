import COpenBLAS
import Foundation

/// L2-regularized logistic regression with scikit-learn `LogisticRegression` semantics
/// (`penalty="l2"`, intercept fitted and not penalized): minimizes
/// C·Σᵢ log(1 + e^zᵢ) − yᵢzᵢ + ½‖w‖², zᵢ = xᵢᵀw + b, over targets 0/1.
///
/// Solved by Newton's method on (w, b): the Hessian C·Aᵀdiag(pᵢ(1 − pᵢ))A + diag(1, …, 1, 0)
/// (A = [X 1]) is built with `cblas_dsyrk` and factorized by Cholesky (`LAPACKE_dposv`; if that
/// fails, a small ridge is added, then a gradient step is taken), with a backtracking (Armijo)
/// line search. It stops when a full Newton step moves no parameter by more than
/// 10⁻¹² (1 + max |θ|), when the objective can no longer decrease, or after
/// `maximumIterations`. Perfectly separable data still has a finite optimum (the penalty).
public enum LogisticRegression {
    public static let maximumIterations = 200

    public static func fit(_ x: FeatureMatrix, targets: [Double], c: Double) -> Result<LinearModel, MLError> {
        guard c > 0, c.isFinite else {
            return .failure(.invalidParameter(name: "c", value: c, expected: "a finite number > 0"))
        }
        return TrainingData.make(x, targets: targets).flatMap { fit($0, c: c) }
    }

    static func fit(_ data: TrainingData, c: Double) -> Result<LinearModel, MLError> {
        _ = LinearAlgebra.isConfigured
        guard data.hasBinaryTargets else { return .failure(.nonBinaryTargets) }
        let positives = data.y.reduce(0, +)
        guard positives > 0, positives < Double(data.rowCount) else { return .failure(.singleClass) }
        let n = data.rowCount, p = data.columnCount, q = p + 1
        var design = [Double](repeating: 1, count: n * q)
        for r in 0..<n { for j in 0..<p { design[r * q + j] = data.x.values[r * p + j] } }
        var problem = LogisticProblem(design: design, targets: data.y, rows: n, parameters: q, c: c)
        var theta = [Double](repeating: 0, count: q)
        theta[p] = log(positives / (Double(n) - positives))
        var value = problem.objective(theta)
        guard value.isFinite else { return .failure(.solverFailed("the logistic loss overflowed")) }
        for _ in 0..<maximumIterations {
            let (gradient, hessian) = problem.derivatives(theta)
            guard gradient.allSatisfy(\.isFinite), hessian.allSatisfy(\.isFinite) else { break }
            let direction = newtonDirection(hessian, gradient, n: q)
            let slope = zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
            guard slope < 0 else { break }
            var step = 1.0
            var accepted = false
            var candidate = theta
            for _ in 0..<60 {
                for i in 0..<q { candidate[i] = theta[i] + step * direction[i] }
                let candidateValue = problem.objective(candidate)
                if candidateValue.isFinite, candidateValue <= value + 1e-4 * step * slope {
                    accepted = true
                    value = candidateValue
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }
            let largest = theta.reduce(0) { max($0, abs($1)) }
            let moved = zip(theta, candidate).reduce(0) { max($0, abs($1.0 - $1.1)) }
            theta = candidate
            if step == 1, moved <= 1e-12 * (1 + largest) { break }
        }
        guard theta.allSatisfy(\.isFinite) else { return .failure(.solverFailed("Newton's method diverged")) }
        let deviations = data.columnMoments().deviations
        return .success(LinearModel(coefficients: Array(theta.prefix(p)), intercept: theta[p], link: .logistic,
                                    featureDeviations: deviations))
    }

    /// −H⁻¹g by Cholesky; a small ridge if H is numerically singular; −g as a last resort.
    static func newtonDirection(_ hessian: [Double], _ gradient: [Double], n: Int) -> [Double] {
        let negative = gradient.map { -$0 }
        if let d = LinearAlgebra.solvePositiveDefinite(hessian, negative, n: n) { return d }
        let trace = (0..<n).reduce(0.0) { $0 + hessian[$1 * n + $1] }
        var damped = hessian
        for i in 0..<n { damped[i * n + i] += 1e-10 * max(trace / Double(n), 1) }
        return LinearAlgebra.solvePositiveDefinite(damped, negative, n: n) ?? negative
    }
}

/// The logistic objective over a design matrix [X 1] (row-major, `parameters` columns).
struct LogisticProblem {
    let design: [Double]
    let targets: [Double]
    let rows: Int
    let parameters: Int
    let c: Double
    var scores: [Double]
    var scaled: [Double]

    init(design: [Double], targets: [Double], rows: Int, parameters: Int, c: Double) {
        self.design = design
        self.targets = targets
        self.rows = rows
        self.parameters = parameters
        self.c = c
        scores = [Double](repeating: 0, count: rows)
        scaled = [Double](repeating: 0, count: design.count)
    }

    /// z = Aθ into `scores`.
    mutating func computeScores(_ theta: [Double]) {
        let (n, q) = (rows, parameters)
        scores.withUnsafeMutableBufferPointer { z in
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(q), 1, design, Int32(q), theta, 1, 0, z.baseAddress, 1)
        }
    }

    /// C·Σ softplus(zᵢ) − yᵢzᵢ + ½‖w‖² (the intercept, the last parameter, is not penalized).
    mutating func objective(_ theta: [Double]) -> Double {
        computeScores(theta)
        var loss = 0.0
        for i in 0..<rows {
            let z = scores[i]
            loss += max(z, 0) + log1p(exp(-abs(z))) - targets[i] * z
        }
        var penalty = 0.0
        for j in 0..<(parameters - 1) { penalty += theta[j] * theta[j] }
        return c * loss + 0.5 * penalty
    }

    /// The gradient and the full Hessian at θ.
    mutating func derivatives(_ theta: [Double]) -> (gradient: [Double], hessian: [Double]) {
        computeScores(theta)
        let (n, q) = (rows, parameters)
        var residual = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let probability = logistic(scores[i])
            residual[i] = probability - targets[i]
            let weight = (c * probability * (1 - probability)).squareRoot()
            for j in 0..<q { scaled[i * q + j] = design[i * q + j] * weight }
        }
        var gradient = [Double](repeating: 0, count: q)
        gradient.withUnsafeMutableBufferPointer { g in
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(q), c, design, Int32(q), residual, 1, 0, g.baseAddress, 1)
        }
        var hessian = [Double](repeating: 0, count: q * q)
        hessian.withUnsafeMutableBufferPointer { h in
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(q), Int32(n), 1, scaled, Int32(q), 0, h.baseAddress, Int32(q))
        }
        for i in 0..<q { for j in 0..<i { hessian[i * q + j] = hessian[j * q + i] } }
        for j in 0..<(q - 1) {
            gradient[j] += theta[j]
            hessian[j * q + j] += 1
        }
        return (gradient, hessian)
    }
}
