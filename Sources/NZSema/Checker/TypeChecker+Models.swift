import NZSyntax

/// `model name = kind(features: [...], target: ..., train: ..., retrain: ..., purge: ..., ...)`.
/// The model's name is bound to a record of its outputs (`prediction`, and `probability` or
/// `cluster` by its task); `name.importance(i)` is its one method.
extension TypeChecker {
    /// The arguments every model takes besides its kind's hyperparameters.
    static let modelArguments = ["features", "target", "train", "retrain", "purge"]
    /// The most features a model may have.
    public static let maximumModelFeatures = 256

    func checkModel(_ decl: ModelDecl) {
        guard let kind = ModelKind(rawValue: decl.kind.name) else {
            let names = ModelKind.allCases.map(\.rawValue)
            report(SemaDiagnostics.unknownModelKind(decl.kind.name, kinds: names,
                                                    suggestion: SpellingSuggestion.closest(to: decl.kind.name, in: names), at: decl.kind.range))
            return bind(decl.name, to: invalid(decl.range))
        }
        guard let definition = modelDefinition(decl, kind) else { return bind(decl.name, to: invalid(decl.range)) }
        let score = TypedExpr(.modelOutput(definition, .score), ValueType(definition.task == .clustering ? .int : .float, .series), decl.range)
        var fields: [(String, TypedExpr)]
        switch definition.task {
        case .regression:
            fields = [("prediction", score)]
        case .classification:
            // Whether the probability is above 0.5 (na while it is na).
            let half = TypedExpr(.constant(0.5), ValueType(.float, .const), decl.range)
            let above = TypedExpr(.binary(.greater, score, half), ValueType(.bool, .series), decl.range)
            let missing = TypedExpr(.builtin(.isNA, [score]), ValueType(.bool, .series), decl.range)
            let prediction = TypedExpr(.select(missing, TypedExpr(.na, ValueType(.bool, .const), decl.range), above), ValueType(.bool, .series), decl.range)
            fields = [("prediction", prediction), ("probability", score)]
        case .clustering:
            fields = [("prediction", score), ("cluster", score)]
        }
        let record = RecordType(name: "model \(decl.name.name)", fields: fields.map(\.0), fieldTypes: fields.map(\.1.type.base))
        let value = TypedExpr(.record(fields.map(\.1)), ValueType(.record(record), .series), decl.range)
        modelDefinitions[ObjectIdentifier(value)] = definition
        models.append(definition)
        bind(decl.name, to: value)
    }

    private func modelDefinition(_ decl: ModelDecl, _ kind: ModelKind) -> ModelDefinition? {
        let allowed = Self.modelArguments.filter { kind.targets != .none || $0 != "target" } + kind.hyperparameters.map(\.name)
        var byName: [String: Argument] = [:]
        for argument in decl.arguments {
            guard let label = argument.label else {
                report(SemaDiagnostics.badModelArgument("the arguments of a model are named, as in `features: [...]`", at: argument.value.range))
                return nil
            }
            guard allowed.contains(label.name) else {
                let hint = kind == .kmeans && label.name == "target" ? "`kmeans` clusters the features; it takes no `target`"
                    : "`\(kind.rawValue)` has no argument `\(label.name)`"
                report(SemaDiagnostics.badModelArgument(hint, at: label.range, notes: [
                    DiagnosticNote("its arguments are \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
                                   + (SpellingSuggestion.closest(to: label.name, in: allowed).map { "; did you mean `\($0)`?" } ?? "")),
                ]))
                return nil
            }
            guard byName[label.name] == nil else {
                report(SemaDiagnostics.badModelArgument("`\(label.name)` is given twice", at: label.range))
                return nil
            }
            byName[label.name] = argument
        }
        guard let featureList = byName["features"] else { return missing("features", "features: [rsi(close, 14), roc(close, 10)]", decl) }
        guard let (features, names) = modelFeatures(featureList.value) else { return nil }
        var target: TypedExpr?, task = ModelTask.clustering, horizon = 0
        if kind.targets != .none {
            guard let argument = byName["target"] else { return missing("target", "target: future_return(5) > 0", decl) }
            guard let checked = modelTarget(argument.value, kind) else { return nil }
            (target, task, horizon) = checked
        }
        guard let trainArgument = byName["train"] else { return missing("train", "train: rolling(1000)", decl) }
        guard let window = modelWindow(trainArgument.value) else { return nil }
        var retrain = constant(1, decl.range)
        if let argument = byName["retrain"] {
            guard case .call(let callee, let arguments) = argument.value.kind, callee.name == "every", arguments.count == 1,
                  arguments[0].label == nil || arguments[0].label?.name == "bars" else {
                report(SemaDiagnostics.badModelArgument("`retrain` is `every(K)`: refit every K bars", at: argument.value.range))
                return nil
            }
            guard let value = runConstantInteger(arguments[0].value, "`every`", minimum: 1) else { return nil }
            retrain = value
        }
        var purge = constant(Double(horizon), decl.range)
        if let argument = byName["purge"] {
            guard let value = runConstantInteger(argument.value, "`purge`", minimum: 0) else { return nil }
            if let bars = ConstantEvaluator.value(of: value), bars < Double(horizon), let target {
                report(SemaDiagnostics.purgeBelowHorizon(Int(bars), horizon: horizon, at: argument.value.range, target: target.range))
                return nil
            }
            purge = value
        }
        var hyperparameters: [TypedExpr] = []
        for parameter in kind.hyperparameters {
            guard let argument = byName[parameter.name] else {
                hyperparameters.append(constant(parameter.defaultValue, decl.range, isInteger: parameter.isInteger))
                continue
            }
            let value = check(argument.value)
            if value.type.isError { return nil }
            guard requireEvaluable(value, place: "`\(parameter.name)`", at: argument.value.range) else { return nil }
            guard value.type.base.isNumeric, value.type.variability <= .param, !parameter.isInteger || value.type.base == .int else {
                report(SemaDiagnostics.badModelArgument("`\(parameter.name)` needs \(parameter.expectation) known for the whole run, found `\(value.type)`",
                                                        at: argument.value.range))
                return nil
            }
            if let known = ConstantEvaluator.value(of: value), !parameter.accepts(known) {
                report(SemaDiagnostics.badModelArgument("`\(parameter.name)` needs \(parameter.expectation), found \(ModelKind.Hyperparameter.format(known))",
                                                        at: argument.value.range))
                return nil
            }
            hyperparameters.append(value)
        }
        return ModelDefinition(name: decl.name.name, kind: kind, task: task, features: features, featureNames: names, target: target,
                               horizon: horizon, window: window, retrain: retrain, purge: purge, hyperparameters: hyperparameters,
                               range: decl.range)
    }

    private func missing(_ name: String, _ example: String, _ decl: ModelDecl) -> ModelDefinition? {
        report(SemaDiagnostics.badModelArgument("a `\(decl.kind.name)` model needs `\(name)`, as in `\(example)`", at: decl.kind.range))
        return nil
    }

    /// The feature list: numbers or bools of any variability, none of them reading the future.
    private func modelFeatures(_ list: Expr) -> ([TypedExpr], [String])? {
        guard case .list(let elements) = list.kind else {
            report(SemaDiagnostics.badModelArgument("`features` is a list of values, as in `features: [rsi(close, 14), atr(14) / close]`", at: list.range))
            return nil
        }
        guard (1...Self.maximumModelFeatures).contains(elements.count) else {
            report(SemaDiagnostics.badModelArgument("a model has from 1 to \(Self.maximumModelFeatures) features, found \(elements.count)", at: list.range))
            return nil
        }
        var features: [TypedExpr] = []
        for element in elements {
            let value = check(element)
            if value.type.isError { return nil }
            guard requireEvaluable(value, place: "a model feature", at: element.range) else { return nil }
            guard value.type.base.isNumeric || value.type.base == .bool else {
                report(SemaDiagnostics.badModelArgument("a feature is a number or a bool, not `\(value.type)`", at: element.range))
                return nil
            }
            features.append(value)
        }
        return (features, elements.map { text(of: $0.range) })
    }

    /// The target, its task and its horizon h (the largest `n` of the `future_*(n)` it reads).
    private func modelTarget(_ expr: Expr, _ kind: ModelKind) -> (TypedExpr, ModelTask, Int)? {
        let value = check(expr)
        if value.type.isError { return nil }
        guard value.type.base.isNumeric || value.type.base == .bool else {
            report(SemaDiagnostics.badModelArgument("a target is a number or a bool, not `\(value.type)`", at: expr.range))
            return nil
        }
        let isBool = value.type.base == .bool
        switch kind.targets {
        case .numbers where isBool:
            report(SemaDiagnostics.badModelArgument("`\(kind.rawValue)` fits a number; for a bool target use `logistic`, `random_forest` or `gradient_boosting`",
                                                    at: expr.range))
            return nil
        case .bools where !isBool:
            report(SemaDiagnostics.badModelArgument("`logistic` fits a bool target, such as `future_return(5) > 0`", at: expr.range))
            return nil
        default: break
        }
        return (value, isBool ? .classification : .regression, Self.horizon(of: value))
    }

    /// The largest horizon of the look-ahead labels in an expression.
    static func horizon(of expr: TypedExpr) -> Int {
        var seen = Set<ObjectIdentifier>()
        func walk(_ node: TypedExpr) -> Int {
            guard node.type.isLabel, seen.insert(ObjectIdentifier(node)).inserted else { return 0 }
            switch node.kind {
            case .builtin(let builtin, let arguments) where [.futureReturn, .futureClose, .futureHigh, .futureLow].contains(builtin):
                return Int(ConstantEvaluator.value(of: arguments[0]) ?? 0)
            case .builtin(_, let parts), .list(let parts), .record(let parts): return parts.map(walk).max() ?? 0
            case .unary(_, let operand): return walk(operand)
            case .binary(_, let left, let right): return max(walk(left), walk(right))
            case .select(let condition, let yes, let no): return max(walk(condition), walk(yes), walk(no))
            case .history(let value, let offset): return max(walk(value), walk(offset))
            case .field(let record, _): return walk(record)
            default: return 0
            }
        }
        return walk(expr)
    }

    /// `rolling(N)` or `expanding(min: N)`.
    private func modelWindow(_ expr: Expr) -> ModelWindow? {
        guard case .call(let callee, let arguments) = expr.kind, ["rolling", "expanding"].contains(callee.name), arguments.count == 1 else {
            report(SemaDiagnostics.badModelArgument("`train` is `rolling(N)` (the latest N usable rows) or `expanding(min: N)` (every usable row, once there are N)",
                                                    at: expr.range))
            return nil
        }
        let argument = arguments[0]
        let expected = callee.name == "rolling" ? ["length"] : ["min"]
        if let label = argument.label, !expected.contains(label.name) {
            report(SemaDiagnostics.badModelArgument("`\(callee.name)` takes `\(expected[0]):`, not `\(label.name):`", at: label.range))
            return nil
        }
        guard let rows = runConstantInteger(argument.value, "`\(callee.name)`", minimum: 2) else { return nil }
        return callee.name == "rolling" ? .rolling(rows) : .expanding(minimum: rows)
    }

    /// An int known for the whole run (a constant or a param), at least `minimum` when constant.
    private func runConstantInteger(_ expr: Expr, _ place: String, minimum: Double) -> TypedExpr? {
        let value = check(expr)
        if value.type.isError { return nil }
        guard requireEvaluable(value, place: place, at: expr.range) else { return nil }
        guard value.type.base == .int, value.type.variability <= .param else {
            report(SemaDiagnostics.badModelArgument("\(place) needs a whole number known for the whole run, found `\(value.type)`", at: expr.range))
            return nil
        }
        if let known = ConstantEvaluator.value(of: value), known < minimum {
            report(SemaDiagnostics.badModelArgument("\(place) needs at least \(Int(minimum)), found \(ModelKind.Hyperparameter.format(known))", at: expr.range))
            return nil
        }
        return value
    }

    private func constant(_ value: Double, _ range: SourceRange, isInteger: Bool = true) -> TypedExpr {
        TypedExpr(.constant(value), ValueType(isInteger ? .int : .float, .const), range)
    }

    /// `model.importance(i)`: the importance of feature i in the latest fit.
    func checkMethod(_ base: Expr, _ name: Identifier, _ arguments: [Argument], _ range: SourceRange) -> TypedExpr {
        let value = check(base)
        if value.type.isError { return invalid(range) }
        guard let definition = modelDefinitions[ObjectIdentifier(value)], name.name == "importance" else {
            if name.name == "importance" {
                report(SemaDiagnostics.badModelArgument("`.importance(i)` is a method of a model, and this is `\(value.type)`", at: name.range))
            } else {
                report(SyntaxDiagnostics.methodCall(name.name, at: name.range))
            }
            return invalid(range)
        }
        guard arguments.count == 1, arguments[0].label == nil || arguments[0].label?.name == "feature" else {
            report(SemaDiagnostics.badModelArgument("`importance` takes one feature number, as in `importance(0)`", at: name.range))
            return invalid(range)
        }
        let index = check(arguments[0].value)
        if index.type.isError { return invalid(range) }
        guard index.type.base == .int, let known = ConstantEvaluator.value(of: index), known >= 0, known < Double(definition.features.count) else {
            report(SemaDiagnostics.badModelArgument("`importance` needs a constant feature number from 0 to \(definition.features.count - 1)",
                                                    at: arguments[0].value.range))
            return invalid(range)
        }
        return TypedExpr(.modelOutput(definition, .importance(Int(known))), ValueType(.float, .series), range)
    }
}
