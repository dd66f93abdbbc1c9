/// A model to fit, with its hyperparameters: the value a `model NAME = KIND(...)` declaration
/// lowers to. `fit` is the single entry point an evaluator needs; each case's type documents
/// its objective.
///
/// Every fit skips the rows with an `na` (or infinite) feature or target, and fails with an
/// `MLError`, never a trap, on data it cannot use. Fitting is deterministic: the same rows,
/// hyperparameters and seed give a bit-identical model, whatever the thread count.
public enum ModelSpec: Sendable, Hashable {
    /// Ordinary least squares with an intercept (`LinearRegression`).
    case linear
    /// Ridge regression, penalty α‖w‖² (`RidgeRegression`).
    case ridge(alpha: Double)
    /// Lasso, (1/2n)‖y − Xw − b‖² + α‖w‖₁ (`LassoRegression`).
    case lasso(alpha: Double)
    /// L2 logistic regression, C·Σ log-loss + ½‖w‖² (`LogisticRegression`).
    case logistic(c: Double)
    /// A random forest (`RandomForest`).
    case randomForest(RandomForestParameters)
    /// Histogram gradient boosting (`GradientBoosting`).
    case gradientBoosting(GradientBoostingParameters)
    /// k-means clustering (`KMeans`); it ignores the targets.
    case kmeans(KMeansParameters)

    /// The name of the kind in the language (`linear`, `ridge`, …).
    public var kindName: String {
        switch self {
        case .linear: return "linear"
        case .ridge: return "ridge"
        case .lasso: return "lasso"
        case .logistic: return "logistic"
        case .randomForest: return "random_forest"
        case .gradientBoosting: return "gradient_boosting"
        case .kmeans: return "kmeans"
        }
    }

    /// Whether the model learns from targets (every kind but k-means).
    public var usesTargets: Bool {
        if case .kmeans = self { return false }
        return true
    }

    /// Fits the model on `features` and `targets` (one target per row; ignored, and may be
    /// empty, for k-means).
    public func fit(_ features: FeatureMatrix, targets: [Double]) -> Result<any FittedModel, MLError> {
        switch self {
        case .linear: return LinearRegression.fit(features, targets: targets).map { $0 }
        case .ridge(let alpha): return RidgeRegression.fit(features, targets: targets, alpha: alpha).map { $0 }
        case .lasso(let alpha): return LassoRegression.fit(features, targets: targets, alpha: alpha).map { $0 }
        case .logistic(let c): return LogisticRegression.fit(features, targets: targets, c: c).map { $0 }
        case .randomForest(let parameters): return RandomForest.fit(features, targets: targets, parameters: parameters).map { $0 }
        case .gradientBoosting(let parameters): return GradientBoosting.fit(features, targets: targets, parameters: parameters).map { $0 }
        case .kmeans(let parameters): return KMeans.fit(features, parameters: parameters).map { $0 }
        }
    }
}
