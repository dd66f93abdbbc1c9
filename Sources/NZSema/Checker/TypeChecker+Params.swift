import NZSyntax

extension TypeChecker {
    /// `param name[: type] = default [in lo...hi [step s]]`: every part must be a constant of
    /// the param's type, the default inside the range, and the step positive.
    func checkParam(_ decl: ParamDecl) {
        guard let symbol = makeParam(decl) else {
            // Bind the name anyway so its uses do not report "unknown name" as well.
            bind(decl.name, to: invalid(decl.name.range))
            return
        }
        let index = params.count
        params.append(symbol)
        bind(decl.name, to: TypedExpr(.param(index), ValueType(symbol.base, .param), decl.name.range))
    }

    private func makeParam(_ decl: ParamDecl) -> ParamSymbol? {
        var declaredBase: BaseType?
        if let annotation = decl.type {
            switch annotation.resolve() {
            case .failure(let diagnostic): report(diagnostic)
            case .success(let declared):
                guard ([BaseType.int, .float, .bool, .percent] as [BaseType]).contains(declared.base), declared.maximumVariability == .param,
                      !declared.allowsLabel else {
                    report(SemaDiagnostics.invalidParam("a `param` is an `int`, `float`, `percent` or `bool`, not `\(declared.description)`",
                                                        at: annotation.range))
                    return nil
                }
                declaredBase = declared.base
            }
        }
        guard let defaultValue = constant(decl.defaultValue, "the default of `\(decl.name.name)`") else { return nil }
        let base = declaredBase ?? defaultValue.type
        guard ([BaseType.int, .float, .bool, .percent] as [BaseType]).contains(base) else {
            report(SemaDiagnostics.invalidParam("a `param` is an `int`, `float`, `percent` or `bool`, not `\(base.name)`", at: decl.defaultValue.range))
            return nil
        }
        guard DeclaredType.converts(defaultValue.type, to: base) || (base == .percent && defaultValue.type == .percent) else {
            report(SemaDiagnostics.invalidParam("the default of `\(decl.name.name)` is `\(defaultValue.type.name)`, not `\(base.name)`",
                                                at: decl.defaultValue.range))
            return nil
        }
        var bounds: [Double?] = [nil, nil, nil]
        for (slot, expr) in [decl.lower, decl.upper, decl.step].enumerated() {
            guard let expr else { continue }
            guard let value = constant(expr, "a range bound of `\(decl.name.name)`") else { return nil }
            guard DeclaredType.converts(value.type, to: base) else {
                report(SemaDiagnostics.invalidParam("the range of `\(decl.name.name)` must be `\(base.name)` values, found `\(value.type.name)`", at: expr.range))
                return nil
            }
            bounds[slot] = value.number
        }
        if base == .bool, let lower = decl.lower {
            report(SemaDiagnostics.invalidParam("a bool `param` takes no range", at: lower.range))
            return nil
        }
        if let lower = bounds[0], let upper = bounds[1] {
            guard lower <= upper else {
                report(SemaDiagnostics.invalidParam("the range of `\(decl.name.name)` is empty: \(ASTPrinter.formatNumber(lower)) is above \(ASTPrinter.formatNumber(upper))", at: decl.range))
                return nil
            }
            guard lower <= defaultValue.number, defaultValue.number <= upper else {
                report(SemaDiagnostics.invalidParam("the default \(ASTPrinter.formatNumber(defaultValue.number)) of `\(decl.name.name)` is outside its range \(ASTPrinter.formatNumber(lower))...\(ASTPrinter.formatNumber(upper))",
                                                    at: decl.defaultValue.range))
                return nil
            }
        }
        if let step = bounds[2], !(step > 0), let stepExpr = decl.step {
            report(SemaDiagnostics.invalidParam("the step of `\(decl.name.name)` must be above 0", at: stepExpr.range))
            return nil
        }
        let symbol = ParamSymbol(name: decl.name.name, base: base, defaultValue: defaultValue.number,
                                 lower: bounds[0], upper: bounds[1], step: bounds[2], range: decl.name.range)
        return symbol
    }

    private func constant(_ expr: Expr, _ what: String) -> (number: Double, type: BaseType)? {
        let typed = check(expr)
        if typed.type.isError { return nil }
        guard typed.type.variability == .const, let value = ConstantEvaluator.value(of: typed), value.isFinite else {
            report(SemaDiagnostics.invalidParam("\(what) must be a constant number, found `\(typed.type)`", at: expr.range))
            return nil
        }
        return (value, typed.type.base)
    }

}
