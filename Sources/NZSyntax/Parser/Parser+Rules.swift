extension Parser {
    /// rule := ('enter' | 'exit') side 'when' expression
    ///       | ('stop_loss' | 'take_profit' | 'size') expression
    ///       | 'costs' identifier expression (',' identifier expression)*
    ///       | 'plot' expression (',' expression)*
    mutating func parseRule() -> Rule? {
        let keyword = advance()
        let kind: RuleKind
        switch keyword.text {
        case "enter", "exit":
            guard check(.identifier), let side = Side(rawValue: current.text) else {
                report(SyntaxDiagnostics.expectedSide(found: current))
                return nil
            }
            advance()
            guard expect(.kwWhen, "`when` and a condition, as in `\(keyword.text) \(side.rawValue) when ...`") != nil else {
                return nil
            }
            let condition = parseExpression()
            kind = keyword.text == "enter" ? .enter(side, condition) : .exit(side, condition)
        case "stop_loss": kind = .stopLoss(parseExpression())
        case "take_profit": kind = .takeProfit(parseExpression())
        case "size": kind = .size(parseExpression())
        case "costs":
            var items: [CostItem] = []
            repeat {
                guard let name = expectIdentifier("a cost name (`fee` or `slippage`)") else { return nil }
                items.append(CostItem(name: name, value: parseExpression()))
            } while match(.comma)
            kind = .costs(items)
        default:  // plot
            var values: [Expr] = [parseExpression()]
            while match(.comma) { values.append(parseExpression()) }
            kind = .plot(values)
        }
        return Rule(kind: kind, keywordRange: keyword.range, range: range(from: keyword.range))
    }
}
