/// The recursive-descent parser: tokens in, a `Script` and diagnostics out.
///
/// Design:
/// - Newlines carry no meaning; every item starts with a keyword (`let`, `param`, `fn`,
///   `import`, `strategy`) or, inside a strategy block, with a rule word (`enter`, `exit`,
///   `stop_loss`, `take_profit`, `size`, `costs`, `plot`), so an item ends where the next begins.
/// - Recovery: after the first error in an item the parser is "panicking" and reports nothing
///   more until it resynchronises on the next item start (`synchronize()`), so one mistake
///   gives one message, and every item's first mistake is reported in one run.
/// - Nesting is bounded by `maximumNestingDepth`: deeper input gets E4001, never a stack
///   overflow.
/// - It never throws and never prints.
public struct Parser {
    /// Deepest expression tree accepted: parentheses, calls, prefix operators, `if`, each
    /// operator of a chain such as `a + b + c` and each `[n]` or `.field` add a level. Every
    /// later stage walks the tree recursively, a few stack frames per level, so the limit keeps
    /// even an unoptimised build far inside a 512 KiB thread stack.
    public static let maximumNestingDepth = 100

    let tokens: [Token]
    var index = 0
    var diagnostics = Diagnostics()
    var isPanicking = false
    var depth = 0
    var isInStrategy = false
    var nextNodeID: Int
    let file: SourceFileID

    public init(tokens: [Token], file: SourceFileID, firstNodeID: Int = 0) {
        self.tokens = tokens
        self.file = file
        self.nextNodeID = firstNodeID
    }

    /// Lexes and parses one file. Node IDs start at `firstNodeID` so that several files of a
    /// compilation get distinct IDs.
    public static func parse(_ file: SourceFile, firstNodeID: Int = 0) -> (script: Script, diagnostics: Diagnostics, nextNodeID: Int) {
        let (tokens, lexDiagnostics) = Lexer.tokenize(file)
        var parser = Parser(tokens: tokens, file: file.id, firstNodeID: firstNodeID)
        let script = parser.parseScript()
        var diagnostics = lexDiagnostics
        // After a lexical error (an unterminated string swallows the rest of its line, a stray
        // character splits an expression) later syntax errors are most likely its echoes:
        // only those before it are reported.
        let firstLexicalError = lexDiagnostics.all.map(\.range.start).min() ?? Int.max
        for diagnostic in parser.diagnostics.all where diagnostic.range.start < firstLexicalError {
            diagnostics.append(diagnostic)
        }
        return (script, diagnostics, parser.nextNodeID)
    }

    public mutating func parseScript() -> Script {
        var items: [Item] = []
        var firstStrategy: SourceRange?
        while !check(.endOfFile) {
            let before = index
            if let item = parseItem(inStrategy: false) {
                if case .strategy(let strategy) = item {
                    if let first = firstStrategy {
                        report(SyntaxDiagnostics.duplicateStrategy(at: strategy.nameRange, first: first))
                    } else {
                        firstStrategy = strategy.nameRange
                    }
                }
                items.append(item)
            }
            if index == before { advance() }
            if isPanicking { synchronize(inBlock: false) }
        }
        return Script(file: file, items: items)
    }

    // MARK: - Token access

    var current: Token { tokens[index] }
    var previous: Token { tokens[max(0, index - 1)] }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    /// Consumes a token of `kind`, or reports what was expected and returns nil without consuming.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String? = nil) -> Token? {
        if check(kind) { return advance() }
        report(SyntaxDiagnostics.expected(what ?? kind.displayName, found: current))
        return nil
    }

    mutating func expectIdentifier(_ what: String) -> Identifier? {
        guard check(.identifier) else {
            report(SyntaxDiagnostics.expected(what, found: current))
            return nil
        }
        let token = advance()
        return Identifier(token.text, range: token.range)
    }

    // MARK: - Diagnostics and nodes

    /// Records an error unless the parser is already recovering from one.
    mutating func report(_ diagnostic: Diagnostic) {
        guard !isPanicking else { return }
        isPanicking = true
        // The lexer already reported a rejected character; anything said about it here would
        // be a follow-on error.
        guard current.kind != .unknown else { return }
        diagnostics.append(diagnostic)
    }

    mutating func makeExpr(_ kind: ExprKind, _ range: SourceRange) -> Expr {
        defer { nextNodeID += 1 }
        return Expr(id: NodeID(nextNodeID), range: range, kind: kind)
    }

    func range(from start: SourceRange) -> SourceRange {
        let end = index > 0 ? previous.range.end : start.end
        return SourceRange(file: file, start: start.start, end: max(start.end, end))
    }

    /// True when the current token is a rule word at the start of a line.
    var isAtRuleWord: Bool {
        check(.identifier) && Rule.words.contains(current.text)
    }
}

extension Parser {
    /// Parses a whole token stream as one expression (for `nzs eval --expr` and the REPL);
    /// anything left over is an error.
    public mutating func parseStandaloneExpression() -> Expr {
        let expr = parseExpression()
        if !check(.endOfFile) {
            report(SyntaxDiagnostics.expected("the end of the expression", found: current))
        }
        return expr
    }

    /// The next unused node ID, to continue numbering in another file.
    public var nextNodeIDValue: Int { nextNodeID }

    /// The diagnostics reported so far.
    public var diagnosticsValue: Diagnostics { diagnostics }
}
