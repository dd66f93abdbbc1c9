import NZSyntax

/// Sema's messages: E2xxx names and types, E3xxx look-ahead and time, E4xxx limits. One
/// factory per problem, sorted by name.
public enum SemaDiagnostics {
    static func argumentCount(_ callee: String, expected: String, got: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2004"), "`\(callee)` takes \(expected), but \(got) were given", at: range)
    }

    static func argumentType(_ parameter: String, of callee: String, expected: String, got: ValueType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2005"),
                   "argument `\(parameter)` of `\(callee)` must be \(expected), found `\(got)`", at: range)
    }

    static func badRuleType(_ rule: String, expected: String, got: ValueType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2015"), "`\(rule)` needs \(expected), found `\(got)`", at: range)
    }

    static func badRuleValue(_ rule: String, _ expected: String, value: Double, isPercent: Bool, at range: SourceRange) -> Diagnostic {
        let shown = value.isNaN ? "na" : isPercent ? ASTPrinter.formatNumber(value * 100) + "%" : ASTPrinter.formatNumber(value)
        return Diagnostic(.error, DiagnosticCode("E2025"), "`\(rule)` needs \(expected), found \(shown)", at: range)
    }

    static func conditionNotBool(_ got: ValueType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2009"), "the condition of `if` must be a bool, found `\(got)`", at: range)
    }

    static func declaredTypeMismatch(_ what: String, declared: String, got: ValueType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2021"), "\(what) is declared `\(declared)` but its value is `\(got)`", at: range)
    }

    static func duplicateArgument(_ name: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2004"), "argument `\(name)` is given twice", at: range)
    }

    static func duplicateDefinition(_ name: String, at range: SourceRange, previous: SourceRange?) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2007"), "`\(name)` is already defined", at: range,
                   notes: previous.map { [DiagnosticNote("the earlier definition is here", at: $0)] } ?? [])
    }

    static func duplicateRule(_ rule: String, at range: SourceRange, previous: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2016"), "a strategy has at most one `\(rule)` rule", at: range,
                   notes: [DiagnosticNote("the first `\(rule)` rule is here", at: previous)])
    }

    static func functionTooDeep(_ name: String, limit: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E4003"),
                   "calls of user functions nest deeper than \(limit) levels at `\(name)`", at: range)
    }

    static func tooManyInlinedCalls(limit: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E4003"), "the program expands to more than \(limit) user function calls", at: range,
                   notes: [DiagnosticNote("a function that calls another several times multiplies at each level; bind repeated calls to a `let`")])
    }

    static func historyOffsetNegative(_ offset: String, at range: SourceRange, note: DiagnosticNote? = nil) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E3002"),
                   "history offset \(offset) negative: `x[n]` reads n bars back, and reading forward would look ahead",
                   at: range, notes: note.map { [$0] } ?? [DiagnosticNote("use `future_return(n)` and friends as a model target instead")])
    }

    static func historyOffsetSeries(_ got: ValueType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E3003"),
                   "history offset must be an int known for the whole run (const or param), found `\(got)`", at: range)
    }

    static func importCycle(_ module: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2014"), "import of `\(module)` forms a cycle", at: range)
    }

    static func importNotFound(_ module: String, searched: [String], at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2013"), "cannot find module `\(module)`", at: range,
                   notes: searched.isEmpty ? [] : [DiagnosticNote("looked in: \(searched.joined(separator: ", "))")])
    }

    static func incompatibleBranches(_ a: ValueType, _ b: ValueType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2010"), "the branches of `if` have incompatible types `\(a)` and `\(b)`", at: range)
    }

    static func invalidParam(_ message: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2011"), message, at: range)
    }

    static func lengthNotPositive(_ parameter: String, of callee: String, value: String, at range: SourceRange, note: DiagnosticNote? = nil) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2018"), "`\(parameter)` of `\(callee)` must be at least 1, found \(value)",
                   at: range, notes: note.map { [$0] } ?? [])
    }

    static func lengthNotRunConstant(_ parameter: String, of callee: String, got: ValueType, isLength: Bool, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2006"),
                   "`\(parameter)` of `\(callee)` must be known for the whole run (a constant or a `param`), found `\(got)`",
                   at: range, notes: isLength ? [DiagnosticNote("window lengths cannot change from bar to bar")] : [])
    }

    /// The look-ahead error: a label reached a place that acts on or shows bar-by-bar values.
    static func lookAhead(_ origin: LabelOrigin, reaches place: String, at range: SourceRange) -> Diagnostic {
        let bars = origin.horizon == 1 ? "1 bar" : "\(origin.horizon) bars"
        var notes: [DiagnosticNote] = []
        if origin.range != range {
            notes.append(DiagnosticNote("`\(origin.text)` is read here", at: origin.range))
        }
        notes.append(DiagnosticNote("a look-ahead label can only be the `target:` of a model"))
        return Diagnostic(.error, DiagnosticCode("E3001"),
                          "`\(origin.text)` reads \(bars) ahead; it cannot reach \(place)", at: range, notes: notes)
    }

    static func missingArgument(_ name: String, callee: String, parameters: [String], at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2004"), "missing argument `\(name)` in call to `\(callee)(\(parameters.joined(separator: ", ")))`", at: range)
    }

    static func noSuchField(_ field: String, of record: RecordType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2008"), "`\(record.name)` has no field `\(field)`", at: range,
                   notes: [DiagnosticNote("its fields are \(record.fields.map { "`\($0)`" }.joined(separator: ", "))")])
    }

    static func notARecord(_ got: ValueType, field: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2008"), "`\(got)` has no fields; cannot read `.\(field)`", at: range)
    }

    static func operandType(_ op: String, _ got: ValueType, expected: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2003"), "operator `\(op)` needs \(expected), found `\(got)`", at: range)
    }

    static func recordNeedsField(_ record: RecordType, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2023"), "`\(record.name)` returns several values; pick one", at: range,
                   notes: [DiagnosticNote("add one of \(record.fields.map { "`.\($0)`" }.joined(separator: ", "))")])
    }

    /// `chain` is the cycle of calls, first and last the same function.
    static func recursion(_ chain: [String], at range: SourceRange) -> Diagnostic {
        let name = chain.first ?? "?"
        let path = chain.count > 2 ? " through " + chain.dropFirst().dropLast().map { "`\($0)`" }.joined(separator: ", ") : ""
        return Diagnostic(.error, DiagnosticCode("E2012"), "`\(name)` calls itself\(path); recursive functions are not supported", at: range)
    }

    static func parameterNeedsDefault(_ name: String, after previous: Identifier, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2026"),
                   "parameter `\(name)` needs a default: it follows `\(previous.name)`, which has one", at: range,
                   notes: [DiagnosticNote("`\(previous.name)` gets its default here", at: previous.range)])
    }

    static func redefinesBuiltin(_ name: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2019"), "`\(name)` is a builtin and cannot be redefined", at: range)
    }

    static func unknownSetting(_ name: String, group: String, names: [String], suggestion: String?, at range: SourceRange) -> Diagnostic {
        let kind = group == "costs" ? "cost" : "instrument setting"
        return Diagnostic(.error, DiagnosticCode("E2020"),
                          "unknown \(kind) `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""), at: range,
                          notes: [DiagnosticNote("`\(group)` takes " + names.map { "`\($0)`" }.joined(separator: ", "))])
    }

    static func constraintNeverHolds(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2029"), "this `constraint` is false whatever the params are, so no run could meet it", at: range)
    }

    static func badFill(_ name: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2028"), "`fill` is `open` (the next bar's open) or `close` (the signal bar's close), found `\(name)`",
                   at: range)
    }

    static func outerSeriesInTimeframe(_ name: String, at range: SourceRange, definedAt: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E3004"),
                   "`\(name)` is a series of the script's bars; inside an `on` block only the higher timeframe's own values can be used",
                   at: range,
                   notes: [DiagnosticNote("`\(name)` is defined here, outside the block", at: definedAt),
                           DiagnosticNote("compute it inside the block (`on 1w { sma(close, 20) }`), or pass params and constants")])
    }

    static func nestedTimeframe(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E3005"), "an `on` block cannot contain another `on` block", at: range)
    }

    static func pricedEntryNotAlone(_ side: String, at range: SourceRange, previous: SourceRange?) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2027"),
                   "an `enter \(side)` rule with a `limit` or `stop` price must be the only `enter \(side)` rule", at: range,
                   notes: previous.map { [DiagnosticNote("the other `enter \(side)` rule is here", at: $0)] } ?? [])
    }

    static func unknownFunction(_ name: String, suggestion: String?, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2002"),
                   "unknown function `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""), at: range)
    }

    static func unknownName(_ name: String, suggestion: String?, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2001"),
                   "unknown name `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""), at: range)
    }

    static func usedBeforeDefinition(_ name: String, at range: SourceRange, definition: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2001"), "unknown name `\(name)`: it is defined later", at: range,
                   notes: [DiagnosticNote("`\(name)` is defined here; values must be defined before they are used", at: definition)])
    }

    static func unknownNamedArgument(_ name: String, of callee: String, suggestion: String?, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2004"),
                   "`\(callee)` has no parameter `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""), at: range)
    }

    static func unknownType(_ name: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2024"), "unknown type `\(name)`", at: range,
                   notes: [DiagnosticNote("types are `int`, `float`, `bool`, `string`, `duration`, `percent`, `series<T>` and `label<T>`")])
    }

    static func unknownModelKind(_ name: String, kinds: [String], suggestion: String?, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2032"), "unknown model kind `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""), at: range,
                   notes: [DiagnosticNote("the kinds are \(kinds.map { "`\($0)`" }.joined(separator: ", "))")])
    }

    static func badModelArgument(_ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2033"), message, at: range, notes: notes)
    }

    static func purgeBelowHorizon(_ purge: Int, horizon: Int, at range: SourceRange, target: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E3006"),
                   "`purge \(purge)` is below the target's horizon of \(horizon) bars: the fit at bar t would use labels not known until after t",
                   at: range, notes: [DiagnosticNote("the target reads \(horizon) bar\(horizon == 1 ? "" : "s") ahead", at: target)])
    }

    static func unsupportedValue(_ what: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E2022"), what, at: range)
    }
}
