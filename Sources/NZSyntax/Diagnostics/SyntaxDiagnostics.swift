/// The lexer's and parser's messages (codes E1xxx, and E4001/E4002 for limits), one factory
/// per problem, sorted by name. Messages start lowercase, have no final period and quote code
/// in backticks.
public enum SyntaxDiagnostics {
    public static func chainedComparison(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1017"), "comparisons cannot be chained; combine them with `and`", at: range)
    }

    public static func duplicateStrategy(at range: SourceRange, first: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1016"), "a script has at most one `strategy` block", at: range,
                   notes: [DiagnosticNote("the first `strategy` block is here", at: first)])
    }

    public static func expected(_ what: String, found: Token) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1011"), "expected \(what), found \(describe(found))", at: found.range)
    }

    public static func expectedExpression(found: Token) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1010"), "expected an expression, found \(describe(found))", at: found.range)
    }

    public static func expectedItem(found: Token, inStrategy: Bool) -> Diagnostic {
        let what = inStrategy
            ? "a declaration or a rule (`let`, `param`, `fn`, `enter`, `exit`, `stop_loss`, `take_profit`, `size`, `costs`, `plot`)"
            : "a declaration (`import`, `let`, `param`, `fn`, `strategy`)"
        let words = inStrategy ? ["let", "param", "fn"] + Rule.words.sorted() : ["import", "let", "param", "fn", "strategy"]
        let suggestion = found.kind == .identifier ? SpellingSuggestion.closest(to: found.text, in: words) : nil
        return Diagnostic(.error, DiagnosticCode("E1012"), "expected \(what), found \(describe(found))" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                          at: found.range)
    }

    public static func expectedSide(found: Token) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1014"), "expected `long` or `short`, found \(describe(found))", at: found.range)
    }

    public static func numberTooLarge(_ text: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1004"), "number `\(text)` is too large", at: range,
                   notes: [DiagnosticNote("integers and durations must fit in 64 bits, floats must be finite")])
    }

    public static func invalidEscape(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1018"), "unknown escape sequence; use `\\n`, `\\t`, `\\\"` or `\\\\`", at: range)
    }

    public static func malformedNumber(_ text: String, at range: SourceRange) -> Diagnostic {
        var notes = [DiagnosticNote("numbers look like `12`, `1.5`, `1e-3`, `2.5%` or a duration such as `15m`")]
        if text.contains("%") { notes.append(DiagnosticNote("`%` right after a number makes a percent; for the remainder write `a % b` with spaces")) }
        return Diagnostic(.error, DiagnosticCode("E1003"), "malformed number `\(text)`", at: range, notes: notes)
    }

    public static func methodCall(_ name: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1019"), "`.\(name)(...)` is not a call: only names can be called", at: range,
                   notes: [DiagnosticNote("pass the value as the first argument instead, as in `\(name)(x, ...)`")])
    }

    public static func nestingTooDeep(at range: SourceRange, limit: Int) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E4001"), "expression nests deeper than \(limit) levels", at: range,
                   notes: [DiagnosticNote("split it into several `let` bindings")])
    }

    public static func ruleOutsideStrategy(_ word: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1013"), "`\(word)` rules belong inside a `strategy` block", at: range)
    }

    public static func sourceTooLarge(at range: SourceRange, bytes: Int) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E4002"),
                   "source file is \(bytes) bytes; the limit is \(Lexer.maximumSourceBytes) bytes", at: range)
    }

    public static func unexpectedCharacter(_ text: String, at range: SourceRange) -> Diagnostic {
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        let shown = printable ? "`\(text)`" : "U+" + String(text.unicodeScalars.first?.value ?? 0, radix: 16, uppercase: true)
        return Diagnostic(.error, DiagnosticCode("E1001"), "unexpected character \(shown)", at: range)
    }

    public static func onBlockAsItem(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1015"), "an `on` block is a value, not an item: name it, as in `let weekly = on 1w { sma(close, 20) }`",
                   at: range)
    }

    public static func modelInExpression(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1015"),
                   "`model` declares a model, as an item (`model m = ridge(features: [...], target: ..., train: ...)`); it is not a value", at: range)
    }

    public static func unterminatedComment(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1005"), "unterminated `/*` comment", at: range)
    }

    public static func unterminatedString(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, DiagnosticCode("E1002"), "unterminated string literal", at: range,
                   notes: [DiagnosticNote("a string ends with `\"` on the same line")])
    }

    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile: return "end of file"
        case .identifier: return "`\(token.text)`"
        case .string: return "string literal"
        default: return token.kind.isKeyword || token.text.count < 20 ? "`\(token.text)`" : token.kind.displayName
        }
    }
}
