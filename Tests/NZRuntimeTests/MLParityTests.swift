import Foundation
import NZCLIKit
import NZRuntime
import Testing

/// The ML runtime against scikit-learn 1.9 and LightGBM 4.7 on features of real data
/// (`data/BTCUSDT_1d.csv`), with references from `scripts/make_ml_refs.py`
/// (`Tests/Fixtures/ml/`): the same `nzs eval` command builds the feature matrix on both sides,
/// the label is the 5-bar forward return (regression) or its sign (classification), and the
/// split is chronological. Linear models match coefficient by coefficient (≤ 1e-6 relative);
/// the forest and the boosted trees match out-of-sample accuracy within 2 points; k-means
/// matches inertia within 1%.
@Suite struct MLParityTests {
    struct Dataset {
        var train: FeatureMatrix
        var trainReturns: [Double]
        var test: FeatureMatrix
        var testReturns: [Double]
    }

    static let horizon = 5

    /// The feature matrix from `nzs eval` (first column `close`, then `features.txt`), split at `splitBar`.
    static func dataset(splitBar: Int) throws -> Dataset {
        let expressions = try String(contentsOfFile: Fixtures.path("Tests/Fixtures/ml/features.txt"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var arguments = ["eval", "--data", "data/BTCUSDT_1d.csv", "--expr", "close"]
        for expression in expressions { arguments += ["--expr", expression] }
        let result = NZSEntryPoint.run(arguments, workingDirectory: Fixtures.root.path)
        try #require(result.status == 0, "\(result.error)")
        let table = Fixtures.csv(text: result.out)
        try #require(table.header == ["time", "close"] + expressions)
        let values = table.rows.map { $0.dropFirst().map { Double($0) ?? .nan } }
        let close = values.map { $0[0] }
        let forward = close.indices.map { t in t + horizon < close.count ? close[t + horizon] / close[t] - 1 : .nan }
        let rows = values.map { Array($0.dropFirst()) }
        let train = try #require(FeatureMatrix(rows: Array(rows[..<splitBar])))
        let test = try #require(FeatureMatrix(rows: Array(rows[splitBar...])))
        return Dataset(train: train, trainReturns: Array(forward[..<splitBar]), test: test, testReturns: Array(forward[splitBar...]))
    }

    static func reference(_ file: String) throws -> [[String: String]] {
        let table = try Fixtures.csv("Tests/Fixtures/ml/\(file)")
        return table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0)) }
    }

    static let splitBar: Int = {
        (try? reference("accuracy.csv").first?["split_bar"]).flatMap { $0.flatMap { Int($0) } } ?? 0
    }()

    static func labels(_ returns: [Double]) -> [Double] { returns.map { $0.isNaN ? .nan : ($0 > 0 ? 1 : 0) } }

    /// Accuracy over the test rows with every feature and a label.
    static func accuracy(_ model: any FittedModel, _ data: Dataset) -> Double {
        var correct = 0, total = 0
        for r in 0..<data.test.rowCount where !data.testReturns[r].isNaN {
            let predicted = model.predictClass(Array(data.test.row(r)))
            guard !predicted.isNaN else { continue }
            total += 1
            if predicted == (data.testReturns[r] > 0 ? 1 : 0) { correct += 1 }
        }
        return Double(correct) / Double(max(1, total))
    }

    @Test(arguments: ["linear", "ridge", "lasso", "logistic"])
    func linearCoefficientsMatchScikitLearn(_ name: String) throws {
        let data = try Self.dataset(splitBar: Self.splitBar)
        let row = try #require(try Self.reference("linear.csv").first { $0["model"] == name })
        let parameter = try #require(row["parameter"].flatMap(Double.init))
        let model: LinearModel
        switch name {
        case "linear": model = try LinearRegression.fit(data.train, targets: data.trainReturns).get()
        case "ridge": model = try RidgeRegression.fit(data.train, targets: data.trainReturns, alpha: parameter).get()
        case "lasso": model = try LassoRegression.fit(data.train, targets: data.trainReturns, alpha: parameter).get()
        default: model = try LogisticRegression.fit(data.train, targets: Self.labels(data.trainReturns), c: parameter).get()
        }
        let expected = try (0..<data.train.columnCount).map { try #require(row["w\($0)"].flatMap(Double.init)) }
        let intercept = try #require(row["intercept"].flatMap(Double.init))
        for (j, (ours, theirs)) in zip(model.coefficients, expected).enumerated() {
            if theirs == 0 {
                #expect(ours == 0, "\(name) w\(j): scikit-learn's is exactly 0, ours \(ours)")
            } else {
                #expect(abs(ours - theirs) <= 1e-6 * abs(theirs), "\(name) w\(j): ours \(ours), scikit-learn \(theirs)")
            }
        }
        #expect(abs(model.intercept - intercept) <= 1e-6 * abs(intercept), "\(name) intercept: ours \(model.intercept), scikit-learn \(intercept)")
    }

    @Test func forestAccuracyMatchesScikitLearn() throws {
        let data = try Self.dataset(splitBar: Self.splitBar)
        let row = try #require(try Self.reference("accuracy.csv").first { $0["model"] == "random_forest" })
        let parameters = RandomForestParameters(trees: 300, maxDepth: 8, minLeaf: 5, maxFeatures: .squareRoot, seed: 1)
        let model = try RandomForest.fit(data.train, targets: Self.labels(data.trainReturns), parameters: parameters).get()
        let ours = Self.accuracy(model, data)
        let theirs = try #require(row["accuracy"].flatMap(Double.init))
        #expect(abs(ours - theirs) <= 0.02, "random forest accuracy: ours \(ours), scikit-learn \(theirs) (mean of 10 seeds)")
    }

    @Test func boostingAccuracyMatchesLightGBM() throws {
        let data = try Self.dataset(splitBar: Self.splitBar)
        let row = try #require(try Self.reference("accuracy.csv").first { $0["model"] == "lightgbm" })
        let parameters = GradientBoostingParameters(trees: 100, maxDepth: 4, learningRate: 0.05, minLeaf: 20, maxLeaves: 15)
        let model = try GradientBoosting.fit(data.train, targets: Self.labels(data.trainReturns), parameters: parameters).get()
        let ours = Self.accuracy(model, data)
        let theirs = try #require(row["accuracy"].flatMap(Double.init))
        #expect(abs(ours - theirs) <= 0.02, "boosting accuracy: ours \(ours), LightGBM \(theirs)")
    }

    @Test func kmeansInertiaMatchesScikitLearn() throws {
        let data = try Self.dataset(splitBar: Self.splitBar)
        let row = try #require(try Self.reference("kmeans.csv").first)
        let k = try #require(row["k"].flatMap(Int.init))
        let inertia = try #require(row["inertia"].flatMap(Double.init))
        // z-scores (population standard deviation) of the complete training rows, as the script.
        let complete = (0..<data.train.rowCount).filter { r in
            !data.trainReturns[r].isNaN && data.train.row(r).allSatisfy { !$0.isNaN }
        }
        let p = data.train.columnCount
        let means = (0..<p).map { j in complete.reduce(0.0) { $0 + data.train[$1, j] } / Double(complete.count) }
        let deviations = (0..<p).map { j in
            (complete.reduce(0.0) { $0 + pow(data.train[$1, j] - means[j], 2) } / Double(complete.count)).squareRoot()
        }
        let z = try #require(FeatureMatrix(rows: complete.map { r in (0..<p).map { (data.train[r, $0] - means[$0]) / deviations[$0] } }))
        let model = try KMeans.fit(z, parameters: KMeansParameters(k: k, seed: 1)).get()
        #expect(abs(model.inertia - inertia) <= 0.01 * inertia, "k-means inertia: ours \(model.inertia), scikit-learn \(inertia)")
    }
}
