import NZSyntax

/// What a written type means. `int` in a parameter list means "an int known for the whole
/// run" (const or param); `series<T>` accepts any variability; `label<T>` accepts look-ahead
/// values.
struct DeclaredType: Hashable {
    let base: BaseType
    let maximumVariability: Variability
    let allowsLabel: Bool

    var description: String {
        if allowsLabel { return "label<\(base.name)>" }
        return maximumVariability == .series ? "series<\(base.name)>" : base.name
    }

    /// Whether a value of `type` may be passed where this type is declared. A `label<T>`
    /// declaration takes only look-ahead values; whether a label may go into a non-label
    /// declaration is a look-ahead question (`type.label`), reported as such by the callers.
    func accepts(_ type: ValueType) -> Bool {
        if type.isError { return true }
        if allowsLabel, !type.isLabel { return false }
        guard type.variability <= maximumVariability else { return false }
        return Self.converts(type.base, to: base)
    }

    /// Implicit conversions: int to float, percent to float (as a fraction), and int/float to
    /// percent nowhere else.
    static func converts(_ from: BaseType, to: BaseType) -> Bool {
        if from == to || from == .error || to == .error { return true }
        switch (from, to) {
        case (.int, .float), (.percent, .float): return true
        default: return false
        }
    }
}

extension TypeAnnotation {
    static let scalarNames: [String: BaseType] = [
        "int": .int, "float": .float, "bool": .bool, "string": .string, "duration": .duration, "percent": .percent,
    ]

    /// Resolves the annotation, or returns a diagnostic explaining the accepted spellings.
    func resolve() -> Result<DeclaredType, Diagnostic> {
        if arguments.isEmpty, let base = Self.scalarNames[name.name] {
            return .success(DeclaredType(base: base, maximumVariability: .param, allowsLabel: false))
        }
        if (name.name == "series" || name.name == "label"), arguments.count == 1,
           arguments[0].arguments.isEmpty, let base = Self.scalarNames[arguments[0].name.name] {
            return .success(DeclaredType(base: base, maximumVariability: .series, allowsLabel: name.name == "label"))
        }
        return .failure(SemaDiagnostics.unknownType(description, at: range))
    }
}
