/// How many features a random-forest split tries (scikit-learn's `max_features`).
public enum FeatureSubset: Sendable, Hashable {
    /// √p for classification, all p features for regression (scikit-learn's defaults).
    case automatic
    /// Every feature.
    case all
    /// max(1, ⌊√p⌋).
    case squareRoot
    /// Exactly this many, clamped to 1...p.
    case count(Int)
    /// max(1, ⌊fraction × p⌋) for a fraction in (0, 1].
    case fraction(Double)

    /// The language's single number: a whole number ≥ 1 is a count (`3` tries 3 features), a
    /// value in (0, 1) is a fraction of the features (`0.5`); anything else (0, negative, `na`)
    /// means `.automatic`.
    public init(number: Double) {
        if number >= 1, number.isFinite {
            self = .count(Int(number.rounded(.down)))
        } else if number > 0, number < 1 {
            self = .fraction(number)
        } else {
            self = .automatic
        }
    }

    /// The number of features to try with `features` features in all (at least 1, at most
    /// `features`).
    public func resolve(features: Int, isClassification: Bool) -> Int {
        let p = max(1, features)
        let squareRootCount = max(1, Int(Double(p).squareRoot().rounded(.down)))
        switch self {
        case .automatic: return isClassification ? squareRootCount : p
        case .all: return p
        case .squareRoot: return squareRootCount
        case .count(let n): return min(p, max(1, n))
        case .fraction(let f):
            guard f.isFinite, f > 0 else { return 1 }
            return min(p, max(1, Int((min(f, 1) * Double(p)).rounded(.down))))
        }
    }
}
