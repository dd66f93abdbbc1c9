import Foundation

/// Hyperparameters of a gradient-boosted tree model (names follow LightGBM where they differ).
public struct GradientBoostingParameters: Sendable, Hashable {
    /// Boosting rounds, one tree each (≥ 1).
    public var trees: Int
    /// Maximum tree depth (≥ 1; LightGBM `max_depth`).
    public var maxDepth: Int
    /// Shrinkage applied to every leaf value, in (0, 1] (LightGBM `learning_rate`).
    public var learningRate: Double
    /// Minimum rows in a leaf (≥ 1; LightGBM `min_data_in_leaf`).
    public var minLeaf: Int
    /// The fraction of rows each tree is grown on, in (0, 1]; 1 uses every row (LightGBM
    /// `bagging_fraction` with `bagging_freq` 1).
    public var subsample: Double
    /// The seed of the row subsampling (unused when `subsample` is 1).
    public var seed: UInt64
    /// Maximum leaves per tree (≥ 2; LightGBM `num_leaves`); nil means 2^maxDepth, full trees.
    public var maxLeaves: Int?
    /// L2 penalty λ on leaf values (≥ 0; LightGBM `lambda_l2`).
    public var l2: Double
    /// Minimum hessian sum in a leaf (≥ 0; LightGBM `min_sum_hessian_in_leaf`).
    public var minHessian: Double
    /// Bins per feature, 2...255 (LightGBM `max_bin`).
    public var maxBins: Int
    /// Binary log-loss (0/1 targets) or squared error; nil decides from the targets:
    /// classification when every target is 0 or 1.
    public var task: ModelTask?
    /// Worker threads; nil uses every active processor. The result does not depend on it.
    public var threads: Int?

    public init(trees: Int = 100, maxDepth: Int = 6, learningRate: Double = 0.1, minLeaf: Int = 20, subsample: Double = 1, seed: UInt64 = 0,
                maxLeaves: Int? = nil, l2: Double = 0, minHessian: Double = 1e-3, maxBins: Int = 255, task: ModelTask? = nil,
                threads: Int? = nil) {
        self.trees = trees
        self.maxDepth = maxDepth
        self.learningRate = learningRate
        self.minLeaf = minLeaf
        self.subsample = subsample
        self.seed = seed
        self.maxLeaves = maxLeaves
        self.l2 = l2
        self.minHessian = minHessian
        self.maxBins = maxBins
        self.task = task
        self.threads = threads
    }
}

/// Gradient boosting of regression trees (Friedman 2001) with LightGBM's histogram method
/// (Ke et al. 2017): features are binned once (`BinnedFeatures`, ≤ 255 bins), and each round
/// grows one tree leaf-wise with a depth limit on the gradients and hessians of the loss
/// (`HistogramTreeBuilder`), then adds its shrunken leaf values to every row's score.
///
/// Losses: binary log-loss for 0/1 targets (gradient p − y, hessian p(1 − p), p = σ(score);
/// initial score the log-odds of the mean target; `predict` returns σ(score), the class-1
/// probability) and squared error for real targets (gradient score − y, hessian 1; initial
/// score the mean). Each round's rows: every row, or with `subsample` < 1 exactly
/// ⌈subsample·n⌉ rows drawn without replacement (selection sampling) from
/// `SeededGenerator(seed: seed, stream: round)`. Histograms are summed feature by feature on
/// up to `threads` threads (a `ThreadTeam` whose workers stay awake for the whole fit); the
/// model is bit-identical for any thread count.
/// Importance: each feature's total split gain over all trees, normalized to sum 1 (LightGBM
/// `importance_type="gain"`).
public enum GradientBoosting {
    public static func fit(_ x: FeatureMatrix, targets: [Double], parameters: GradientBoostingParameters) -> Result<TreeEnsembleModel, MLError> {
        if let error = validate(parameters) { return .failure(error) }
        return TrainingData.make(x, targets: targets).flatMap { fit($0, parameters: parameters) }
    }

    static func validate(_ p: GradientBoostingParameters) -> MLError? {
        func invalid(_ name: String, _ value: Double, _ expected: String) -> MLError {
            .invalidParameter(name: name, value: value, expected: expected)
        }
        if p.trees < 1 { return invalid("trees", Double(p.trees), "at least 1") }
        if p.maxDepth < 1 || p.maxDepth > 30 { return invalid("depth", Double(p.maxDepth), "1 to 30") }
        if !(p.learningRate > 0 && p.learningRate <= 1) { return invalid("learning_rate", p.learningRate, "in (0, 1]") }
        if p.minLeaf < 1 { return invalid("min_leaf", Double(p.minLeaf), "at least 1") }
        if !(p.subsample > 0 && p.subsample <= 1) { return invalid("subsample", p.subsample, "in (0, 1]") }
        if let leaves = p.maxLeaves, leaves < 2 { return invalid("max_leaves", Double(leaves), "at least 2") }
        if !(p.l2 >= 0 && p.l2.isFinite) { return invalid("l2", p.l2, "a finite number ≥ 0") }
        if !(p.minHessian >= 0 && p.minHessian.isFinite) { return invalid("min_hessian", p.minHessian, "a finite number ≥ 0") }
        if p.maxBins < 2 || p.maxBins > BinnedFeatures.largestBinCount { return invalid("max_bins", Double(p.maxBins), "2 to 255") }
        if case .clustering = p.task { return invalid("task", .nan, "classification or regression") }
        return nil
    }

    static func fit(_ data: TrainingData, parameters: GradientBoostingParameters) -> Result<TreeEnsembleModel, MLError> {
        let isClassification: Bool
        switch parameters.task {
        case .classification?:
            guard data.hasBinaryTargets else { return .failure(.nonBinaryTargets) }
            isClassification = true
        case .regression?, .clustering?: isClassification = false
        case nil: isClassification = data.hasBinaryTargets
        }
        let n = data.rowCount, p = data.columnCount
        let mean = data.y.reduce(0, +) / Double(n)
        if isClassification, mean <= 0 || mean >= 1 { return .failure(.singleClass) }
        let initial = isClassification ? log(mean / (1 - mean)) : mean
        guard initial.isFinite else { return .failure(.solverFailed("the mean target overflowed")) }
        guard n <= Int(Int32.max) else { return .failure(.tooManyRows(limit: Int(Int32.max), found: n)) }
        // Below one parallel step's worth of rows, every step would run on the caller anyway.
        let team = ThreadTeam(threads: n >= HistogramTreeBuilder.parallelRowThreshold ? parameters.threads ?? Parallel.availableThreads : 1)
        defer { team.stop() }
        let binned = BinnedFeatures.make(data, maxBins: parameters.maxBins, team: team)
        let depthLeaves = 1 << min(parameters.maxDepth, 30)
        var builder = HistogramTreeBuilder(binned: binned, maxDepth: parameters.maxDepth,
                                           maxLeaves: min(parameters.maxLeaves ?? depthLeaves, depthLeaves),
                                           minLeaf: parameters.minLeaf, minHessian: parameters.minHessian, l2: parameters.l2, team: team)
        var scores = [Double](repeating: initial, count: n)
        var pairs = [SIMD2<Double>](repeating: SIMD2(0, 1), count: n)
        var importance = [Double](repeating: 0, count: p)
        var ensemble = TreeEnsemble()
        let sampleSize = parameters.subsample < 1 ? max(1, Int((parameters.subsample * Double(n)).rounded(.up))) : n
        for round in 0..<parameters.trees {
            computeGradients(scores, data.y, into: &pairs, isClassification: isClassification, team: team)
            let rows = sampleSize < n ? sample(sampleSize, of: n, seed: parameters.seed, stream: UInt64(round)) : nil
            let grown = builder.grow(pairs, rows: rows, rate: parameters.learningRate, importance: &importance)
            addLeafValues(grown, indices: builder.indices, to: &scores, team: team)
            if let rows { addOutOfSample(grown, rows: rows, binned: binned, scores: &scores) }
            ensemble.append(grown.tree)
        }
        return .success(TreeEnsembleModel(task: isClassification ? .classification : .regression, featureCount: p,
                                          importances: normalizedImportances(importance), ensemble: ensemble, base: initial,
                                          scale: 1, isLogistic: isClassification))
    }

    /// Each row's (gradient, hessian) of the loss at its score; rows split in fixed chunks.
    static func computeGradients(_ scores: [Double], _ targets: [Double], into pairs: inout [SIMD2<Double>], isClassification: Bool,
                                 team: ThreadTeam) {
        let n = scores.count
        let chunk = 16_384
        scores.withUnsafeBufferPointer { scores in
            targets.withUnsafeBufferPointer { targets in
                pairs.withUnsafeMutableBufferPointer { pairs in
                    team.forEach((n + chunk - 1) / chunk) { c in
                        for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                            if isClassification {
                                let probability = logistic(scores[i])
                                pairs[i] = SIMD2(probability - targets[i], probability * (1 - probability))
                            } else {
                                pairs[i] = SIMD2(scores[i] - targets[i], 1)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds each leaf's value to the scores of its rows (the leaves' rows are disjoint, so the
    /// leaves are shared among threads).
    static func addLeafValues(_ grown: HistogramTreeBuilder.Grown, indices: [Int32], to scores: inout [Double], team: ThreadTeam) {
        let workers = grown.leaves.reduce(0) { $0 + $1.count } >= 16_384 ? team.threads : 1
        indices.withUnsafeBufferPointer { indices in
            scores.withUnsafeMutableBufferPointer { scores in
                team.forEach(grown.leaves.count, limit: workers) { l in
                    let leaf = grown.leaves[l]
                    let value = grown.tree.nodes[leaf.node].value
                    for k in leaf.start..<(leaf.start + leaf.count) { scores[Int(indices[k])] += value }
                }
            }
        }
    }

    /// `count` distinct row numbers out of `n`, ascending (Knuth's selection sampling, Algorithm S).
    static func sample(_ count: Int, of n: Int, seed: UInt64, stream: UInt64) -> [Int32] {
        var generator = SeededGenerator(seed: seed, stream: stream)
        var chosen: [Int32] = []
        chosen.reserveCapacity(count)
        var needed = count
        for row in 0..<n where needed > 0 {
            if generator.uniform(below: n - row) < needed {
                chosen.append(Int32(row))
                needed -= 1
            }
        }
        return chosen
    }

    /// Adds the tree's value to the rows it was not grown on, routing them by their bins.
    static func addOutOfSample(_ grown: HistogramTreeBuilder.Grown, rows: [Int32], binned: BinnedFeatures, scores: inout [Double]) {
        var next = 0
        for row in 0..<binned.rowCount {
            if next < rows.count, rows[next] == Int32(row) {
                next += 1
                continue
            }
            var node = 0
            while grown.tree.nodes[node].feature >= 0 {
                let n = grown.tree.nodes[node]
                node = Int(binned.bin(row: row, feature: Int(n.feature)) <= grown.splitBins[node] ? n.left : n.right)
            }
            scores[row] += grown.tree.nodes[node].value
        }
    }
}
