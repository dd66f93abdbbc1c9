import NZSyntax

/// When a value is known: at compile time (`const`), once per run (`param`), or per bar
/// (`series`). Ordered, so the variability of an expression is the maximum of its operands'.
public enum Variability: Int, Comparable, Hashable, Sendable {
    case const = 0
    case param = 1
    case series = 2

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A record: several named values, from a multi-output function such as `bbands(...)` (fields
/// `upper`, `middle`, `lower`) or a record literal `(low: a, high: b)`. Every field has the
/// record's variability.
public struct RecordType: Hashable, Sendable {
    public let name: String
    public let fields: [String]
    /// Each field's element type (builtin records hold floats).
    public let fieldTypes: [BaseType]

    public init(name: String, fields: [String], fieldTypes: [BaseType]? = nil) {
        self.name = name
        self.fields = fields
        self.fieldTypes = fieldTypes ?? fields.map { _ in .float }
    }
}

/// The element kind of a value.
public indirect enum BaseType: Hashable, Sendable {
    case int, float, bool, string, duration
    /// A percent literal or an expression scaling one (`2 * 1%`); numerically a fraction.
    case percent
    /// A position-sizing rule such as `percent_of_equity(95%)`; only `size` takes it.
    case sizing
    case record(RecordType)
    case list(BaseType)
    /// The type of an expression that already has an error; it matches everything, so one
    /// mistake is reported once.
    case error

    public var isNumeric: Bool {
        switch self {
        case .int, .float, .percent, .error: return true
        default: return false
        }
    }

    public var name: String {
        switch self {
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .string: return "string"
        case .duration: return "duration"
        case .percent: return "percent"
        case .sizing: return "sizing"
        case .record(let record): return record.name
        case .list(let element): return "list<\(element.name)>"
        case .error: return "<error>"
        }
    }
}

/// Where a look-ahead value came from: the expression that reads the future and how far.
public struct LabelOrigin: Hashable, Sendable {
    public let horizon: Int
    public let text: String
    public let range: SourceRange

    public init(horizon: Int, text: String, range: SourceRange) {
        self.horizon = horizon
        self.text = text
        self.range = range
    }
}

/// The static type of an NZS value: element kind, variability, and whether it is a
/// `label<T>` (derived from future bars, so usable only as a model's training target).
public struct ValueType: Hashable, Sendable, CustomStringConvertible {
    public var base: BaseType
    public var variability: Variability
    public var label: LabelOrigin?

    public init(_ base: BaseType, _ variability: Variability, label: LabelOrigin? = nil) {
        self.base = base
        self.variability = variability
        self.label = label
    }

    public static let error = ValueType(.error, .const)
    public static func series(_ base: BaseType) -> ValueType { ValueType(base, .series) }
    public static func const(_ base: BaseType) -> ValueType { ValueType(base, .const) }

    public var isError: Bool { base == .error }
    public var isLabel: Bool { label != nil }
    public var isSeries: Bool { variability == .series }

    /// `int`, `param int`, `series<float>`, `label<bool>`.
    public var description: String {
        if label != nil { return "label<\(base.name)>" }
        switch variability {
        case .const: return base.name
        case .param: return "param \(base.name)"
        case .series: return "series<\(base.name)>"
        }
    }
}
