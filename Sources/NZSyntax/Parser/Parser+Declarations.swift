extension Parser {
    /// item := import | let | param | fn | strategy | rule (inside a strategy only)
    mutating func parseItem(inStrategy: Bool) -> Item? {
        switch current.kind {
        case .kwImport: return parseImport()
        case .kwLet: return parseLet().map(Item.letDecl)
        case .kwParam: return parseParam()
        case .kwFn: return parseFunction()
        case .kwStrategy:
            if inStrategy {
                report(SyntaxDiagnostics.expectedItem(found: current, inStrategy: true))
                return nil
            }
            return parseStrategy()
        case .kwModel:
            return parseModel().map(Item.modelDecl)
        case .kwOn:
            report(SyntaxDiagnostics.onBlockAsItem(at: current.range))
            return nil
        case .identifier where Rule.words.contains(current.text):
            guard inStrategy else {
                report(SyntaxDiagnostics.ruleOutsideStrategy(current.text, at: current.range))
                return nil
            }
            return parseRule().map(Item.rule)
        default:
            report(SyntaxDiagnostics.expectedItem(found: current, inStrategy: inStrategy))
            return nil
        }
    }

    /// model := 'model' identifier '=' identifier '(' arguments ')'
    private mutating func parseModel() -> ModelDecl? {
        let start = advance().range
        guard let name = expectIdentifier("a name after `model`") else { return nil }
        guard expect(.assign, "`=` and a model kind, as in `model up = gradient_boosting(features: [...], target: ...)`") != nil else {
            return nil
        }
        guard let kind = expectIdentifier("a model kind (`linear`, `ridge`, `lasso`, `logistic`, `random_forest`, `gradient_boosting` or `kmeans`)") else {
            return nil
        }
        guard check(.leftParen) else {
            report(SyntaxDiagnostics.expected("`(` and the model's arguments after `\(kind.name)`", found: current))
            return nil
        }
        let arguments = parseArguments(of: kind.name)
        guard !isPanicking else { return nil }
        return ModelDecl(name: name, kind: kind, arguments: arguments, range: range(from: start))
    }

    private mutating func parseImport() -> Item? {
        let start = advance().range
        if check(.string) {
            let token = advance()
            return .importDecl(ImportDecl(module: token.text, isPath: true, range: range(from: start)))
        }
        guard let name = expectIdentifier("a module name or a quoted path after `import`") else { return nil }
        return .importDecl(ImportDecl(module: name.name, isPath: false, range: range(from: start)))
    }

    mutating func parseLet() -> LetDecl? {
        let start = advance().range
        guard let name = expectIdentifier("a name after `let`") else { return nil }
        let type = match(.colon) ? parseType() : nil
        guard expect(.assign, "`=` after the name of the `let`") != nil else { return nil }
        let value = parseExpression()
        return LetDecl(name: name, type: type, value: value, range: range(from: start))
    }

    private mutating func parseParam() -> Item? {
        let start = advance().range
        guard let name = expectIdentifier("a name after `param`") else { return nil }
        let type = match(.colon) ? parseType() : nil
        guard expect(.assign, "`=` and a default value: every `param` has one") != nil else { return nil }
        let defaultValue = parseExpression()
        var lower: Expr?
        var upper: Expr?
        var step: Expr?
        if match(.kwIn) {
            lower = parseExpression()
            expect(.ellipsis, "`...` between the bounds of the range")
            upper = parseExpression()
            if match(.kwStep) { step = parseExpression() }
        }
        return .paramDecl(ParamDecl(name: name, type: type, defaultValue: defaultValue, lower: lower,
                                    upper: upper, step: step, range: range(from: start)))
    }

    private mutating func parseFunction() -> Item? {
        let start = advance().range
        guard let name = expectIdentifier("a function name after `fn`") else { return nil }
        guard expect(.leftParen, "`(` to start the parameter list") != nil else { return nil }
        var parameters: [FunctionParameter] = []
        while !check(.rightParen), !check(.endOfFile) {
            guard let parameterName = expectIdentifier("a parameter name") else { return nil }
            let type = match(.colon) ? parseType() : nil
            let defaultValue = match(.assign) ? parseExpression() : nil
            parameters.append(FunctionParameter(name: parameterName, type: type, defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        guard expect(.rightParen, "`,` or `)` in the parameter list") != nil else { return nil }
        let returnType = match(.arrow) ? parseType() : nil
        let body: FunctionBody
        if match(.assign) {
            body = .expression(parseExpression())
        } else if check(.leftBrace) {
            guard let block = parseFunctionBlock() else {
                skipRestOfBlock()
                return nil
            }
            body = block
        } else {
            report(SyntaxDiagnostics.expected("`=` or `{` to start the body of `\(name.name)`", found: current))
            return nil
        }
        return .functionDecl(FunctionDecl(name: name, parameters: parameters, returnType: returnType,
                                          body: body, range: range(from: start)))
    }

    /// block := '{' let* 'return' expression '}'
    private mutating func parseFunctionBlock() -> FunctionBody? {
        advance()  // {
        var lets: [LetDecl] = []
        while check(.kwLet) {
            guard let decl = parseLet() else { return nil }
            lets.append(decl)
            if isPanicking { return nil }
        }
        guard let returnToken = expect(.kwReturn, "`let` or `return` in the function body") else { return nil }
        let value = parseExpression()
        guard expect(.rightBrace, "`}` after the `return` value") != nil else { return nil }
        return .block(lets, returnValue: value, returnRange: returnToken.range)
    }

    /// type := identifier ('<' type (',' type)* '>')?
    mutating func parseType() -> TypeAnnotation? {
        guard let name = expectIdentifier("a type such as `float` or `series<float>`") else { return nil }
        guard enterNesting() else { return nil }
        defer { depth -= 1 }
        var arguments: [TypeAnnotation] = []
        if match(.less) {
            repeat {
                guard let argument = parseType() else { return nil }
                arguments.append(argument)
            } while match(.comma)
            guard expect(.greater, "`>` to close the type arguments") != nil else { return nil }
        }
        return TypeAnnotation(name: name, arguments: arguments, range: range(from: name.range))
    }

    /// strategy := 'strategy' string '{' item* '}'
    private mutating func parseStrategy() -> Item? {
        let start = advance().range
        guard let nameToken = expect(.string, "the strategy's name as a string, as in `strategy \"SMA cross\" {`") else {
            return nil
        }
        guard expect(.leftBrace, "`{` to open the strategy block") != nil else { return nil }
        var items: [Item] = []
        isInStrategy = true
        defer { isInStrategy = false }
        while !check(.rightBrace), !check(.endOfFile) {
            let before = index
            if let item = parseItem(inStrategy: true) { items.append(item) }
            if index == before { advance() }
            if isPanicking { synchronize(inBlock: true) }
        }
        expect(.rightBrace, "`}` to close the strategy block")
        return .strategy(StrategyDecl(name: nameToken.text, nameRange: nameToken.range, items: items, range: range(from: start)))
    }
}
