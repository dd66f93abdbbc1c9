import NZSyntax

extension TypeChecker {
    func checkRule(_ rule: Rule) {
        guard strategy != nil else { return }
        switch rule.kind {
        case .enter(let side, let condition, _), .exit(let side, let condition):
            checkSignal(rule, side: side, condition: condition)
        case .stopLoss(let value), .takeProfit(let value), .trailingStop(let value):
            let name: String
            switch rule.kind {
            case .stopLoss: name = "stop_loss"
            case .takeProfit: name = "take_profit"
            default: name = "trailing_stop"
            }
            guard unique(name, rule), let distance = checkDistance(value, rule: name) else { return }
            switch name {
            case "stop_loss": strategy?.stopLoss = distance
            case "take_profit": strategy?.takeProfit = distance
            default: strategy?.trailingStop = distance
            }
        case .size(let value):
            guard unique("size", rule) else { return }
            checkSize(value)
        case .pyramiding(let value):
            guard unique("pyramiding", rule) else { return }
            let typed = check(value)
            guard requireEvaluable(typed, place: "`pyramiding`", at: value.range) else { return }
            guard typed.type.base == .int, typed.type.variability <= .param else {
                report(SemaDiagnostics.badRuleType("pyramiding", expected: "an int known for the whole run, such as `3`", got: typed.type, at: value.range))
                return
            }
            if let constant = ConstantEvaluator.value(of: typed), !(constant >= 1 && constant <= Double(Self.maxPyramiding)) {
                report(SemaDiagnostics.badRuleValue("pyramiding", "a count of entries from 1 to \(Self.maxPyramiding)", value: constant, isPercent: false, at: value.range))
                return
            }
            strategy?.pyramiding = typed
        case .costs(let items), .instrument(let items):
            let group: StrategySetting.Group
            if case .costs = rule.kind { group = .costs } else { group = .instrument }
            guard unique(group.rawValue, rule) else { return }
            for item in items { checkSetting(item, group: group) }
        case .fill(let place):
            guard unique("fill", rule) else { return }
            guard place.name == "open" || place.name == "close" else {
                report(SemaDiagnostics.badFill(place.name, at: place.range))
                return
            }
            if place.name == "close" { strategy?.fillAtClose = rule.range }
        case .constraint(let value):
            checkConstraint(value)
        case .plot(let values):
            for value in values {
                let typed = check(value)
                guard requireEvaluable(typed, place: "a plot", at: value.range) else { continue }
                strategy?.plots.append(NamedValue(name: text(of: value.range), value: typed, range: value.range))
            }
        }
    }

    /// The most entries `pyramiding` allows on one side: beyond this, a strategy is more
    /// likely wrong than deliberate, and every open entry is checked on every bar.
    public static let maxPyramiding = 100

    /// A constraint is a bool over params (and constants): it is decided before any bar is
    /// read, so it can rule out a combination of params without running it.
    private func checkConstraint(_ value: Expr) {
        let typed = check(value)
        guard requireEvaluable(typed, place: "a `constraint`", at: value.range) else { return }
        guard typed.type.base == .bool, typed.type.variability <= .param else {
            report(SemaDiagnostics.badRuleType("constraint", expected: "a bool over params, such as `fast < slow`", got: typed.type, at: value.range))
            return
        }
        if let constant = ConstantEvaluator.value(of: typed), constant == 0 {
            report(SemaDiagnostics.constraintNeverHolds(at: value.range))
            return
        }
        strategy?.constraints.append(NamedValue(name: text(of: value.range), value: typed, range: value.range))
    }

    private func checkSignal(_ rule: Rule, side: Side, condition: Expr) {
        var order: EntryOrder?
        var isEnter = false
        if case .enter(_, _, let entry) = rule.kind {
            order = entry
            isEnter = true
        }
        let value = check(condition)
        let priceValue = order.map { check($0.price) }
        guard requireEvaluable(value, place: "a trading rule", at: condition.range) else { return }
        guard value.type.base == .bool else {
            report(SemaDiagnostics.badRuleType("\(isEnter ? "enter" : "exit") \(side.rawValue) when", expected: "a bool condition",
                                               got: value.type, at: condition.range))
            return
        }
        if let order, let priceValue {
            guard requireEvaluable(priceValue, place: "`\(order.kind.rawValue)`", at: order.price.range) else { return }
            guard priceValue.type.base.isNumeric, priceValue.type.base != .percent else {
                report(SemaDiagnostics.badRuleType("enter \(side.rawValue) when ... \(order.kind.rawValue)", expected: "a price level",
                                                   got: priceValue.type, at: order.price.range))
                return
            }
            if strategy?.entryOrders[side] != nil || strategy?.enter[side] != nil {
                report(SemaDiagnostics.pricedEntryNotAlone(side.rawValue, at: order.keywordRange, previous: ruleRanges["enter \(side.rawValue)"]))
                return
            }
            strategy?.entryOrders[side] = EntryOrderRule(kind: order.kind, price: priceValue, range: order.keywordRange)
        } else if isEnter, strategy?.entryOrders[side] != nil {
            report(SemaDiagnostics.pricedEntryNotAlone(side.rawValue, at: rule.keywordRange, previous: ruleRanges["enter \(side.rawValue)"]))
            return
        }
        if isEnter {
            if ruleRanges["enter \(side.rawValue)"] == nil { ruleRanges["enter \(side.rawValue)"] = rule.keywordRange }
            strategy?.enter[side, default: []].append(value)
        } else {
            strategy?.exit[side, default: []].append(value)
        }
    }

    private func checkDistance(_ value: Expr, rule name: String) -> DistanceRule? {
        let typed = check(value)
        guard requireEvaluable(typed, place: "`\(name)`", at: value.range) else { return nil }
        guard typed.type.base.isNumeric else {
            report(SemaDiagnostics.badRuleType(name, expected: "a price distance or a percent", got: typed.type, at: value.range))
            return nil
        }
        if let constant = ConstantEvaluator.value(of: typed), !(constant > 0 && constant.isFinite) {
            report(SemaDiagnostics.badRuleValue(name, "a distance above 0", value: constant, isPercent: typed.type.base == .percent, at: value.range))
            return nil
        }
        return DistanceRule(value: typed, isPercent: typed.type.base == .percent, range: value.range)
    }

    private func checkSize(_ value: Expr) {
        let typed = check(value)
        guard requireEvaluable(typed, place: "`size`", at: value.range) else { return }
        guard typed.type.base == .sizing, case .builtin(let builtin, let arguments) = typed.kind,
              let kind = SizingKind(rawValue: builtin.rawValue) else {
            report(SemaDiagnostics.badRuleType("size", expected: "a sizing such as `percent_of_equity(95%)`, `all_in()`, `fixed(1)` or `cash(1000)`",
                                               got: typed.type, at: value.range))
            return
        }
        if let constant = ConstantEvaluator.value(of: arguments[0]) {
            let valid = kind == .allIn || (constant > 0 && constant.isFinite && (!Self.isFractionSizing(kind) || constant <= 1))
            guard valid else {
                let expected = Self.isFractionSizing(kind) ? "a fraction above 0% and at most 100%" : "an amount above 0"
                report(SemaDiagnostics.badRuleValue("size \(builtin.rawValue)", expected, value: constant,
                                                    isPercent: arguments[0].type.base == .percent, at: arguments[0].range))
                return
            }
        }
        if kind == .kelly, arguments.count > 1, let constant = ConstantEvaluator.value(of: arguments[1]),
           !(constant >= 2 && constant == constant.rounded()) {
            report(SemaDiagnostics.badRuleValue("size kelly", "`trades` of at least 2 (a whole number)", value: constant, isPercent: false,
                                                at: arguments[1].range))
            return
        }
        strategy?.size = SizingRule(kind: kind, argument: arguments[0], option: arguments.count > 1 ? arguments[1] : nil, range: value.range)
    }

    /// Sizings whose argument is a share of equity, at most 100%.
    static func isFractionSizing(_ kind: SizingKind) -> Bool {
        kind == .percentOfEquity || kind == .riskPercent || kind == .kelly
    }

    private func checkSetting(_ item: SettingItem, group: StrategySetting.Group) {
        let typed = check(item.value)
        let names = StrategySetting.names(in: group)
        guard let setting = StrategySetting(rawValue: item.name.name), setting.group == group else {
            report(SemaDiagnostics.unknownSetting(item.name.name, group: group.rawValue, names: names,
                                                  suggestion: SpellingSuggestion.closest(to: item.name.name, in: names), at: item.name.range))
            return
        }
        let place = "`\(group.rawValue) \(setting.rawValue)`"
        guard requireEvaluable(typed, place: place, at: item.value.range) else { return }
        guard typed.type.base.isNumeric, setting.allowsSeries || typed.type.variability <= .param else {
            let expected = setting.allowsSeries ? "a rate (a percent, or a series of rates)" : "a number known for the whole run"
            report(SemaDiagnostics.badRuleType("\(group.rawValue) \(setting.rawValue)", expected: expected, got: typed.type, at: item.value.range))
            return
        }
        if let value = ConstantEvaluator.value(of: typed), !setting.accepts(value) {
            report(SemaDiagnostics.badRuleValue("\(group.rawValue) \(setting.rawValue)", setting.expectation, value: value,
                                                isPercent: typed.type.base == .percent, at: item.value.range))
            return
        }
        strategy?.settings[setting] = typed
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
