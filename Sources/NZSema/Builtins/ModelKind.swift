/// The kinds of `model` a script can declare, with their hyperparameters (docs/ml.md).
public enum ModelKind: String, CaseIterable, Sendable, Hashable {
    case linear, ridge, lasso, logistic
    case randomForest = "random_forest"
    case gradientBoosting = "gradient_boosting"
    case kmeans

    /// What a model of this kind predicts from a target of each type.
    public enum Targets: Sendable {
        /// A number (`label<float>`): least-squares kinds.
        case numbers
        /// A bool (`label<bool>`): logistic regression.
        case bools
        /// Either: a bool gives a classifier, a number a regressor (the tree ensembles).
        case either
        /// None: k-means clusters the features only.
        case none
    }

    public var targets: Targets {
        switch self {
        case .linear, .ridge, .lasso: return .numbers
        case .logistic: return .bools
        case .randomForest, .gradientBoosting: return .either
        case .kmeans: return .none
        }
    }

    /// One hyperparameter: its name, whether it is a whole number, its default and its range.
    public struct Hyperparameter: Sendable {
        public let name: String
        public let isInteger: Bool
        public let defaultValue: Double
        /// The smallest value allowed (excluded when `lowerIsOpen`).
        public let lower: Double
        public let lowerIsOpen: Bool
        public let upper: Double
        public let summary: String

        /// Whether `value` is allowed.
        public func accepts(_ value: Double) -> Bool {
            guard value.isFinite, !isInteger || value == value.rounded() else { return false }
            return (lowerIsOpen ? value > lower : value >= lower) && value <= upper
        }

        /// "a whole number from 1 to 10000", "a number above 0 and at most 1", ...
        public var expectation: String {
            let kind = isInteger ? "a whole number" : "a number"
            let low = lowerIsOpen ? "above \(Self.format(lower))" : "from \(Self.format(lower))"
            return upper.isInfinite ? "\(kind) \(lowerIsOpen ? low : "at least \(Self.format(lower))")"
                : "\(kind) \(low)\(lowerIsOpen ? " and at most" : " to") \(Self.format(upper))"
        }

        static func format(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        }
    }

    private static func integer(_ name: String, _ value: Double, _ lower: Double, _ upper: Double, _ summary: String) -> Hyperparameter {
        Hyperparameter(name: name, isInteger: true, defaultValue: value, lower: lower, lowerIsOpen: false, upper: upper, summary: summary)
    }

    private static func number(_ name: String, _ value: Double, above lower: Double, upTo upper: Double = .infinity, _ summary: String) -> Hyperparameter {
        Hyperparameter(name: name, isInteger: false, defaultValue: value, lower: lower, lowerIsOpen: true, upper: upper, summary: summary)
    }

    /// The largest seed: every whole number up to it is exact in a Double.
    public static let maximumSeed = 9_007_199_254_740_991.0

    /// The hyperparameters in the order the IR and the runtime take them.
    public var hyperparameters: [Hyperparameter] {
        let seed = Self.integer("seed", 0, 0, Self.maximumSeed, "seed of every random draw of the fit")
        switch self {
        case .linear: return []
        case .ridge: return [Self.number("alpha", 1, above: 0, "L2 penalty α‖w‖² (the intercept is not penalized)")]
        case .lasso: return [Self.number("alpha", 1, above: 0, "L1 penalty α‖w‖₁ of the objective (1/2n)‖y − Xw − b‖² + α‖w‖₁")]
        case .logistic: return [Self.number("c", 1, above: 0, "inverse regularization strength: C·Σ log-loss + ½‖w‖²")]
        case .randomForest:
            return [Self.integer("trees", 100, 1, 10_000, "trees in the forest"),
                    Self.integer("depth", 0, 0, 64, "the deepest a tree may grow (0: no limit)"),
                    Self.integer("min_leaf", 1, 1, 1_000_000, "fewest training rows in a leaf"),
                    Self.integer("max_features", 0, 0, 10_000, "features tried at each split (0: the square root of the feature count)"),
                    seed]
        case .gradientBoosting:
            return [Self.integer("trees", 100, 1, 10_000, "boosting rounds (trees)"),
                    Self.integer("depth", 6, 1, 32, "the deepest a tree may grow"),
                    Self.number("learning_rate", 0.1, above: 0, upTo: 1, "shrinkage of each tree's contribution"),
                    Self.integer("min_leaf", 20, 1, 1_000_000, "fewest training rows in a leaf"),
                    Self.number("subsample", 1, above: 0, upTo: 1, "share of the rows each tree is grown on"),
                    seed]
        case .kmeans:
            return [Self.integer("k", 3, 2, 1_000, "number of clusters"), seed]
        }
    }

    public var summary: String {
        switch self {
        case .linear: return "ordinary least squares with an intercept"
        case .ridge: return "least squares with an L2 penalty"
        case .lasso: return "least squares with an L1 penalty (coordinate descent)"
        case .logistic: return "L2-regularized logistic regression (a bool target)"
        case .randomForest: return "random forest of CART trees (a classifier for a bool target, a regressor otherwise)"
        case .gradientBoosting: return "histogram gradient boosting (a classifier for a bool target, a regressor otherwise)"
        case .kmeans: return "k-means clustering of the features (no target)"
        }
    }
}
