import NZSyntax

extension TypeChecker {
    func checkCall(_ callee: Identifier, _ arguments: [Argument], _ range: SourceRange) -> TypedExpr {
        if let symbol = lookup(callee.name) {
            guard case .function(let decl, let definitionGlobals) = symbol else {
                report(SemaDiagnostics.unsupportedValue("`\(callee.name)` is a value, not a function", at: callee.range))
                return invalid(range)
            }
            return callUserFunction(decl, definedFunctions.contains(decl.name.range) ? definitionGlobals : valuesBefore(decl),
                                    arguments, range)
        }
        guard let builtin = Builtin(rawValue: callee.name) else {
            // An inlined body can meet the same unknown call thousands of times: say it once,
            // without recomputing the suggestion.
            guard unknownNamesReported.insert(callee.range).inserted else {
                for argument in arguments { _ = check(argument.value) }
                return invalid(range)
            }
            report(SemaDiagnostics.unknownFunction(callee.name, suggestion: SpellingSuggestion.closest(to: callee.name, in: functionNames()),
                                                   at: callee.range))
            for argument in arguments { _ = check(argument.value) }
            return invalid(range)
        }
        return callBuiltin(builtin, callee, arguments, range)
    }

    /// Matches positional and named arguments to parameter names. Returns the argument for
    /// each parameter (nil where missing), or nil after reporting a mismatch.
    private func bindArguments(_ names: [String], required: Int, callee: Identifier, _ arguments: [Argument],
                               _ range: SourceRange) -> [Argument?]? {
        var bound = [Argument?](repeating: nil, count: names.count)
        var position = 0
        var ok = true
        for argument in arguments {
            if let label = argument.label {
                guard let index = names.firstIndex(of: label.name) else {
                    report(SemaDiagnostics.unknownNamedArgument(label.name, of: callee.name,
                                                                suggestion: SpellingSuggestion.closest(to: label.name, in: names), at: label.range))
                    ok = false
                    continue
                }
                if bound[index] != nil {
                    report(SemaDiagnostics.duplicateArgument(label.name, at: label.range))
                    ok = false
                }
                bound[index] = argument
            } else {
                guard position < names.count else {
                    let expected = names.count == required ? "\(required) argument\(required == 1 ? "" : "s")"
                        : "\(required) to \(names.count) arguments"
                    report(SemaDiagnostics.argumentCount(callee.name, expected: expected, got: arguments.count, at: argument.value.range))
                    return nil
                }
                if bound[position] != nil {
                    report(SemaDiagnostics.duplicateArgument(names[position], at: argument.value.range))
                    ok = false
                }
                bound[position] = argument
                position += 1
            }
        }
        guard ok else { return nil }
        for index in 0..<required where bound[index] == nil {
            report(SemaDiagnostics.missingArgument(names[index], callee: callee.name, parameters: names, at: range))
            return nil
        }
        return bound
    }

    // MARK: - Builtins

    private func callBuiltin(_ builtin: Builtin, _ callee: Identifier, _ arguments: [Argument], _ range: SourceRange) -> TypedExpr {
        let signature = builtin.signature
        let names = signature.parameters.map(\.name)
        let required = signature.parameters.prefix { $0.defaultValue == nil }.count
        guard let bound = bindArguments(names, required: required, callee: callee, arguments, range) else {
            for argument in arguments { _ = check(argument.value) }
            return invalid(range)
        }
        var typed: [TypedExpr] = []
        var failed = false
        for (parameter, argument) in zip(signature.parameters, bound) {
            guard let argument else {
                let value = parameter.defaultValue ?? 0
                let base: BaseType = parameter.kind == .runFlag ? .bool : (value == value.rounded() ? .int : .float)
                typed.append(TypedExpr(.constant(value), .const(base), callee.range))
                continue
            }
            let value = check(argument.value)
            if value.type.isError || !checkBuiltinArgument(value, parameter, builtin, argument.value.range) { failed = true }
            typed.append(value)
        }
        if failed { return invalid(range) }
        return TypedExpr(.builtin(builtin, typed), builtinResultType(builtin, typed, range), range)
    }

    private func checkBuiltinArgument(_ value: TypedExpr, _ parameter: BuiltinParameter, _ builtin: Builtin,
                                      _ range: SourceRange) -> Bool {
        let type = value.type
        let name = builtin.rawValue
        if let origin = type.label, parameter.kind != .number, parameter.kind != .value, parameter.kind != .condition {
            report(SemaDiagnostics.lookAhead(origin, reaches: "argument `\(parameter.name)` of `\(name)`", at: range))
            return false
        }
        switch parameter.kind {
        case .number:
            guard type.base.isNumeric else {
                report(SemaDiagnostics.argumentType(parameter.name, of: name, expected: "a number", got: type, at: range))
                return false
            }
        case .value:
            guard type.base.isNumeric || type.base == .bool else {
                report(SemaDiagnostics.argumentType(parameter.name, of: name, expected: "a number or a bool", got: type, at: range))
                return false
            }
        case .condition:
            guard type.base == .bool else {
                report(SemaDiagnostics.argumentType(parameter.name, of: name, expected: "a bool", got: type, at: range))
                return false
            }
        case .runConstant, .runFlag:
            let wantsBool = parameter.kind == .runFlag
            guard wantsBool ? type.base == .bool : type.base.isNumeric else {
                report(SemaDiagnostics.argumentType(parameter.name, of: name, expected: wantsBool ? "a bool" : "a number", got: type, at: range))
                return false
            }
            guard type.variability <= .param else {
                report(SemaDiagnostics.lengthNotRunConstant(parameter.name, of: name, got: type, isLength: false, at: range))
                return false
            }
        case .length:
            guard type.variability <= .param else {
                report(SemaDiagnostics.lengthNotRunConstant(parameter.name, of: name, got: type, isLength: true, at: range))
                return false
            }
            guard type.base == .int else {
                report(SemaDiagnostics.argumentType(parameter.name, of: name, expected: "an int", got: type, at: range))
                return false
            }
            return checkPositive(value, parameter.name, name, range)
        case .horizon:
            guard type.base == .int, type.variability == .const else {
                report(SemaDiagnostics.argumentType(parameter.name, of: name, expected: "an int constant", got: type, at: range))
                return false
            }
            return checkPositive(value, parameter.name, name, range)
        }
        return true
    }

    /// A length or horizon must be at least 1: checked on constants, and on a param's default
    /// and lower bound.
    private func checkPositive(_ value: TypedExpr, _ parameter: String, _ callee: String, _ range: SourceRange) -> Bool {
        if let constant = ConstantEvaluator.value(of: value), constant < 1 {
            report(SemaDiagnostics.lengthNotPositive(parameter, of: callee, value: ASTPrinter.formatNumber(constant), at: range))
            return false
        }
        if ConstantEvaluator.value(of: value) == nil, let bounds = RangeEvaluator.bounds(of: value, params: params), bounds.lowerBound < 1 {
            let lowest = ASTPrinter.formatNumber(bounds.lowerBound)
            if case .param(let index) = value.kind {
                let param = params[index]
                report(SemaDiagnostics.lengthNotPositive(
                    parameter, of: callee, value: "`\(param.name)` = \(lowest)", at: range,
                    note: DiagnosticNote("`\(param.name)` is declared here; keep its range at 1 or above", at: param.range)))
            } else {
                report(SemaDiagnostics.lengthNotPositive(
                    parameter, of: callee, value: "`\(text(of: range))`, as low as \(lowest) over the params' ranges", at: range))
            }
            return false
        }
        return true
    }

    private func builtinResultType(_ builtin: Builtin, _ arguments: [TypedExpr], _ range: SourceRange) -> ValueType {
        let label = firstLabel(arguments)
        let variability = arguments.map(\.type.variability).max() ?? .const
        switch builtin.signature.result {
        case .seriesFloat: return ValueType(.float, .series, label: label)
        case .seriesInt: return ValueType(.int, .series, label: label)
        case .seriesBool: return ValueType(.bool, .series, label: label)
        case .elementwise(let keepsInt):
            let allInt = arguments.allSatisfy { $0.type.base == .int }
            return ValueType(keepsInt && allInt ? .int : .float, variability, label: label)
        case .elementwiseBool: return ValueType(.bool, variability, label: label)
        case .record(let record): return ValueType(.record(record), .series, label: label)
        case .sizing: return ValueType(.sizing, variability)
        case .label:
            let horizon = Int(ConstantEvaluator.value(of: arguments[0]) ?? 1)
            return ValueType(.float, .series, label: LabelOrigin(horizon: horizon, text: text(of: range), range: range))
        }
    }

    // MARK: - User functions

    /// Checks the definition once when every parameter has a type (so unused functions still
    /// get their errors), and records the globals it can see.
    /// For a call that comes before the function's definition: the global values declared
    /// before that definition (the ones it will see once defined).
    private func valuesBefore(_ decl: FunctionDecl) -> [String: Symbol] {
        globals.filter { _, symbol in
            guard case .value(_, let definedAt) = symbol else { return false }
            return definedAt.file != decl.range.file || definedAt.start < decl.range.start
        }
    }

    func checkFunctionDefinition(_ decl: FunctionDecl) {
        guard case .function(let existing, _)? = globals[decl.name.name], existing == decl else { return }
        definedFunctions.insert(decl.name.range)
        globals[decl.name.name] = .function(decl, globals: globals.filter { if case .value = $0.value { true } else { false } })
        var seen: [String: SourceRange] = [:]
        var arguments: [TypedExpr] = []
        var allTyped = true
        var firstDefaulted: Identifier?
        for parameter in decl.parameters {
            if parameter.defaultValue != nil {
                firstDefaulted = firstDefaulted ?? parameter.name
            } else if let previous = firstDefaulted {
                report(SemaDiagnostics.parameterNeedsDefault(parameter.name.name, after: previous, at: parameter.name.range))
            }
            if case .function(_, let snapshot)? = globals[decl.name.name], let value = parameter.defaultValue {
                // Checked once here, so a wrong default is reported even if no call uses it.
                _ = checkDefault(value, of: parameter, in: decl, snapshot)
            }
            if Self.isBuiltinName(parameter.name.name) {
                report(SemaDiagnostics.redefinesBuiltin(parameter.name.name, at: parameter.name.range))
            }
            if let previous = seen[parameter.name.name] {
                report(SemaDiagnostics.duplicateDefinition(parameter.name.name, at: parameter.name.range, previous: previous))
            }
            seen[parameter.name.name] = parameter.name.range
            guard let annotation = parameter.type else { allTyped = false; continue }
            switch annotation.resolve() {
            case .failure(let diagnostic): report(diagnostic); allTyped = false
            case .success(let declared):
                // A label parameter is checked at each call, where its origin is known.
                if declared.allowsLabel { allTyped = false; continue }
                // Stand-ins: a series, or the constant 1 for a run-constant parameter.
                let isSeries = declared.maximumVariability == .series
                arguments.append(TypedExpr(isSeries ? .series(.close) : .constant(1),
                                           ValueType(declared.base, isSeries ? .series : .const), parameter.name.range))
            }
        }
        guard allTyped, case .function(let current, let snapshot)? = globals[decl.name.name] else {
            if case .function(_, let snapshot)? = globals[decl.name.name] { checkFunctionNames(decl, globals: snapshot) }
            return
        }
        _ = instantiate(current, snapshot, arguments, at: decl.name.range, isCall: false)
    }

    private func callUserFunction(_ decl: FunctionDecl, _ definitionGlobals: [String: Symbol], _ arguments: [Argument],
                                  _ range: SourceRange) -> TypedExpr {
        let names = decl.parameters.map(\.name.name)
        let callee = Identifier(decl.name.name, range: range)
        let required = decl.parameters.prefix { $0.defaultValue == nil }.count
        guard let bound = bindArguments(names, required: required, callee: callee, arguments, range) else {
            for argument in arguments { _ = check(argument.value) }
            return invalid(range)
        }
        var values: [TypedExpr] = []
        var failed = false
        for (parameter, argument) in zip(decl.parameters, bound) {
            guard let argument else {
                // A missing argument with no default was reported by bindArguments (or, after
                // a defaulted one, at the definition).
                guard let value = parameter.defaultValue.flatMap({ checkDefault($0, of: parameter, in: decl, definitionGlobals) }) else {
                    failed = true
                    continue
                }
                values.append(value)
                continue
            }
            guard let value = checkParameterValue(check(argument.value), parameter, decl, at: argument.value.range) else {
                failed = true
                continue
            }
            values.append(value)
        }
        if failed { return invalid(range) }
        return instantiate(decl, definitionGlobals, values, at: range)
    }

    /// An argument's value against its parameter's annotation: nil (after a report) when it
    /// does not fit, else the value converted to the declared base type.
    private func checkParameterValue(_ value: TypedExpr, _ parameter: FunctionParameter, _ decl: FunctionDecl,
                                     at range: SourceRange) -> TypedExpr? {
        if value.type.isError { return nil }
        guard let annotation = parameter.type, case .success(let declared) = annotation.resolve() else { return value }
        if let origin = value.type.label, !declared.allowsLabel {
            report(SemaDiagnostics.lookAhead(origin, reaches: "parameter `\(parameter.name.name)` of `\(decl.name.name)`, declared `\(declared.description)`", at: range))
            return nil
        }
        guard declared.accepts(value.type) else {
            report(SemaDiagnostics.argumentType(parameter.name.name, of: decl.name.name, expected: "`\(declared.description)`",
                                                got: value.type, at: range))
            return nil
        }
        return converted(value, to: declared.base)
    }

    /// A parameter's default, checked where the function is defined: it sees the global values
    /// declared before the definition (and every function), not the caller's names nor the
    /// other parameters. The function counts as being called meanwhile, so a default that calls
    /// it (`fn u(x = u()) = x`) is reported as recursion instead of checked forever.
    private func checkDefault(_ value: Expr, of parameter: FunctionParameter, in decl: FunctionDecl,
                              _ definitionGlobals: [String: Symbol]) -> TypedExpr? {
        if let first = callStack.firstIndex(of: decl.name.name) {
            report(SemaDiagnostics.recursion(Array(callStack[first...]) + [decl.name.name], at: value.range))
            return nil
        }
        let savedLocals = locals
        locals = [[:]]
        functionEnvironments.append(definitionGlobals)
        callStack.append(decl.name.name)
        callSites.append(nil)
        defer {
            callStack.removeLast()
            callSites.removeLast()
            functionEnvironments.removeLast()
            locals = savedLocals
        }
        return checkParameterValue(check(value), parameter, decl, at: value.range)
    }

    /// Checks the body with the parameters bound to `arguments` and returns the inlined result.
    /// `isCall` is false for the definition-time check, which has no call site to point at.
    private func instantiate(_ decl: FunctionDecl, _ definitionGlobals: [String: Symbol], _ arguments: [TypedExpr],
                             at range: SourceRange, isCall: Bool = true) -> TypedExpr {
        if let first = callStack.firstIndex(of: decl.name.name) {
            report(SemaDiagnostics.recursion(Array(callStack[first...]) + [decl.name.name], at: range))
            return invalid(range)
        }
        inlinedCalls += 1
        guard callStack.count < Self.maximumCallDepth else {
            report(SemaDiagnostics.functionTooDeep(decl.name.name, limit: Self.maximumCallDepth, at: range))
            return invalid(range)
        }
        guard inlinedCalls <= Self.maximumInlinedCalls else {
            if inlinedCalls == Self.maximumInlinedCalls + 1 {
                report(SemaDiagnostics.tooManyInlinedCalls(limit: Self.maximumInlinedCalls, at: range))
            }
            return invalid(range)
        }
        // The body sees its parameters, every function, and the values defined before it.
        let savedLocals = locals
        locals = [[:]]
        functionEnvironments.append(definitionGlobals)
        callStack.append(decl.name.name)
        callSites.append(isCall ? range : nil)
        defer {
            callStack.removeLast()
            callSites.removeLast()
            functionEnvironments.removeLast()
            locals = savedLocals
        }
        for (parameter, argument) in zip(decl.parameters, arguments) {
            locals[0][parameter.name.name] = .value(argument, definedAt: parameter.name.range)
        }
        var result: TypedExpr
        switch decl.body {
        case .expression(let body):
            result = check(body)
        case .block(let lets, let value, _):
            for letDecl in lets { _ = checkLet(letDecl) }
            result = check(value)
        }
        if let annotation = decl.returnType, !result.type.isError {
            switch annotation.resolve() {
            case .failure(let diagnostic): report(diagnostic)
            case .success(let declared):
                if let origin = result.type.label, !declared.allowsLabel {
                    report(SemaDiagnostics.lookAhead(origin, reaches: "the result of `\(decl.name.name)`, declared `\(declared.description)`", at: range))
                    result = invalid(range)
                } else if !declared.accepts(result.type) {
                    report(SemaDiagnostics.declaredTypeMismatch("the result of `\(decl.name.name)`", declared: declared.description,
                                                                got: result.type, at: annotation.range))
                    result = invalid(range)
                } else {
                    result = converted(result, to: declared.base)
                }
            }
        }
        return result
    }
}
