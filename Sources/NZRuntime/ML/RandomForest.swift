/// Hyperparameters of a random forest.
public struct RandomForestParameters: Sendable, Hashable {
    /// Number of trees (≥ 1).
    public var trees: Int
    /// Maximum depth of a tree (≥ 1); nil for no limit (nodes split until pure or `minLeaf`).
    public var maxDepth: Int?
    /// Minimum number of distinct training rows in a leaf (≥ 1).
    public var minLeaf: Int
    /// Features tried per split; `.automatic` is √p for classification and p for regression.
    public var maxFeatures: FeatureSubset
    /// The seed of every random choice (bootstrap rows, features tried).
    public var seed: UInt64
    /// Classification (Gini, 0/1 targets) or regression (variance); nil decides from the
    /// targets: classification when every target is 0 or 1.
    public var task: ModelTask?
    /// Draw each tree's rows with replacement (n draws from n rows); false uses every row once.
    public var bootstrap: Bool
    /// Worker threads; nil uses every active processor. The result does not depend on it.
    public var threads: Int?

    public init(trees: Int = 100, maxDepth: Int? = nil, minLeaf: Int = 1, maxFeatures: FeatureSubset = .automatic, seed: UInt64 = 0,
                task: ModelTask? = nil, bootstrap: Bool = true, threads: Int? = nil) {
        self.trees = trees
        self.maxDepth = maxDepth
        self.minLeaf = minLeaf
        self.maxFeatures = maxFeatures
        self.seed = seed
        self.task = task
        self.bootstrap = bootstrap
        self.threads = threads
    }
}

/// A random forest (Breiman 2001) as scikit-learn's `RandomForestClassifier`/`Regressor`:
/// each tree is a `CARTBuilder` tree grown on a bootstrap sample (kept as per-row counts, which
/// weight the criterion, as scikit-learn does) and searching `maxFeatures` random features per
/// split. The prediction is the mean over trees of the leaf value: the class-1 fraction of the
/// leaf's (weighted) rows, so a probability, or the mean target.
///
/// Tree t draws from its own generator, `SeededGenerator(seed: seed, stream: t)`, so a forest is
/// the same for any thread count. Importance: each tree's weighted impurity decreases per
/// feature, normalized to sum 1 within the tree, averaged over trees and normalized again
/// (scikit-learn's `feature_importances_`).
public enum RandomForest {
    public static func fit(_ x: FeatureMatrix, targets: [Double], parameters: RandomForestParameters) -> Result<TreeEnsembleModel, MLError> {
        if let error = validate(parameters) { return .failure(error) }
        return TrainingData.make(x, targets: targets).flatMap { fit($0, parameters: parameters) }
    }

    static func validate(_ parameters: RandomForestParameters) -> MLError? {
        if parameters.trees < 1 { return .invalidParameter(name: "trees", value: Double(parameters.trees), expected: "at least 1") }
        if parameters.minLeaf < 1 { return .invalidParameter(name: "min_leaf", value: Double(parameters.minLeaf), expected: "at least 1") }
        if let depth = parameters.maxDepth, depth < 1 {
            return .invalidParameter(name: "depth", value: Double(depth), expected: "at least 1")
        }
        if case .clustering = parameters.task {
            return .invalidParameter(name: "task", value: .nan, expected: "classification or regression")
        }
        return nil
    }

    static func fit(_ data: TrainingData, parameters: RandomForestParameters) -> Result<TreeEnsembleModel, MLError> {
        let isClassification: Bool
        switch parameters.task {
        case .classification?:
            guard data.hasBinaryTargets else { return .failure(.nonBinaryTargets) }
            isClassification = true
        case .regression?, .clustering?: isClassification = false
        case nil: isClassification = data.hasBinaryTargets
        }
        let n = data.rowCount, p = data.columnCount
        guard n <= Int(Int32.max) else { return .failure(.tooManyRows(limit: Int(Int32.max), found: n)) }
        var columns = [Double](repeating: 0, count: n * p)
        for r in 0..<n { for c in 0..<p { columns[c * n + r] = data.x.values[r * p + c] } }
        let tried = parameters.maxFeatures.resolve(features: p, isClassification: isClassification)
        var trees = [DecisionTree](repeating: DecisionTree(), count: parameters.trees)
        var importances = [[Double]](repeating: [], count: parameters.trees)
        columns.withUnsafeBufferPointer { columns in
            data.y.withUnsafeBufferPointer { targets in
                let builder = CARTBuilder(columns: columns, targets: targets, rowCount: n, featureCount: p,
                                          maxDepth: parameters.maxDepth ?? Int.max, minLeaf: parameters.minLeaf,
                                          triedFeatures: tried, isClassification: isClassification)
                trees.withUnsafeMutableBufferPointer { trees in
                    importances.withUnsafeMutableBufferPointer { importances in
                        Parallel.forEach(parameters.trees, threads: parameters.threads ?? Parallel.availableThreads) { t in
                            var generator = SeededGenerator(seed: parameters.seed, stream: UInt64(t))
                            var weights = [Double](repeating: parameters.bootstrap ? 0 : 1, count: n)
                            if parameters.bootstrap {
                                for _ in 0..<n { weights[generator.uniform(below: n)] += 1 }
                            }
                            let samples = (0..<n).compactMap { weights[$0] > 0 ? Int32($0) : nil }
                            let (tree, importance) = builder.build(samples: samples, weights: weights, generator: &generator)
                            trees[t] = tree
                            importances[t] = normalizedImportances(importance)
                        }
                    }
                }
            }
        }
        var ensemble = TreeEnsemble()
        for tree in trees { ensemble.append(tree) }
        var mean = [Double](repeating: 0, count: p)
        for importance in importances { for j in 0..<p { mean[j] += importance[j] } }
        return .success(TreeEnsembleModel(task: isClassification ? .classification : .regression, featureCount: p,
                                          importances: normalizedImportances(mean), ensemble: ensemble, base: 0,
                                          scale: 1 / Double(parameters.trees), isLogistic: false))
    }
}
