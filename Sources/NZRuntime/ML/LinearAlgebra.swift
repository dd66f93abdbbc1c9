import COpenBLAS
import Foundation

/// The few dense linear-algebra steps the linear models need, on OpenBLAS and LAPACKE.
/// Matrices are row-major `[Double]`; every function checks its result for non-finite values
/// and reports failure as nil rather than trapping. (`lapack_int` is a C macro that Swift does
/// not import: LAPACKE's integers are `Int32` here.)
///
/// OpenBLAS runs on one thread (`BLASThreads`).
enum LinearAlgebra {
    /// Set once, before the first BLAS call.
    static var isConfigured: Bool { BLASThreads.isConfigured }

    /// Elements per block when centring the data for a Gram matrix: a block of 2¹⁹ doubles
    /// (4 MiB) stays in the last-level cache between the copy and `dsyrk`, and is large enough
    /// that OpenBLAS's threads are worth waking for it.
    static let blockElements = 1 << 19

    /// Column means of a row-major `rows × columns` matrix (`dgemv` with a vector of 1/rows).
    static func columnMeans(_ x: UnsafeBufferPointer<Double>, rows: Int, columns: Int) -> [Double] {
        _ = isConfigured
        var means = [Double](repeating: 0, count: columns)
        guard rows > 0, let base = x.baseAddress else { return means }
        let weights = [Double](repeating: 1 / Double(rows), count: rows)
        means.withUnsafeMutableBufferPointer { out in
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), 1, base, Int32(columns),
                        weights, 1, 0, out.baseAddress, 1)
        }
        return means
    }

    /// The Gram matrix of the centred data, (X − 1μᵀ)ᵀ(X − 1μᵀ) (full `columns × columns`), and
    /// (X − 1μᵀ)ᵀ(y − ȳ), computed block by block: each block of rows is centred into a scratch
    /// buffer and added with `dsyrk` and `dgemv`, so the data is centred exactly (no
    /// cancellation from subtracting nμμᵀ) without a full centred copy.
    static func centeredGram(_ x: UnsafeBufferPointer<Double>, rows: Int, columns: Int, means: [Double],
                             targets y: UnsafeBufferPointer<Double>, targetMean: Double) -> (gram: [Double], cross: [Double]) {
        _ = isConfigured
        let p = columns
        var gram = [Double](repeating: 0, count: p * p)
        var cross = [Double](repeating: 0, count: p)
        let blockRows = max(1, blockElements / max(1, p))
        var block = [Double](repeating: 0, count: min(rows, blockRows) * p)
        var blockTargets = [Double](repeating: 0, count: min(rows, blockRows))
        var start = 0
        while start < rows {
            let count = min(blockRows, rows - start)
            block.withUnsafeMutableBufferPointer { b in
                means.withUnsafeBufferPointer { m in
                    guard let target = b.baseAddress, let source = x.baseAddress, let mean = m.baseAddress else { return }
                    for r in 0..<count {
                        let from = source + (start + r) * p, to = target + r * p
                        for c in 0..<p { to[c] = from[c] - mean[c] }
                    }
                }
            }
            for r in 0..<count { blockTargets[r] = y[start + r] - targetMean }
            gram.withUnsafeMutableBufferPointer { g in
                cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(p), Int32(count), 1, block, Int32(p),
                            1, g.baseAddress, Int32(p))
            }
            cross.withUnsafeMutableBufferPointer { out in
                cblas_dgemv(CblasRowMajor, CblasTrans, Int32(count), Int32(p), 1, block, Int32(p), blockTargets, 1,
                            1, out.baseAddress, 1)
            }
            start += count
        }
        for i in 0..<p { for j in 0..<i { gram[i * p + j] = gram[j * p + i] } }
        return (gram, cross)
    }

    /// The solution of A w = b for a symmetric positive definite `n × n` A (Cholesky,
    /// `LAPACKE_dposv`); nil when A is not positive definite or the result is not finite.
    static func solvePositiveDefinite(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
        _ = isConfigured
        guard n > 0, a.count == n * n, b.count == n, a.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else { return nil }
        var factor = a
        var solution = b
        let info = factor.withUnsafeMutableBufferPointer { f in
            solution.withUnsafeMutableBufferPointer { s in
                LAPACKE_dposv(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), 1, f.baseAddress, Int32(n),
                              s.baseAddress, 1)
            }
        }
        guard info == 0, solution.allSatisfy(\.isFinite) else { return nil }
        return solution
    }

    /// The minimum-norm least-squares solution of A w ≈ b for a row-major `rows × columns` A,
    /// by the SVD (`LAPACKE_dgelsd`): singular values below `rows·ε` times the largest count as
    /// zero (NumPy's `lstsq` default), so constant and collinear columns get the minimum-norm
    /// coefficients instead of a failure. Nil when the SVD does not converge or the result is
    /// not finite.
    static func leastSquares(_ a: [Double], rows: Int, columns: Int, _ b: [Double]) -> [Double]? {
        _ = isConfigured
        guard rows > 0, columns > 0, a.count == rows * columns, b.count == rows,
              a.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else { return nil }
        var matrix = a
        var rhs = b + [Double](repeating: 0, count: max(0, columns - rows))
        var singular = [Double](repeating: 0, count: min(rows, columns))
        var rank: Int32 = 0
        let rcond = Double(max(rows, columns)) * Double.ulpOfOne
        let info = matrix.withUnsafeMutableBufferPointer { m in
            rhs.withUnsafeMutableBufferPointer { r in
                singular.withUnsafeMutableBufferPointer { s in
                    LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), 1, m.baseAddress, Int32(columns),
                                   r.baseAddress, 1, s.baseAddress, rcond, &rank)
                }
            }
        }
        let solution = Array(rhs.prefix(columns))
        guard info == 0, solution.allSatisfy(\.isFinite) else { return nil }
        return solution
    }
}
