import NZSyntax

/// What a model predicts: fixed by its kind and its target's type.
public enum ModelTask: String, Sendable, Hashable {
    /// A number: `.prediction` is the fitted value.
    case regression
    /// A bool target: `.probability` is the probability of true, `.prediction` whether it is above 0.5.
    case classification
    /// k-means: `.cluster` (and `.prediction`) is the nearest centroid's number.
    case clustering
}

/// The rows a model is fitted on at each bar, among those whose label is known (rows up to
/// t − purge) and that have no na feature or label.
public enum ModelWindow: Sendable {
    /// The latest `length` such rows; no prediction until there are that many.
    case rolling(TypedExpr)
    /// All such rows; no prediction until there are `minimum` of them.
    case expanding(minimum: TypedExpr)
}

/// One output of a model's runtime node.
public enum ModelOutput: Hashable, Sendable {
    /// The fitted value, the probability of true, or the cluster number (by the model's task).
    case score
    /// The importance of feature i in the latest fit.
    case importance(Int)
}

/// A checked `model` declaration: everything the lowering needs to build the model's node.
/// Leak-free by construction: at bar t the fit uses only rows i ≤ t − purge, and purge is at
/// least the target's horizon h (a label of row i is known at bar i + h).
public final class ModelDefinition: Sendable {
    public let name: String
    public let kind: ModelKind
    public let task: ModelTask
    public let features: [TypedExpr]
    /// Each feature's source text (the columns of `nzs features`).
    public let featureNames: [String]
    /// The target as written (may read the future); nil for k-means.
    public let target: TypedExpr?
    /// How many bars ahead the target reads: the largest `n` of its `future_*(n)` (0 if none).
    public let horizon: Int
    public let window: ModelWindow
    /// Refit every this many bars.
    public let retrain: TypedExpr
    /// Rows newer than t − purge are never in the fit at bar t.
    public let purge: TypedExpr
    /// The kind's hyperparameters, in `ModelKind.hyperparameters` order, defaults filled in.
    public let hyperparameters: [TypedExpr]
    public let range: SourceRange

    public init(name: String, kind: ModelKind, task: ModelTask, features: [TypedExpr], featureNames: [String], target: TypedExpr?,
                horizon: Int, window: ModelWindow, retrain: TypedExpr, purge: TypedExpr, hyperparameters: [TypedExpr], range: SourceRange) {
        self.name = name
        self.kind = kind
        self.task = task
        self.features = features
        self.featureNames = featureNames
        self.target = target
        self.horizon = horizon
        self.window = window
        self.retrain = retrain
        self.purge = purge
        self.hyperparameters = hyperparameters
        self.range = range
    }
}
