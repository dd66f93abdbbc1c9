import NZSyntax
import Testing

/// The lexer and parser on their own: token shapes, ranges, recovery and limits.
@Suite struct SyntaxTests {
    static func parse(_ text: String) -> (Script, [Diagnostic]) {
        var sources = SourceMap()
        let id = sources.add(path: "t.nzs", text: text)
        let result = Parser.parse(sources[id])
        return (result.script, result.diagnostics.all)
    }

    @Test func lexesLiteralsWithTheirKinds() {
        let file = SourceFile(id: SourceFileID(0), path: "t.nzs", text: "12 1.5 .5 1e-3 2.5% 15m 4h 1d 1w \"a\\\"b\" x_1 ... -> <= == !=")
        let (tokens, diagnostics) = Lexer.tokenize(file)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.integer, .float, .float, .float, .percent, .duration, .duration, .duration, .duration,
                                       .string, .identifier, .ellipsis, .arrow, .lessEqual, .equal, .notEqual, .endOfFile])
        #expect(tokens[9].text == "a\"b")
        for token in tokens.dropLast() { #expect(file.text(of: token.range).isEmpty == false) }
    }

    @Test func rangesEndOnlyAfterStart() {
        let (script, _) = Self.parse("let a = sma(close, 20)[1] + if close > open then 1 else 2")
        guard case .letDecl(let decl) = script.items.first else { Issue.record("no let"); return }
        #expect(decl.value.range.start == 8)
        #expect(decl.range.end == 57)
    }

    @Test func reportsEveryItemsFirstErrorWithoutCascades() {
        let (_, diagnostics) = Self.parse("""
        let a = (1 +
        let b = 2 +* 3
        param p = 
        let c = close
        fn f(x = x
        """)
        #expect(diagnostics.count == 4, "\(diagnostics.map(\.message))")
        #expect(diagnostics.allSatisfy { $0.code.rawValue.hasPrefix("E1") })
    }

    @Test func boundsNestingWithADiagnostic() {
        let deep = "let x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let (_, diagnostics) = Self.parse(deep)
        #expect(diagnostics.map(\.code.rawValue) == ["E4001"])
        let chain = "let x = 1" + String(repeating: " + 1", count: 50_000)
        #expect(Self.parse(chain).1.map(\.code.rawValue) == ["E4001"])
    }

    @Test func refusesHugeSources() {
        let text = String(repeating: "let a = 1\n", count: Lexer.maximumSourceBytes / 10 + 1)
        let (_, diagnostics) = Self.parse(text)
        #expect(diagnostics.map(\.code.rawValue) == ["E4002"])
    }

    @Test func precedenceMatchesTheDocumentedLadder() {
        let (script, diagnostics) = Self.parse("let a = not 1 + 2 * 3 > 4 and true or false")
        #expect(diagnostics.isEmpty)
        guard case .letDecl(let decl) = script.items.first, case .binary(.or, let left, _) = decl.value.kind,
              case .binary(.and, let notExpr, _) = left.kind, case .unary(.not, let comparison) = notExpr.kind,
              case .binary(.greater, let sum, _) = comparison.kind, case .binary(.add, _, let product) = sum.kind,
              case .binary(.multiply, _, _) = product.kind else {
            Issue.record("unexpected tree")
            return
        }
    }

    @Test func ruleWordsAreContextual() {
        let (script, diagnostics) = Self.parse("let size = 3\nlet long = size * 2\nstrategy \"s\" {\n  enter long when close > open\n  size fixed(long)\n}")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(script.items.count == 3)
    }

    @Test func rendersCaretsUnderTheRange() {
        var sources = SourceMap()
        let id = sources.add(path: "bad.nzs", text: "let x = 1\nlet y = héllo + 2\n")
        let diagnostic = Diagnostic(.error, DiagnosticCode("E2001"), "unknown name `héllo`", at: SourceRange(file: id, start: 18, end: 24),
                                    notes: [DiagnosticNote("a note")])
        let text = DiagnosticRenderer(sources: sources).render(diagnostic)
        #expect(text == """
        bad.nzs:2:9: error: unknown name `héllo` [E2001]
            let y = héllo + 2
                    ^~~~~
        bad.nzs:2:9: note: a note

        """)
    }
}
