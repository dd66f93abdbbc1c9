/// Why a model could not be fitted. Fitting never traps on its input: empty or all-`na` data,
/// a shape mismatch, an out-of-range hyperparameter, targets a classifier cannot use and a
/// solver that could not finish are each one of these cases, for the caller to report.
public enum MLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No row is left once rows with a non-finite feature or target are skipped.
    case noUsableRows
    /// Fewer usable rows than the model needs (for example fewer rows than `k` clusters).
    case tooFewRows(needed: Int, found: Int)
    /// More usable rows than the model can index (row numbers are 32-bit in the tree builders).
    case tooManyRows(limit: Int, found: Int)
    /// The matrix has no columns.
    case noFeatures
    /// The matrix and the targets disagree on the number of rows.
    case shapeMismatch(rows: Int, targets: Int)
    /// A hyperparameter outside its range: its name, value and the accepted range in words.
    case invalidParameter(name: String, value: Double, expected: String)
    /// A classifier was given targets other than 0 and 1.
    case nonBinaryTargets
    /// A classifier was given targets of one class only.
    case singleClass
    /// The numerical solver failed (for example an overflow to infinity in the data).
    case solverFailed(String)

    public var description: String {
        switch self {
        case .noUsableRows:
            return "no usable rows: every row has an na or infinite feature or target"
        case .tooFewRows(let needed, let found):
            return "too few usable rows: \(found), the model needs at least \(needed)"
        case .tooManyRows(let limit, let found):
            return "too many usable rows: \(found), the model handles at most \(limit)"
        case .noFeatures:
            return "the model has no features"
        case .shapeMismatch(let rows, let targets):
            return "\(rows) feature rows but \(targets) targets"
        case .invalidParameter(let name, let value, let expected):
            return "`\(name)` is \(value); expected \(expected)"
        case .nonBinaryTargets:
            return "a classifier needs targets that are 0 or 1"
        case .singleClass:
            return "a classifier needs targets of both classes, 0 and 1"
        case .solverFailed(let reason):
            return "the solver failed: \(reason)"
        }
    }
}
