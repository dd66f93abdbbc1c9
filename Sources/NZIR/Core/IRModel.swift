import NZSema

/// The op of a `model` output (`IROp.model`): a model refitted as the bars go by. Inputs, in
/// order: the `featureCount` feature series, the causal target series (the label of row
/// t − horizon, known at bar t; a constant for k-means), then the run constants window rows,
/// retrain interval, purge, horizon, and the kind's hyperparameters in
/// `ModelKind.hyperparameters` order.
public struct IRModel: Hashable, Sendable {
    public enum Window: String, Hashable, Sendable {
        case rolling, expanding
    }

    public let kind: ModelKind
    public let task: ModelTask
    public let window: Window
    public let featureCount: Int
    public let output: ModelOutput

    public init(kind: ModelKind, task: ModelTask, window: Window, featureCount: Int, output: ModelOutput) {
        self.kind = kind
        self.task = task
        self.window = window
        self.featureCount = featureCount
        self.output = output
    }

    /// Series inputs: the features and the target.
    public var seriesInputCount: Int { featureCount + 1 }
    /// Run-constant inputs after the series ones.
    public var argumentCount: Int { 4 + kind.hyperparameters.count }
}

/// A look-ahead label while a model's target is being lowered (`IROp.label`): `future_x(n)` at
/// row t. The lowering rewrites every label into its causal form before the program is done,
/// so no runnable program holds one.
public enum IRLabel: String, Hashable, Sendable {
    case futureReturn = "future_return", futureClose = "future_close", futureHigh = "future_high", futureLow = "future_low"

    public init?(_ builtin: Builtin) {
        switch builtin {
        case .futureReturn: self = .futureReturn
        case .futureClose: self = .futureClose
        case .futureHigh: self = .futureHigh
        case .futureLow: self = .futureLow
        default: return nil
        }
    }
}
