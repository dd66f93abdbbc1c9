/// A model refitted as the bars go by, leak-free by construction: the step function both
/// drivers run for a `model` output (docs/ml.md#the-leak-free-rule).
///
/// At bar t the kernel receives the features of row t and the label of row t − h (the target
/// is lowered causally: that label reads bars up to t). Row r may enter a fit from bar r + P on
/// (P = purge ≥ h, so its label is known); rows with an na feature or label never do. The fit
/// uses the latest `rows` such rows (`rolling`) or all of them once there are `rows`
/// (`expanding`). The first fit is at the first bar with enough rows, then one every
/// `retrain` bars; a failed fit keeps the previous model. Until a model exists the output is na;
/// afterwards it is the latest model's score (value, class-1 probability or cluster) for the
/// features of bar t, or a feature's importance in it.
public final class ModelKernel {
    public enum Window: Sendable {
        case rolling, expanding
    }

    public enum Output: Sendable, Equatable {
        case score
        case importance(Int)
    }

    private let spec: ModelSpec
    private let window: Window
    private let rows: Int
    private let retrain: Int
    private let purge: Int
    private let horizon: Int
    private let featureCount: Int
    private let output: Output

    /// The last purge + 1 rows (features then label), newest at `bar % capacity`.
    private var pendingFeatures: [Double]
    private var pendingLabels: [Double]
    private let pendingCapacity: Int
    /// The rows that may be fitted on, oldest first (`rolling`: at most `rows` of them).
    private var trainingFeatures: [Double] = []
    private var trainingLabels: [Double] = []
    private var bar = 0
    private var nextFit: Int?
    private var model: (any FittedModel)?

    public init(spec: ModelSpec, window: Window, rows: Int, retrain: Int, purge: Int, horizon: Int, featureCount: Int, output: Output) {
        self.spec = spec
        self.window = window
        self.rows = max(1, rows)
        self.retrain = max(1, retrain)
        self.purge = max(0, purge)
        self.horizon = max(0, min(horizon, purge))
        self.featureCount = max(1, featureCount)
        self.output = output
        pendingCapacity = self.purge + 1
        pendingFeatures = [Double](repeating: .nan, count: pendingCapacity * self.featureCount)
        pendingLabels = [Double](repeating: .nan, count: pendingCapacity)
    }

    /// One bar: the features of this bar's row and the label of row t − horizon.
    public func step(features: UnsafeBufferPointer<Double>, label: Double) -> Double {
        let slot = bar % pendingCapacity
        for column in 0..<featureCount { pendingFeatures[slot * featureCount + column] = features[column] }
        pendingLabels[slot] = .nan
        if bar >= horizon { pendingLabels[(bar - horizon) % pendingCapacity] = label }
        if bar >= purge { admit((bar - purge) % pendingCapacity) }
        if let due = nextFit ?? (trainingLabels.count >= rows ? bar : nil), due == bar {
            fit()
            nextFit = bar + retrain
        }
        bar += 1
        guard let model else { return .nan }
        switch output {
        case .score:
            for value in features.prefix(featureCount) where !value.isFinite { return .nan }
            return model.predict(features)
        case .importance(let index): return model.importance(index)
        }
    }

    /// Row `slot` of the pending ring becomes usable: kept if its features and label are numbers.
    private func admit(_ slot: Int) {
        let label = pendingLabels[slot]
        guard label.isFinite || !spec.usesTargets else { return }
        let start = slot * featureCount
        for column in 0..<featureCount where !pendingFeatures[start + column].isFinite { return }
        trainingFeatures.append(contentsOf: pendingFeatures[start..<(start + featureCount)])
        trainingLabels.append(spec.usesTargets ? label : 0)
        if window == .rolling, trainingLabels.count > rows * 2 {
            // Keep the latest `rows` (dropping in batches keeps admission O(1) amortized).
            trainingLabels.removeFirst(trainingLabels.count - rows)
            trainingFeatures.removeFirst(trainingFeatures.count - rows * featureCount)
        }
    }

    private func fit() {
        let count = window == .rolling ? min(rows, trainingLabels.count) : trainingLabels.count
        guard count >= rows else { return }
        let first = trainingLabels.count - count
        guard let matrix = FeatureMatrix(rowCount: count, columnCount: featureCount,
                                         values: Array(trainingFeatures[(first * featureCount)...])) else { return }
        if case .success(let fitted) = spec.fit(matrix, targets: Array(trainingLabels[first...])) { model = fitted }
    }
}
