import NZSyntax

extension TypeChecker {
    /// A function without parameter types is checked at each call, with that call's types.
    /// So that a function nobody calls yet still gets its misspellings reported, its body's
    /// names are resolved at the definition: parameters, the body's own lets, the global
    /// values before it, functions and builtins.
    func checkFunctionNames(_ decl: FunctionDecl, globals definitionGlobals: [String: Symbol]) {
        var known = Set(decl.parameters.map(\.name.name))
        switch decl.body {
        case .expression(let body):
            checkNames(body, known: known, definitionGlobals)
        case .block(let lets, let value, _):
            for letDecl in lets {
                checkNames(letDecl.value, known: known, definitionGlobals)
                if Self.isBuiltinName(letDecl.name.name) {
                    report(SemaDiagnostics.redefinesBuiltin(letDecl.name.name, at: letDecl.name.range))
                }
                known.insert(letDecl.name.name)
            }
            checkNames(value, known: known, definitionGlobals)
        }
    }

    private func checkNames(_ expr: Expr, known: Set<String>, _ definitionGlobals: [String: Symbol]) {
        switch expr.kind {
        case .name(let name):
            let resolves = known.contains(name) || definitionGlobals[name] != nil || Self.isBuiltinName(name)
                || globals[name] != nil
            if !resolves { reportUnknownName(name, at: expr.range, alsoKnown: known) }
        case .call(let callee, let arguments):
            let isFunction: Bool
            if case .function? = globals[callee.name] { isFunction = true } else { isFunction = Builtin(rawValue: callee.name) != nil }
            if !isFunction, !known.contains(callee.name), globals[callee.name] == nil {
                report(SemaDiagnostics.unknownFunction(callee.name, suggestion: SpellingSuggestion.closest(to: callee.name, in: functionNames()),
                                                       at: callee.range))
            }
            for argument in arguments { checkNames(argument.value, known: known, definitionGlobals) }
        case .unary(_, let operand): checkNames(operand, known: known, definitionGlobals)
        case .binary(_, let left, let right):
            checkNames(left, known: known, definitionGlobals)
            checkNames(right, known: known, definitionGlobals)
        case .conditional(let condition, let whenTrue, let whenFalse):
            for part in [condition, whenTrue, whenFalse] { checkNames(part, known: known, definitionGlobals) }
        case .timeframe(_, let body): checkNames(body, known: known, definitionGlobals)
        case .history(let value, let offset):
            checkNames(value, known: known, definitionGlobals)
            checkNames(offset, known: known, definitionGlobals)
        case .field(let base, _): checkNames(base, known: known, definitionGlobals)
        case .method(let base, _, let arguments):
            checkNames(base, known: known, definitionGlobals)
            for argument in arguments { checkNames(argument.value, known: known, definitionGlobals) }
        case .list(let elements): for element in elements { checkNames(element, known: known, definitionGlobals) }
        case .record(let fields): for field in fields { checkNames(field.value, known: known, definitionGlobals) }
        case .integer, .float, .percent, .duration, .string, .bool, .na, .invalid: break
        }
    }
}
