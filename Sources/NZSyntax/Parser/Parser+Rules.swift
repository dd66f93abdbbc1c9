extension Parser {
    /// rule := 'enter' side 'when' expression (('limit' | 'stop') expression)?
    ///       | 'exit' side 'when' expression
    ///       | ('stop_loss' | 'take_profit' | 'trailing_stop' | 'size' | 'pyramiding') expression
    ///       | 'costs' setting (',' setting)*
    ///       | 'instrument' '{' (setting ','?)* '}'
    ///       | 'fill' ':'? ('open' | 'close')
    ///       | 'plot' expression (',' expression)*
    ///       | 'constraint' expression
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
            if keyword.text == "exit" {
                kind = .exit(side, condition)
            } else {
                var order: EntryOrder?
                if check(.identifier), let orderKind = EntryOrderKind(rawValue: current.text) {
                    let word = advance()
                    order = EntryOrder(kind: orderKind, price: parseExpression(), keywordRange: word.range)
                }
                kind = .enter(side, condition, order)
            }
        case "stop_loss": kind = .stopLoss(parseExpression())
        case "take_profit": kind = .takeProfit(parseExpression())
        case "trailing_stop": kind = .trailingStop(parseExpression())
        case "size": kind = .size(parseExpression())
        case "pyramiding": kind = .pyramiding(parseExpression())
        case "constraint": kind = .constraint(parseExpression())
        case "costs":
            var items: [SettingItem] = []
            repeat {
                guard let name = expectIdentifier("a cost name (`fee`, `fee_fixed`, `slippage`, `slippage_ticks` or `funding`)") else { return nil }
                items.append(SettingItem(name: name, value: parseExpression()))
            } while match(.comma)
            kind = .costs(items)
        case "instrument":
            guard expect(.leftBrace, "`{` after `instrument`, as in `instrument { tick_size 0.01 }`") != nil else { return nil }
            var items: [SettingItem] = []
            while !check(.rightBrace), !check(.endOfFile) {
                guard let name = expectIdentifier("an instrument setting (`tick_size`, `lot_step`, `min_qty`, `leverage` or `maintenance_margin`) or `}`") else {
                    return nil
                }
                items.append(SettingItem(name: name, value: parseExpression()))
                _ = match(.comma)
            }
            guard expect(.rightBrace, "`}` to close the `instrument` block") != nil else { return nil }
            kind = .instrument(items)
        case "fill":
            _ = match(.colon)
            guard let place = expectIdentifier("`open` or `close` after `fill`, as in `fill: close`") else { return nil }
            kind = .fill(place)
        default:  // plot
            var values: [Expr] = [parseExpression()]
            while match(.comma) { values.append(parseExpression()) }
            kind = .plot(values)
        }
        return Rule(kind: kind, keywordRange: keyword.range, range: range(from: keyword.range))
    }
}
