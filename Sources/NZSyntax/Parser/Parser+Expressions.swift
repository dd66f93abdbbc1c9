extension Parser {
    /// expression := 'if' expression 'then' expression 'else' expression | or
    mutating func parseExpression() -> Expr {
        guard enterNesting() else { return makeExpr(.invalid, current.range) }
        defer { depth -= 1 }
        if check(.kwIf) { return parseConditional() }
        return parseBinary(minimumPrecedence: 1)
    }

    /// Increments the nesting depth; past the limit reports E4001 once and returns false.
    mutating func enterNesting() -> Bool {
        depth += 1
        if depth > Parser.maximumNestingDepth {
            depth -= 1
            if !isPanicking {
                report(SyntaxDiagnostics.nestingTooDeep(at: current.range, limit: Parser.maximumNestingDepth))
            }
            return false
        }
        return true
    }

    private mutating func parseConditional() -> Expr {
        let start = advance().range
        let condition = parseExpression()
        expect(.kwThen, "`then` after the condition of `if`")
        let whenTrue = parseExpression()
        expect(.kwElse, "`else`: every `if` expression needs both branches")
        let whenFalse = parseExpression()
        return makeExpr(.conditional(condition, whenTrue, whenFalse), range(from: start))
    }

    /// Precedence climbing over `BinaryOperator.precedence`; `not` sits between `and` and the
    /// comparisons, and comparisons do not chain.
    private mutating func parseBinary(minimumPrecedence: Int) -> Expr {
        var left = minimumPrecedence <= 3 && check(.kwNot) ? parseNot() : parseUnary()
        var chain = 0
        defer { depth -= chain }
        while let op = binaryOperator(current.kind), op.precedence >= minimumPrecedence {
            // `a + b + c ...` builds a tree one level deeper per operator: count it as nesting.
            guard enterNesting() else { return makeExpr(.invalid, left.range) }
            chain += 1
            advance()
            let right = parseBinary(minimumPrecedence: op.precedence + 1)
            if op.isComparison, let next = binaryOperator(current.kind), next.isComparison {
                report(SyntaxDiagnostics.chainedComparison(at: current.range))
            }
            left = makeExpr(.binary(op, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func parseNot() -> Expr {
        let start = advance().range
        guard enterNesting() else { return makeExpr(.invalid, start) }
        defer { depth -= 1 }
        let operand = check(.kwNot) ? parseNot() : parseBinary(minimumPrecedence: 4)
        return makeExpr(.unary(.not, operand), start.union(operand.range))
    }

    private mutating func parseUnary() -> Expr {
        if check(.minus) || check(.plus) {
            let token = advance()
            guard enterNesting() else { return makeExpr(.invalid, token.range) }
            defer { depth -= 1 }
            let operand = parseUnary()
            return makeExpr(.unary(token.kind == .minus ? .negate : .plus, operand), token.range.union(operand.range))
        }
        return parsePostfix(parsePrimary())
    }

    /// Calls bind to names only; `[n]` is history and `.name` a record field.
    private mutating func parsePostfix(_ base: Expr) -> Expr {
        var expr = base
        var chain = 0
        defer { depth -= chain }
        while true {
            if check(.leftBracket) || check(.dot) {
                // Each `[n]` or `.field` wraps the tree one level deeper.
                guard enterNesting() else { return makeExpr(.invalid, expr.range) }
                chain += 1
            }
            if check(.leftBracket) {
                advance()
                let offset = parseExpression()
                expect(.rightBracket, "`]` to close the history offset")
                expr = makeExpr(.history(expr, offset), range(from: expr.range))
            } else if check(.dot) {
                advance()
                guard let field = expectIdentifier("a field name after `.`") else { return expr }
                if check(.leftParen) {
                    // A method call; only a model has one (`m.importance(0)`), the checker says.
                    let arguments = parseArguments(of: "." + field.name)
                    expr = makeExpr(.method(expr, field, arguments), range(from: expr.range))
                    continue
                }
                expr = makeExpr(.field(expr, field), range(from: expr.range))
            } else {
                return expr
            }
        }
    }

    private mutating func parsePrimary() -> Expr {
        let token = current
        switch token.kind {
        case .integer:
            advance()
            let digits = token.text.filter { $0 != "_" }
            guard let value = Int64(String(digits)) else { return tooLarge(token) }
            return makeExpr(.integer(value), token.range)
        case .float:
            advance()
            let value = Double(String(token.text.filter { $0 != "_" })) ?? 0
            guard value.isFinite else { return tooLarge(token) }
            return makeExpr(.float(value), token.range)
        case .percent:
            advance()
            let number = String(token.text.dropLast().filter { $0 != "_" })
            guard let value = Double(number), value.isFinite else { return tooLarge(token) }
            return makeExpr(.percent(value), token.range)
        case .duration:
            advance()
            guard let seconds = durationSeconds(token.text) else { return tooLarge(token) }
            return makeExpr(.duration(seconds), token.range)
        case .string:
            advance()
            return makeExpr(.string(token.text), token.range)
        case .kwTrue, .kwFalse:
            advance()
            return makeExpr(.bool(token.kind == .kwTrue), token.range)
        case .kwNa:
            advance()
            return makeExpr(.na, token.range)
        case .kwIf:
            return parseExpression()
        case .identifier:
            if isInStrategy, token.isFirstOnLine, Rule.words.contains(token.text) {
                // A rule word opening a line inside a strategy starts the next rule, so the
                // expression before it is unfinished.
                report(SyntaxDiagnostics.expectedExpression(found: token))
                return makeExpr(.invalid, token.range)
            }
            advance()
            let name = Identifier(token.text, range: token.range)
            if check(.leftParen) { return parseCall(name) }
            return makeExpr(.name(token.text), token.range)
        case .leftParen:
            if peek(1).kind == .identifier, peek(2).kind == .colon { return parseRecord() }
            advance()
            let inner = parseExpression()
            expect(.rightParen, "`)` to close `(`")
            return inner
        case .leftBracket:
            return parseList()
        case .kwOn:
            return parseTimeframe()
        case .kwModel:
            report(SyntaxDiagnostics.modelInExpression(at: token.range))
            advance()  // not an item start here: recovery must not read a declaration into it
            return makeExpr(.invalid, token.range)
        default:
            report(SyntaxDiagnostics.expectedExpression(found: token))
            return makeExpr(.invalid, token.range)
        }
    }

    /// on := 'on' duration '{' expression '}'
    private mutating func parseTimeframe() -> Expr {
        let start = advance().range  // on
        guard check(.duration) else {
            report(SyntaxDiagnostics.expected("a duration such as `1w`, `1d` or `4h` after `on`", found: current))
            return makeExpr(.invalid, start)
        }
        let duration = parsePrimary()
        guard expect(.leftBrace, "`{` after the duration, as in `on 1w { sma(close, 20) }`") != nil else {
            return makeExpr(.invalid, range(from: start))
        }
        let body = parseExpression()
        guard expect(.rightBrace, "`}` to close the `on` block") != nil else { return makeExpr(.invalid, range(from: start)) }
        return makeExpr(.timeframe(duration, body), range(from: start))
    }

    private mutating func parseCall(_ callee: Identifier) -> Expr {
        let arguments = parseArguments(of: callee.name)
        return makeExpr(.call(callee, arguments), range(from: callee.range))
    }

    /// arguments := '(' (argument (',' argument)*)? ')', argument := (identifier ':')? expression
    mutating func parseArguments(of callee: String) -> [Argument] {
        advance()  // (
        var arguments: [Argument] = []
        while !check(.rightParen), !check(.endOfFile) {
            var label: Identifier?
            if check(.identifier), peek(1).kind == .colon {
                let token = advance()
                advance()
                label = Identifier(token.text, range: token.range)
            }
            arguments.append(Argument(label: label, value: parseExpression()))
            if isPanicking || !match(.comma) { break }
        }
        expect(.rightParen, "`,` or `)` in the argument list of `\(callee)`")
        return arguments
    }

    /// record := '(' identifier ':' expression (',' identifier ':' expression)* ','? ')'
    private mutating func parseRecord() -> Expr {
        let start = advance().range
        var fields: [RecordField] = []
        while check(.identifier), peek(1).kind == .colon {
            let name = advance()
            advance()  // :
            fields.append(RecordField(name: Identifier(name.text, range: name.range), value: parseExpression()))
            if isPanicking || !match(.comma) { break }
        }
        expect(.rightParen, "`,` or `)` in the record, whose fields are written `name: value`")
        return makeExpr(.record(fields), range(from: start))
    }

    private mutating func parseList() -> Expr {
        let start = advance().range
        var elements: [Expr] = []
        while !check(.rightBracket), !check(.endOfFile) {
            elements.append(parseExpression())
            if isPanicking || !match(.comma) { break }
        }
        expect(.rightBracket, "`,` or `]` in the list")
        return makeExpr(.list(elements), range(from: start))
    }

    private func binaryOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .kwOr: return .or
        case .kwAnd: return .and
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percentSign: return .remainder
        default: return nil
        }
    }

    private mutating func tooLarge(_ token: Token) -> Expr {
        report(SyntaxDiagnostics.numberTooLarge(token.text, at: token.range))
        return makeExpr(.invalid, token.range)
    }

    /// Seconds of a duration literal, or nil when it does not fit in 64 bits.
    private func durationSeconds(_ text: String) -> Int64? {
        guard let value = Int64(String(text.dropLast().filter { $0 != "_" })) else { return nil }
        let unit: Int64
        switch text.last {
        case "s": unit = 1
        case "m": unit = 60
        case "h": unit = 3_600
        case "d": unit = 86_400
        default: unit = 604_800
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? nil : product
    }
}
