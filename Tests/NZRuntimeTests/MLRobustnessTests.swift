import NZRuntime
import Testing

/// Bad inputs give errors or documented fallbacks, never a trap: empty data, `na` rows,
/// infinities, constant features, wrong shapes, out-of-range hyperparameters.
@Suite struct MLRobustnessTests {
    static let kinds: [ModelSpec] = [
        .linear, .ridge(alpha: 1), .lasso(alpha: 0.1), .logistic(c: 1),
        .randomForest(RandomForestParameters(trees: 5, seed: 1)),
        .gradientBoosting(GradientBoostingParameters(trees: 5, minLeaf: 1)),
        .kmeans(KMeansParameters(k: 2)),
    ]

    @Test(arguments: kinds) func emptyAndAllNaNDataFail(_ spec: ModelSpec) {
        let empty = FeatureMatrix(rowCount: 0, columnCount: 3, values: [])!
        #expect(throws: MLError.noUsableRows) { try spec.fit(empty, targets: []).get() }
        let allNaN = FeatureMatrix(rows: [[.nan, 1], [2, .nan]])!
        #expect(throws: MLError.noUsableRows) { try spec.fit(allNaN, targets: [0, 1]).get() }
        let noColumns = FeatureMatrix(rowCount: 2, columnCount: 0, values: [])!
        #expect(throws: MLError.noFeatures) { try spec.fit(noColumns, targets: [0, 1]).get() }
    }

    @Test(arguments: kinds) func naRowsAreSkipped(_ spec: ModelSpec) throws {
        var rows: [[Double]] = []
        var targets: [Double] = []
        for i in 0..<40 {
            rows.append([Double(i % 7), Double((i * 5) % 11), 1])
            targets.append(i % 3 == 0 ? 1 : 0)
        }
        let clean = try spec.fit(FeatureMatrix(rows: rows)!, targets: targets).get()
        var dirtyRows = rows, dirtyTargets = targets
        dirtyRows.insert([.nan, 1, 1], at: 5)
        dirtyTargets.insert(1, at: 5)
        if spec.usesTargets {  // k-means ignores the targets, so an na target does not skip its row
            dirtyRows.insert([3, 4, 1], at: 17)
            dirtyTargets.insert(.nan, at: 17)
        }
        dirtyRows.insert([.infinity, 4, 1], at: 30)
        dirtyTargets.insert(0, at: 30)
        let dirty = try spec.fit(FeatureMatrix(rows: dirtyRows)!, targets: dirtyTargets).get()
        for row in rows { #expect(clean.predict(row).bitPattern == dirty.predict(row).bitPattern) }
        #expect(clean.predict([.nan, 1, 1]).isNaN)
        #expect(clean.predictClass([.nan, 1, 1]).isNaN)
        #expect(clean.predict([1, 2]).isNaN, "a short row")
    }

    @Test(arguments: kinds) func constantFeaturesAndOneRow(_ spec: ModelSpec) {
        let constant = FeatureMatrix(rows: Array(repeating: [5.0, 5.0], count: 30))!
        let targets = (0..<30).map { Double($0 % 2) }
        // Either a model or an error; the models that fit predict something finite.
        if case .success(let model) = spec.fit(constant, targets: targets) {
            #expect(model.predict([5, 5]).isFinite)
        }
        let one = FeatureMatrix(rows: [[1.0, 2.0]])!
        if case .success(let model) = spec.fit(one, targets: [1]) { #expect(!model.predict([1, 2]).isNaN) }
    }

    @Test func shapesAndParametersAreChecked() {
        let x = FeatureMatrix(rows: [[1], [2], [3]])!
        #expect(throws: MLError.shapeMismatch(rows: 3, targets: 2)) { try LinearRegression.fit(x, targets: [1, 2]).get() }
        #expect(FeatureMatrix(rows: [[1, 2], [3]]) == nil)
        #expect(FeatureMatrix(rowCount: 2, columnCount: 2, values: [1, 2, 3]) == nil)
        #expect(FeatureMatrix(columns: [[1, 2], [3]]) == nil)
        #expect(FeatureMatrix(columns: [[1, 2], [3, 4]])?.values == [1, 3, 2, 4])
        #expect(throws: MLError.self) { try RidgeRegression.fit(x, targets: [1, 2, 3], alpha: -1).get() }
        #expect(throws: MLError.self) { try LassoRegression.fit(x, targets: [1, 2, 3], alpha: .nan).get() }
        #expect(throws: MLError.self) { try LogisticRegression.fit(x, targets: [0, 1, 1], c: 0).get() }
        #expect(throws: MLError.nonBinaryTargets) { try LogisticRegression.fit(x, targets: [0, 1, 2], c: 1).get() }
        #expect(throws: MLError.singleClass) { try LogisticRegression.fit(x, targets: [1, 1, 1], c: 1).get() }
        #expect(throws: MLError.singleClass) {
            try GradientBoosting.fit(x, targets: [0, 0, 0], parameters: GradientBoostingParameters(task: .classification)).get()
        }
        #expect(throws: MLError.nonBinaryTargets) {
            try RandomForest.fit(x, targets: [0, 2, 0], parameters: RandomForestParameters(task: .classification)).get()
        }
        #expect(throws: MLError.self) { try RandomForest.fit(x, targets: [0, 1, 0], parameters: RandomForestParameters(trees: 0)).get() }
        #expect(throws: MLError.self) { try RandomForest.fit(x, targets: [0, 1, 0], parameters: RandomForestParameters(maxDepth: 0)).get() }
        for bad in [GradientBoostingParameters(trees: 0), GradientBoostingParameters(maxDepth: 0), GradientBoostingParameters(learningRate: 0),
                    GradientBoostingParameters(minLeaf: 0), GradientBoostingParameters(subsample: 1.5),
                    GradientBoostingParameters(maxLeaves: 1), GradientBoostingParameters(maxBins: 256)] {
            #expect(throws: MLError.self) { try GradientBoosting.fit(x, targets: [0, 1, 0], parameters: bad).get() }
        }
        #expect(throws: MLError.tooFewRows(needed: 4, found: 3)) { try KMeans.fit(x, parameters: KMeansParameters(k: 4)).get() }
        #expect(throws: MLError.self) { try KMeans.fit(x, parameters: KMeansParameters(k: 0)).get() }
    }

    @Test func hugeValuesFailCleanly() {
        let x = FeatureMatrix(rows: [[1e300], [-1e300], [1e300], [3]])!
        let y: [Double] = [1e300, -1e300, 2, 1]
        for spec in [ModelSpec.linear, .ridge(alpha: 1), .lasso(alpha: 1), .logistic(c: 1)] {
            let targets = spec == .logistic(c: 1) ? [1, 0, 1, 0] : y
            switch spec.fit(x, targets: targets) {
            case .success(let model): _ = model.predict([1])
            case .failure: break
            }
        }
    }

    /// Random small matrices with na, infinities, repeated and constant columns, for every
    /// kind: every fit returns (a model or an error) and every prediction is a number or `na`.
    @Test func randomAwkwardInputsNeverTrap() {
        var generator = SeededGenerator(seed: 99)
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, 1e308, -1e-308, 5]
        for trial in 0..<60 {
            let rows = generator.uniform(below: 12), columns = 1 + generator.uniform(below: 4)
            var values: [Double] = []
            for _ in 0..<(rows * columns) {
                values.append(generator.uniform(below: 4) == 0 ? specials[generator.uniform(below: specials.count)]
                                                               : Double(generator.uniform(below: 5)))
            }
            let x = FeatureMatrix(rowCount: rows, columnCount: columns, values: values)!
            let targets = (0..<rows).map { _ in generator.uniform(below: 6) == 0 ? Double.nan : Double(generator.uniform(below: 2)) }
            for spec in Self.kinds + [.kmeans(KMeansParameters(k: 1 + trial % 3))] {
                if case .success(let model) = spec.fit(x, targets: targets) {
                    let row = (0..<columns).map { _ in Double(generator.uniform(below: 5)) }
                    let value = model.predict(row)
                    #expect(!value.isInfinite || spec == .linear || spec == .ridge(alpha: 1) || spec == .lasso(alpha: 0.1))
                    _ = model.predictClass(row)
                    _ = model.importance(0)
                }
            }
        }
    }
}
