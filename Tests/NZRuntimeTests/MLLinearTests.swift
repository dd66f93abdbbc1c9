import Foundation
import NZRuntime
import Testing

/// Linear, ridge, lasso and logistic regression on cases solved by hand.
@Suite struct MLLinearTests {
    /// x = 1, 2, 3; y = 2, 4, 7: x̄ = 2, ȳ = 13/3, Sxx = 2, Sxy = 5.
    let x = FeatureMatrix(rows: [[1], [2], [3]])!
    let y: [Double] = [2, 4, 7]

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    @Test func ordinaryLeastSquaresOnThreePoints() throws {
        let model = try LinearRegression.fit(x, targets: y).get()
        #expect(close(model.coefficients[0], 2.5))
        #expect(close(model.intercept, -2.0 / 3))
        #expect(close(model.predict([4]), 2.5 * 4 - 2.0 / 3))
        #expect(model.task == .regression)
        #expect(model.importances == [1])
    }

    @Test func ridgeShrinksTheSlopeButNotTheIntercept() throws {
        // w = Sxy / (Sxx + α) = 5/3; b = ȳ − x̄w = 1.
        let model = try RidgeRegression.fit(x, targets: y, alpha: 1).get()
        #expect(close(model.coefficients[0], 5.0 / 3))
        #expect(close(model.intercept, 1))
    }

    @Test func lassoSoftThresholdsTheSlope() throws {
        // w = S(Sxy, nα) / Sxx = (5 − 1.5) / 2 with n = 3, α = 0.5; α ≥ 5/3 gives w = 0.
        let model = try LassoRegression.fit(x, targets: y, alpha: 0.5).get()
        #expect(close(model.coefficients[0], 1.75))
        #expect(close(model.intercept, 13.0 / 3 - 3.5))
        let empty = try LassoRegression.fit(x, targets: y, alpha: 2).get()
        #expect(empty.coefficients[0] == 0)
        #expect(close(empty.intercept, 13.0 / 3))
        #expect(empty.importances == [0])
    }

    @Test func separableLogisticStaysFiniteUnderThePenalty() throws {
        // x = −1, 1; y = 0, 1; C = 1. By symmetry b = 0, and the optimum solves w = 2(1 − σ(w)).
        let model = try LogisticRegression.fit(FeatureMatrix(rows: [[-1], [1]])!, targets: [0, 1], c: 1).get()
        var low = 0.0, high = 2.0
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid < 2 * (1 - 1 / (1 + exp(-mid))) { low = mid } else { high = mid }
        }
        #expect(close(model.coefficients[0], low, 1e-10))
        #expect(abs(model.intercept) < 1e-12)
        #expect(model.task == .classification)
        #expect(close(model.predict([1]), 1 / (1 + exp(-low)), 1e-10))
        #expect(model.predictClass([1]) == 1)
        #expect(model.predictClass([-1]) == 0)
    }

    @Test func constantAndDuplicatedColumnsDoNotBreakLeastSquares() throws {
        // Column 1 is constant, column 2 duplicates column 0: the minimum-norm solution splits
        // the slope between the twins and gives the constant column nothing.
        let rows = (0..<10).map { i -> [Double] in [Double(i), 7, Double(i)] }
        let targets = (0..<10).map { 3 * Double($0) + 1 }
        let matrix = FeatureMatrix(rows: rows)!
        let ols = try LinearRegression.fit(matrix, targets: targets).get()
        #expect(close(ols.coefficients[0], 1.5, 1e-9))
        #expect(abs(ols.coefficients[1]) < 1e-9)
        #expect(close(ols.coefficients[2], 1.5, 1e-9))
        #expect(close(ols.predict([20, 7, 20]), 61, 1e-9))
        // α = 0 makes the ridge system singular: it falls back to least squares.
        let ridge = try RidgeRegression.fit(matrix, targets: targets, alpha: 0).get()
        #expect(close(ridge.predict([20, 7, 20]), 61, 1e-9))
        let lasso = try LassoRegression.fit(matrix, targets: targets, alpha: 0.01).get()
        #expect(lasso.coefficients[1] == 0)
        let logistic = try LogisticRegression.fit(matrix, targets: targets.map { $0 > 12 ? 1 : 0 }, c: 1).get()
        #expect(logistic.coefficients.allSatisfy { $0.isFinite })
    }

    @Test func importanceIsCoefficientTimesStandardDeviation() throws {
        // y = 2·a + 1·b exactly; sd(a) = sd(b) · 3, so |w|·sd is 6:1.
        let rows = (0..<12).map { i -> [Double] in [Double(i % 4) * 3, Double(i % 3)] }
        let matrix = FeatureMatrix(rows: rows)!
        let model = try LinearRegression.fit(matrix, targets: rows.map { 2 * $0[0] + $0[1] }).get()
        let sdA = 3 * (1.25).squareRoot(), sdB = (2.0 / 3).squareRoot()
        let expected = [2 * sdA / (2 * sdA + sdB), sdB / (2 * sdA + sdB)]
        #expect(close(model.importance(0), expected[0], 1e-9))
        #expect(close(model.importance(1), expected[1], 1e-9))
        #expect(model.importance(2).isNaN)
    }
}
