import NZIR
import NZRuntime
import NZSema

/// A `model` node's kernel for both drivers: the batch driver hands it blocks of its input
/// columns, the streaming driver one bar of values; either way each bar is one
/// `ModelKernel.step` with the same row, so the two agree bit for bit.
final class ModelRunner {
    private let kernel: ModelKernel
    private let featureCount: Int
    private var row: [Double]

    /// `arguments`: the node's run constants (rows, retrain, purge, horizon, hyperparameters).
    init(_ model: IRModel, arguments: [Double]) {
        featureCount = model.featureCount
        row = [Double](repeating: .nan, count: model.featureCount)
        func whole(_ value: Double, _ fallback: Int) -> Int {
            value.isFinite && value >= 0 && value <= 1e12 ? Int(value) : fallback
        }
        let hyper = Array(arguments.dropFirst(4))
        let output: ModelKernel.Output
        switch model.output {
        case .score: output = .score
        case .importance(let index): output = .importance(index)
        }
        kernel = ModelKernel(spec: Self.spec(model, hyper), window: model.window == .rolling ? .rolling : .expanding,
                             rows: whole(arguments[0], 2), retrain: whole(arguments[1], 1), purge: whole(arguments[2], 0),
                             horizon: whole(arguments[3], 0), featureCount: model.featureCount, output: output)
    }

    /// The runtime model for a kind and its hyperparameters (in `ModelKind.hyperparameters` order).
    static func spec(_ model: IRModel, _ values: [Double]) -> ModelSpec {
        func int(_ index: Int) -> Int { values[index].isFinite ? Int(max(0, min(values[index], 1e9))) : 0 }
        func seed(_ index: Int) -> UInt64 { values[index].isFinite ? UInt64(max(0, min(values[index], ModelKind.maximumSeed))) : 0 }
        let task: NZRuntime.ModelTask = model.task == .classification ? .classification : .regression
        switch model.kind {
        case .linear: return .linear
        case .ridge: return .ridge(alpha: values[0])
        case .lasso: return .lasso(alpha: values[0])
        case .logistic: return .logistic(c: values[0])
        case .randomForest:
            return .randomForest(RandomForestParameters(trees: max(1, int(0)), maxDepth: int(1) == 0 ? nil : int(1), minLeaf: max(1, int(2)),
                                                        maxFeatures: int(3) == 0 ? .automatic : .count(int(3)), seed: seed(4), task: task))
        case .gradientBoosting:
            return .gradientBoosting(GradientBoostingParameters(trees: max(1, int(0)), maxDepth: max(1, int(1)), learningRate: values[2],
                                                                minLeaf: max(1, int(3)), subsample: values[4], seed: seed(5), task: task))
        case .kmeans: return .kmeans(KMeansParameters(k: max(2, int(0)), seed: seed(1)))
        }
    }

    /// One block: feature operands first, then the target.
    func run(_ operands: [BlockOperand], into out: UnsafeMutableBufferPointer<Double>) {
        for bar in 0..<out.count {
            for column in 0..<featureCount { row[column] = operands[column][bar] }
            let label = operands[featureCount][bar]
            out[bar] = row.withUnsafeBufferPointer { kernel.step(features: $0, label: label) }
        }
    }

    /// One bar: the features then the target.
    func step(_ values: [Double]) -> Double {
        for column in 0..<featureCount { row[column] = values[column] }
        return row.withUnsafeBufferPointer { kernel.step(features: $0, label: values[featureCount]) }
    }
}

extension BlockOperand {
    /// The value at bar `index` of the block (a scalar is the same at every bar).
    @inline(__always)
    subscript(_ index: Int) -> Double {
        switch self {
        case .block(let values): return values[index]
        case .scalar(let value): return value
        }
    }
}
