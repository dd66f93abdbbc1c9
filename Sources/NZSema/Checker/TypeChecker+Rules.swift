import NZSyntax

extension TypeChecker {
    func checkRule(_ rule: Rule) {
        guard strategy != nil else { return }
        switch rule.kind {
        case .enter(let side, let condition), .exit(let side, let condition):
            let isEnter: Bool
            if case .enter = rule.kind { isEnter = true } else { isEnter = false }
            let value = check(condition)
            guard requireEvaluable(value, place: "a trading rule", at: condition.range) else { return }
            guard value.type.base == .bool else {
                report(SemaDiagnostics.badRuleType("\(isEnter ? "enter" : "exit") \(side.rawValue) when", expected: "a bool condition",
                                                   got: value.type, at: condition.range))
                return
            }
            if isEnter { strategy?.enter[side, default: []].append(value) } else { strategy?.exit[side, default: []].append(value) }
        case .stopLoss(let value), .takeProfit(let value):
            let name: String
            if case .stopLoss = rule.kind { name = "stop_loss" } else { name = "take_profit" }
            guard unique(name, rule) else { return }
            let typed = check(value)
            guard requireEvaluable(typed, place: "`\(name)`", at: value.range) else { return }
            guard typed.type.base.isNumeric else {
                report(SemaDiagnostics.badRuleType(name, expected: "a price distance or a percent", got: typed.type, at: value.range))
                return
            }
            if let constant = ConstantEvaluator.value(of: typed), !(constant > 0 && constant.isFinite) {
                report(SemaDiagnostics.badRuleValue(name, "a distance above 0", value: constant, isPercent: typed.type.base == .percent, at: value.range))
                return
            }
            let distance = DistanceRule(value: typed, isPercent: typed.type.base == .percent, range: value.range)
            if name == "stop_loss" { strategy?.stopLoss = distance } else { strategy?.takeProfit = distance }
        case .size(let value):
            guard unique("size", rule) else { return }
            let typed = check(value)
            guard requireEvaluable(typed, place: "`size`", at: value.range) else { return }
            guard typed.type.base == .sizing, case .builtin(let builtin, let arguments) = typed.kind,
                  let kind = SizingKind(rawValue: builtin.rawValue) else {
                report(SemaDiagnostics.badRuleType("size", expected: "a sizing such as `percent_of_equity(95%)`, `all_in()`, `fixed(1)` or `cash(1000)`",
                                                   got: typed.type, at: value.range))
                return
            }
            if let constant = ConstantEvaluator.value(of: arguments[0]) {
                let valid = kind == .allIn || (constant > 0 && constant.isFinite && (kind != .percentOfEquity || constant <= 1))
                guard valid else {
                    let expected = kind == .percentOfEquity ? "a fraction above 0% and at most 100%" : "an amount above 0"
                    report(SemaDiagnostics.badRuleValue("size \(builtin.rawValue)", expected, value: constant,
                                                        isPercent: arguments[0].type.base == .percent, at: arguments[0].range))
                    return
                }
            }
            strategy?.size = SizingRule(kind: kind, argument: arguments[0], range: value.range)
        case .costs(let items):
            guard unique("costs", rule) else { return }
            for item in items { checkCost(item) }
        case .plot(let values):
            for value in values {
                let typed = check(value)
                guard requireEvaluable(typed, place: "a plot", at: value.range) else { continue }
                strategy?.plots.append(NamedValue(name: text(of: value.range), value: typed, range: value.range))
            }
        }
    }

    private func checkCost(_ item: CostItem) {
        let typed = check(item.value)
        guard item.name.name == "fee" || item.name.name == "slippage" else {
            report(SemaDiagnostics.unknownCost(item.name.name, suggestion: SpellingSuggestion.closest(to: item.name.name, in: ["fee", "slippage"]),
                                               at: item.name.range))
            return
        }
        guard requireEvaluable(typed, place: "`costs`", at: item.value.range) else { return }
        guard typed.type.base.isNumeric, typed.type.variability <= .param else {
            report(SemaDiagnostics.badRuleType("costs \(item.name.name)", expected: "a percent known for the whole run, such as `0.1%`",
                                               got: typed.type, at: item.value.range))
            return
        }
        if let value = ConstantEvaluator.value(of: typed), !(value >= 0 && value < 1) {
            report(SemaDiagnostics.badRuleValue("costs \(item.name.name)", "a fraction from 0% up to (not including) 100%", value: value,
                                                isPercent: typed.type.base == .percent, at: item.value.range))
            return
        }
        if item.name.name == "fee" { strategy?.fee = typed } else { strategy?.slippage = typed }
    }

    private func unique(_ name: String, _ rule: Rule) -> Bool {
        if let previous = ruleRanges[name] {
            report(SemaDiagnostics.duplicateRule(name, at: rule.keywordRange, previous: previous))
            return false
        }
        ruleRanges[name] = rule.keywordRange
        return true
    }

    /// A value that reaches a rule, a plot or an output must not look ahead and must be a
    /// single number or bool. Reports and returns false otherwise.
    @discardableResult
    func requireEvaluable(_ value: TypedExpr, place: String, at range: SourceRange) -> Bool {
        if value.type.isError { return false }
        if let origin = value.type.label {
            report(SemaDiagnostics.lookAhead(origin, reaches: place, at: range))
            return false
        }
        switch value.type.base {
        case .record(let record):
            report(SemaDiagnostics.recordNeedsField(record, at: range))
            return false
        case .list, .string, .duration:
            report(SemaDiagnostics.unsupportedValue("\(place) takes a number or a bool, not `\(value.type)`", at: range))
            return false
        case .sizing:
            return place == "`size`" || {
                report(SemaDiagnostics.unsupportedValue("a sizing value belongs in the `size` rule", at: range))
                return false
            }()
        default:
            return true
        }
    }
}
