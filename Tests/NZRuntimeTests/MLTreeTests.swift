import NZRuntime
import Testing

/// Random forests and gradient boosting on small cases with known answers, and determinism.
@Suite struct MLTreeTests {
    /// x = 0 ..< 40 (and a noise column); class 1 from x ≥ 20.
    static let steps: (x: FeatureMatrix, y: [Double]) = {
        let rows = (0..<40).map { i -> [Double] in [Double(i), Double((i * 7) % 5)] }
        return (FeatureMatrix(rows: rows)!, (0..<40).map { $0 >= 20 ? 1 : 0 })
    }()

    @Test func forestSeparatesAStep() throws {
        let model = try RandomForest.fit(Self.steps.x, targets: Self.steps.y,
                                         parameters: RandomForestParameters(trees: 50, maxFeatures: .all, seed: 3)).get()
        #expect(model.task == .classification)
        #expect(model.predict([5, 0]) == 0)
        #expect(model.predict([35, 0]) == 1)
        #expect(model.predictClass([35, 0]) == 1)
        #expect(model.importance(0) > 0.9)
        #expect(abs(model.importances.reduce(0, +) - 1) < 1e-12)
    }

    @Test func aSingleUnbootstrappedTreeIsExactCART() throws {
        // One tree on every row, both features tried: the root splits at the midpoint 19.5.
        let model = try RandomForest.fit(Self.steps.x, targets: Self.steps.y,
                                         parameters: RandomForestParameters(trees: 1, maxDepth: 1, maxFeatures: .all, bootstrap: false)).get()
        #expect(model.predict([19.5, 0]) == 0)
        #expect(model.predict([19.5000001, 0]) == 1)
        #expect(model.importances == [1, 0])
    }

    @Test func forestRegressionAveragesLeaves() throws {
        // A regression tree with min_leaf 5 on y = x over 0..<20: leaves hold means of ≥ 5 values.
        let rows = (0..<20).map { [Double($0)] }
        let model = try RandomForest.fit(FeatureMatrix(rows: rows)!, targets: (0..<20).map(Double.init),
                                         parameters: RandomForestParameters(trees: 1, minLeaf: 5, bootstrap: false)).get()
        #expect(model.task == .regression)
        #expect(model.predict([0]) == 2)  // the leaf {0, 1, 2, 3, 4}
        #expect(model.predict([19]) == 17)  // the leaf {15, ..., 19}
    }

    @Test func boostingFitsAStepAndAParabola() throws {
        let classifier = try GradientBoosting.fit(Self.steps.x, targets: Self.steps.y,
                                                  parameters: GradientBoostingParameters(trees: 50, minLeaf: 2)).get()
        #expect(classifier.task == .classification)
        #expect(classifier.predict([3, 0]) < 0.1)
        #expect(classifier.predict([30, 0]) > 0.9)
        #expect(classifier.importance(0) > 0.99)
        let rows = (0..<200).map { [Double($0) / 100 - 1] }
        let targets = rows.map { $0[0] * $0[0] }
        let regressor = try GradientBoosting.fit(FeatureMatrix(rows: rows)!, targets: targets,
                                                 parameters: GradientBoostingParameters(trees: 200, maxDepth: 3, minLeaf: 2)).get()
        #expect(regressor.task == .regression)
        for x in [-0.8, -0.25, 0, 0.5, 0.9] { #expect(abs(regressor.predict([x]) - x * x) < 0.02) }
    }

    @Test func oneBoostingRoundOfSquaredErrorIsTheMeanPlusShrunkenLeafMeans() throws {
        // Depth 1 on y = 0,0,0,0,10,10,10,10 with x = 0...7: the split at 3.5 and leaf values
        // −G/H·rate = (0 − 5)·0.5 and (10 − 5)·0.5 around the mean 5.
        let rows = (0..<8).map { [Double($0)] }
        let model = try GradientBoosting.fit(FeatureMatrix(rows: rows)!, targets: [0, 0, 0, 0, 10, 10, 10, 10],
                                             parameters: GradientBoostingParameters(trees: 1, maxDepth: 1, learningRate: 0.5, minLeaf: 1)).get()
        #expect(model.predict([0]) == 2.5)
        #expect(model.predict([3.5]) == 2.5)
        #expect(model.predict([3.6]) == 7.5)
        #expect(model.treeCount == 1)
        #expect(model.nodeCount == 3)
    }

    /// Data with a real signal and noise, for determinism checks.
    static func noisy(_ n: Int) -> (FeatureMatrix, [Double]) {
        var generator = SeededGenerator(seed: 2024)
        var rows: [[Double]] = []
        var targets: [Double] = []
        for _ in 0..<n {
            let row = (0..<6).map { _ in generator.uniformUnit() * 2 - 1 }
            rows.append(row)
            targets.append(row[0] + row[1] * row[2] + 0.5 * (generator.uniformUnit() - 0.5) > 0 ? 1 : 0)
        }
        return (FeatureMatrix(rows: rows)!, targets)
    }

    @Test func sameSeedIsBitIdenticalAcrossRunsAndThreadCounts() throws {
        let (x, y) = Self.noisy(1_500)
        let probes = (0..<50).map { Array(x.row($0 * 17)) }
        func predictions(_ model: TreeEnsembleModel) -> [UInt64] { probes.map { model.predict($0).bitPattern } }
        let forest = { (threads: Int, seed: UInt64) in
            try RandomForest.fit(x, targets: y, parameters: RandomForestParameters(trees: 12, minLeaf: 3, seed: seed, threads: threads)).get()
        }
        #expect(try predictions(forest(1, 7)) == predictions(forest(2, 7)))
        #expect(try predictions(forest(2, 7)) == predictions(forest(2, 7)))
        #expect(try predictions(forest(2, 7)) != predictions(forest(2, 8)), "a different seed grows a different forest")
        let boosted = { (threads: Int, seed: UInt64) in
            try GradientBoosting.fit(x, targets: y, parameters: GradientBoostingParameters(trees: 30, subsample: 0.7, seed: seed,
                                                                                             threads: threads)).get()
        }
        #expect(try predictions(boosted(1, 7)) == predictions(boosted(2, 7)))
        #expect(try predictions(boosted(2, 7)) != predictions(boosted(2, 8)), "a different seed subsamples other rows")
        #expect(try boosted(1, 7).importances == boosted(2, 7).importances)
    }

    @Test func boostingIsIdenticalOnMoreThreadsThanCores() throws {
        // Four and seven threads on any machine (more than the cores here): the worker pool's
        // dynamic claiming must still give every row, histogram and split exactly once.
        let (x, y) = Self.noisy(20_000)  // large enough for parallel partitions and gradients
        let probes = (0..<40).map { Array(x.row($0 * 101)) }
        func fit(_ threads: Int) throws -> [UInt64] {
            let model = try GradientBoosting.fit(x, targets: y, parameters: GradientBoostingParameters(trees: 5, minLeaf: 5, subsample: 0.8,
                                                                                                        seed: 3, threads: threads)).get()
            return probes.map { model.predict($0).bitPattern }
        }
        let reference = try fit(1)
        for threads in [4, 7, 2, 4] { #expect(try fit(threads) == reference, "\(threads) threads") }
    }

    @Test func boostingWithAllRowsIgnoresTheSeed() throws {
        let (x, y) = Self.noisy(1_000)
        let a = try GradientBoosting.fit(x, targets: y, parameters: GradientBoostingParameters(trees: 10, seed: 1)).get()
        let b = try GradientBoosting.fit(x, targets: y, parameters: GradientBoostingParameters(trees: 10, seed: 2)).get()
        #expect(a.predict(Array(x.row(3))) == b.predict(Array(x.row(3))))
    }

    @Test func maxFeaturesMapping() {
        #expect(FeatureSubset.automatic.resolve(features: 10, isClassification: true) == 3)
        #expect(FeatureSubset.automatic.resolve(features: 10, isClassification: false) == 10)
        #expect(FeatureSubset(number: 4) == .count(4))
        #expect(FeatureSubset(number: 0.5).resolve(features: 9, isClassification: true) == 4)
        #expect(FeatureSubset(number: 0) == .automatic)
        #expect(FeatureSubset.count(50).resolve(features: 9, isClassification: true) == 9)
        #expect(FeatureSubset.fraction(0.01).resolve(features: 9, isClassification: true) == 1)
    }
}
