import NZSyntax

extension TypeChecker {
    /// Checks one expression and records its type in the side table.
    func check(_ expr: Expr) -> TypedExpr {
        let typed = checkKind(expr)
        expressionTypes[expr.id] = typed.type
        expressionRanges[expr.id] = expr.range
        return typed
    }

    private func checkKind(_ expr: Expr) -> TypedExpr {
        let range = expr.range
        switch expr.kind {
        case .integer(let value): return TypedExpr(.constant(Double(value)), .const(.int), range)
        case .float(let value): return TypedExpr(.constant(value), .const(.float), range)
        case .percent(let value): return TypedExpr(.constant(value / 100), .const(.percent), range)
        case .duration(let seconds): return TypedExpr(.constant(Double(seconds)), .const(.duration), range)
        case .string(let value): return TypedExpr(.string(value), .const(.string), range)
        case .bool(let value): return TypedExpr(.constant(value ? 1 : 0), .const(.bool), range)
        case .na: return TypedExpr(.na, .const(.float), range)
        case .invalid: return invalid(range)
        case .name(let name): return resolveName(name, at: range)
        case .unary(let op, let operand): return checkUnary(op, operand, range)
        case .binary(let op, let left, let right): return checkBinary(op, left, right, range)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return checkConditional(condition, whenTrue, whenFalse, range)
        case .call(let callee, let arguments): return checkCall(callee, arguments, range)
        case .history(let value, let offset): return checkHistory(value, offset, range)
        case .field(let base, let field): return checkField(base, field, range)
        case .method(let base, let name, let arguments): return checkMethod(base, name, arguments, range)
        case .record(let fields): return checkRecord(fields, range)
        case .timeframe(let duration, let body): return checkTimeframe(duration, body, range)
        case .list(let elements):
            let typed = elements.map(check)
            if typed.contains(where: \.type.isError) { return invalid(range) }
            let element = typed.first?.type.base ?? .float
            for value in typed where !(value.type.base == element || (value.type.base.isNumeric && element.isNumeric)) {
                report(SemaDiagnostics.unsupportedValue("list elements must all be numbers or all be bools; this one is `\(value.type)`", at: value.range))
                return invalid(range)
            }
            for value in typed where !(value.type.base.isNumeric || value.type.base == .bool) {
                report(SemaDiagnostics.unsupportedValue("list elements are numbers or bools, not `\(value.type)`", at: value.range))
                return invalid(range)
            }
            let variability = typed.map(\.type.variability).max() ?? .const
            return TypedExpr(.list(typed), ValueType(.list(element), variability, label: firstLabel(typed)), range)
        }
    }

    /// `on 1w { body }`: the body is checked as usual, except that a series defined outside the
    /// block (on the script's own bars) cannot be read inside it.
    private func checkTimeframe(_ duration: Expr, _ body: Expr, _ range: SourceRange) -> TypedExpr {
        guard case .duration(let seconds) = duration.kind else { return invalid(range) }
        if !timeframeBarriers.isEmpty {
            report(SemaDiagnostics.nestedTimeframe(at: range))
            return invalid(range)
        }
        barIntervalParam(at: range)
        timeframeBarriers.append(locals.count)
        let value = check(body)
        timeframeBarriers.removeLast()
        guard requireEvaluable(value, place: "an `on` block", at: body.range) else { return invalid(range) }
        guard value.type.base.isNumeric || value.type.base == .bool else {
            report(SemaDiagnostics.unsupportedValue("an `on` block's value is a number or a bool, not `\(value.type)`", at: body.range))
            return invalid(range)
        }
        guard seconds > 0 else { return invalid(range) }
        return TypedExpr(.timeframe(milliseconds: seconds * 1000, value), ValueType(value.type.base, .series, label: value.type.label), range)
    }

    /// Inside an `on` block: whether `name` resolves to a value defined outside the block (in a
    /// scope below the barrier, a global, or a function's definition environment).
    private func isOutsideTimeframe(_ name: String) -> Bool {
        guard let barrier = timeframeBarriers.last else { return false }
        for (index, scope) in locals.enumerated().reversed() where scope[name] != nil { return index < barrier }
        return true
    }

    private func resolveName(_ name: String, at range: SourceRange) -> TypedExpr {
        if let symbol = lookup(name) {
            switch symbol {
            case .value(let value, let definedAt):
                if value.type.variability == .series, isOutsideTimeframe(name) {
                    report(SemaDiagnostics.outerSeriesInTimeframe(name, at: range, definedAt: definedAt))
                    return invalid(range)
                }
                return value
            case .function:
                report(SemaDiagnostics.unsupportedValue("`\(name)` is a function; call it as `\(name)(...)`", at: range))
                return invalid(range)
            }
        }
        if name == TypeChecker.pointName { return pointValue(at: range) }
        if let series = BuiltinSeries(rawValue: name) {
            return TypedExpr(.series(series), .series(series == .barIndex ? .int : .float), range)
        }
        if Builtin(rawValue: name) != nil {
            report(SemaDiagnostics.unsupportedValue("`\(name)` is a function; call it as `\(name)(...)`", at: range))
            return invalid(range)
        }
        reportUnknownName(name, at: range)
        return invalid(range)
    }

    private func checkUnary(_ op: UnaryOperator, _ operand: Expr, _ range: SourceRange) -> TypedExpr {
        let value = check(operand)
        if value.type.isError { return invalid(range) }
        switch op {
        case .not:
            guard value.type.base == .bool else {
                report(SemaDiagnostics.operandType("not", value.type, expected: "a bool", at: operand.range))
                return invalid(range)
            }
            return TypedExpr(.unary(.not, value), value.type, range)
        case .negate, .plus:
            guard value.type.base.isNumeric else {
                report(SemaDiagnostics.operandType(op.rawValue, value.type, expected: "a number", at: operand.range))
                return invalid(range)
            }
            return op == .plus ? value : TypedExpr(.unary(.negate, value), value.type, range)
        }
    }

    private func checkBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ range: SourceRange) -> TypedExpr {
        let a = check(left)
        let b = check(right)
        if a.type.isError || b.type.isError { return invalid(range) }
        let variability = max(a.type.variability, b.type.variability)
        let label = a.type.label ?? b.type.label
        let resultBase: BaseType
        switch op {
        case .and, .or:
            for (value, expr) in [(a, left), (b, right)] where value.type.base != .bool {
                report(SemaDiagnostics.operandType(op.rawValue, value.type, expected: "bool operands", at: expr.range))
                return invalid(range)
            }
            resultBase = .bool
        case .equal, .notEqual:
            let comparable = (a.type.base.isNumeric && b.type.base.isNumeric) || (a.type.base == b.type.base && a.type.base == .bool)
            guard comparable else {
                report(SemaDiagnostics.operandType(op.rawValue, b.type, expected: "operands of the same kind (numbers or bools), left is `\(a.type)`", at: right.range))
                return invalid(range)
            }
            resultBase = .bool
        case .less, .lessEqual, .greater, .greaterEqual:
            for (value, expr) in [(a, left), (b, right)] where !value.type.base.isNumeric {
                report(SemaDiagnostics.operandType(op.rawValue, value.type, expected: "numbers", at: expr.range))
                return invalid(range)
            }
            resultBase = .bool
        case .add, .subtract, .multiply, .divide, .remainder:
            for (value, expr) in [(a, left), (b, right)] where !value.type.base.isNumeric {
                report(SemaDiagnostics.operandType(op.rawValue, value.type, expected: "numbers", at: expr.range))
                return invalid(range)
            }
            resultBase = arithmeticResult(op, a.type.base, b.type.base)
        }
        return TypedExpr(.binary(typedOperator(op), a, b), ValueType(resultBase, variability, label: label), range)
    }

    /// int op int stays int (but `/` gives float); a percent scaled by a number, or a sum of
    /// percents, stays a percent; anything else is float.
    private func arithmeticResult(_ op: BinaryOperator, _ a: BaseType, _ b: BaseType) -> BaseType {
        switch (op, a, b) {
        case (.divide, .int, .int): return .float
        case (_, .int, .int): return .int
        case (.add, .percent, .percent), (.subtract, .percent, .percent): return .percent
        case (.multiply, .percent, .int), (.multiply, .percent, .float), (.multiply, .int, .percent),
             (.multiply, .float, .percent), (.divide, .percent, .int), (.divide, .percent, .float):
            return .percent
        default: return .float
        }
    }

    private func typedOperator(_ op: BinaryOperator) -> TypedBinaryOp {
        switch op {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .remainder: return .remainder
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .and: return .and
        case .or: return .or
        }
    }

    private func checkConditional(_ condition: Expr, _ whenTrue: Expr, _ whenFalse: Expr, _ range: SourceRange) -> TypedExpr {
        let c = check(condition)
        let a = check(whenTrue)
        let b = check(whenFalse)
        if c.type.isError || a.type.isError || b.type.isError { return invalid(range) }
        guard c.type.base == .bool else {
            report(SemaDiagnostics.conditionNotBool(c.type, at: condition.range))
            return invalid(range)
        }
        let base: BaseType
        if a.type.base == b.type.base {
            base = a.type.base
        } else if a.type.base.isNumeric && b.type.base.isNumeric {
            base = .float
        } else if case .na = a.kind, b.type.base == .bool || b.type.base.isNumeric {
            base = b.type.base
        } else if case .na = b.kind, a.type.base == .bool || a.type.base.isNumeric {
            base = a.type.base
        } else {
            report(SemaDiagnostics.incompatibleBranches(a.type, b.type, at: range))
            return invalid(range)
        }
        switch base {
        case .record, .list, .sizing, .string:
            report(SemaDiagnostics.unsupportedValue("`if` chooses between numbers or bools, not `\(base.name)` values", at: range))
            return invalid(range)
        default: break
        }
        let variability = max(c.type.variability, a.type.variability, b.type.variability)
        let label = c.type.label ?? a.type.label ?? b.type.label
        return TypedExpr(.select(c, a, b), ValueType(base, variability, label: label), range)
    }

    /// `value[offset]`: the offset must be a non-negative int known for the whole run.
    private func checkHistory(_ value: Expr, _ offset: Expr, _ range: SourceRange) -> TypedExpr {
        let v = check(value)
        let n = check(offset)
        if v.type.isError || n.type.isError { return invalid(range) }
        if let origin = n.type.label {
            report(SemaDiagnostics.lookAhead(origin, reaches: "a history offset", at: offset.range))
            return invalid(range)
        }
        guard n.type.base == .int, n.type.variability <= .param else {
            report(SemaDiagnostics.historyOffsetSeries(n.type, at: offset.range))
            return invalid(range)
        }
        if let constant = ConstantEvaluator.value(of: n), constant < 0 {
            report(SemaDiagnostics.historyOffsetNegative("\(ASTPrinter.formatNumber(constant)) is", at: offset.range))
            return invalid(range)
        }
        if ConstantEvaluator.value(of: n) == nil, let bounds = RangeEvaluator.bounds(of: n, params: params), bounds.lowerBound < 0 {
            let note: DiagnosticNote
            if case .param(let index) = n.kind {
                let param = params[index]
                note = DiagnosticNote("`\(param.name)` can be \(ASTPrinter.formatNumber(bounds.lowerBound)); keep its default and range at 0 or above", at: param.range)
            } else {
                note = DiagnosticNote("over the params' ranges it can be as low as \(ASTPrinter.formatNumber(bounds.lowerBound))")
            }
            report(SemaDiagnostics.historyOffsetNegative("`\(text(of: offset.range))` can be", at: offset.range, note: note))
            return invalid(range)
        }
        switch v.type.base {
        case .record, .list, .sizing, .string:
            report(SemaDiagnostics.unsupportedValue("history `[n]` applies to numbers and bools, not `\(v.type.base.name)`", at: value.range))
            return invalid(range)
        default: break
        }
        // `x[n]` is na for the first n bars, so it varies per bar even when x does not.
        var type = v.type
        type.variability = .series
        return TypedExpr(.history(v, n), type, range)
    }

    private func checkField(_ base: Expr, _ field: Identifier, _ range: SourceRange) -> TypedExpr {
        let value = check(base)
        if value.type.isError { return invalid(range) }
        guard case .record(let record) = value.type.base else {
            report(SemaDiagnostics.notARecord(value.type, field: field.name, at: field.range))
            return invalid(range)
        }
        guard let index = record.fields.firstIndex(of: field.name) else {
            report(SemaDiagnostics.noSuchField(field.name, of: record, at: field.range))
            return invalid(range)
        }
        return TypedExpr(.field(value, index), ValueType(record.fieldTypes[index], value.type.variability, label: value.type.label), range)
    }

    /// "Unknown name", saying so when the name is declared further down the file.
    func reportUnknownName(_ name: String, at range: SourceRange, alsoKnown: Set<String> = []) {
        guard unknownNamesReported.insert(range).inserted else { return }
        if let later = declaredLater[name], later.file == range.file, later.start > range.start {
            report(SemaDiagnostics.usedBeforeDefinition(name, at: range, definition: later))
        } else {
            let candidates = visibleNames().union(alsoKnown)
            report(SemaDiagnostics.unknownName(name, suggestion: SpellingSuggestion.closest(to: name, in: candidates), at: range))
        }
    }

    /// `bar_interval` (milliseconds) is a run constant the user cannot name: the run sets it
    /// from the data's bar spacing; `on` blocks need it to know when a higher-timeframe bar
    /// has closed.
    private func barIntervalParam(at range: SourceRange) {
        guard !params.contains(where: { $0.isInstrument && $0.name == TypeChecker.barIntervalName }) else { return }
        params.append(ParamSymbol(name: TypeChecker.barIntervalName, base: .int, defaultValue: 0, lower: nil, upper: nil, step: nil,
                                  range: range, isInstrument: true))
    }

    /// `point` is a param the user cannot declare or sweep; the run sets it from `--point`.
    private func pointValue(at range: SourceRange) -> TypedExpr {
        let index: Int
        if let existing = params.firstIndex(where: { $0.isInstrument && $0.name == TypeChecker.pointName }) {
            index = existing
        } else {
            index = params.count
            params.append(ParamSymbol(name: TypeChecker.pointName, base: .float, defaultValue: TypeChecker.defaultPoint,
                                      lower: nil, upper: nil, step: nil, range: range, isInstrument: true))
        }
        return TypedExpr(.param(index), ValueType(.float, .param), range)
    }

    /// `(low: a, high: b)`: numbers or bools, each name once.
    private func checkRecord(_ fields: [RecordField], _ range: SourceRange) -> TypedExpr {
        var seen: [String: SourceRange] = [:]
        var values: [TypedExpr] = []
        for field in fields {
            if let previous = seen[field.name.name] {
                report(SemaDiagnostics.duplicateDefinition(field.name.name, at: field.name.range, previous: previous))
                return invalid(range)
            }
            seen[field.name.name] = field.name.range
            let value = check(field.value)
            if value.type.isError { return invalid(range) }
            guard value.type.base.isNumeric || value.type.base == .bool else {
                report(SemaDiagnostics.unsupportedValue("record fields are numbers or bools, not `\(value.type)`", at: field.value.range))
                return invalid(range)
            }
            values.append(value)
        }
        let record = RecordType(name: "record(" + fields.map(\.name.name).joined(separator: ", ") + ")",
                                fields: fields.map(\.name.name),
                                fieldTypes: values.map { $0.type.base == .percent ? .float : $0.type.base })
        let variability = values.map(\.type.variability).max() ?? .const
        return TypedExpr(.record(values), ValueType(.record(record), variability, label: firstLabel(values)), range)
    }

    func firstLabel(_ values: [TypedExpr]) -> LabelOrigin? {
        values.lazy.compactMap(\.type.label).first
    }
}
