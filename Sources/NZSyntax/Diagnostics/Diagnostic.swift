/// How serious a diagnostic is. Only errors stop compilation.
public enum Severity: String, Sendable {
    case error
    case warning
    case note
}

/// A stable diagnostic code such as `E1001`. The letter and first digit name the stage:
/// E1 lexing and parsing, E2 names and types, E3 look-ahead and time, E4 limits and IR,
/// R5 runtime and data. `docs/diagnostics.md` documents each one with an example and its fix.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// A secondary message attached to a diagnostic, with its own location.
public struct DiagnosticNote: Hashable, Sendable {
    public let message: String
    public let range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One problem found in user input. Stages return diagnostics as values; only the CLI or the
/// REPL renders them (see `DiagnosticRenderer`).
public struct Diagnostic: Hashable, Sendable {
    public let severity: Severity
    public let code: DiagnosticCode
    public let message: String
    public let range: SourceRange
    public let notes: [DiagnosticNote]

    public init(
        _ severity: Severity = .error, _ code: DiagnosticCode, _ message: String,
        at range: SourceRange, notes: [DiagnosticNote] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.notes = notes
    }

    public var isError: Bool { severity == .error }
}

/// An ordered collection of diagnostics that drops exact duplicates (a function body checked
/// at several call sites reports each of its errors once).
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) {
        if seen.insert(diagnostic).inserted { all.append(diagnostic) }
    }

    public mutating func append(contentsOf other: Diagnostics) {
        for diagnostic in other.all { append(diagnostic) }
    }

    public var hasErrors: Bool { all.contains { $0.isError } }
    public var isEmpty: Bool { all.isEmpty }
    public var count: Int { all.count }

    /// Diagnostics in source order (file, then offset), the order they are printed in.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.range, rhs.element.range)
            if a.file != b.file { return a.file < b.file }
            if a.start != b.start { return a.start < b.start }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}

extension Diagnostic: Error {}
