import NZSyntax

/// What a name in scope refers to.
enum Symbol {
    /// A `let`, a `param` or a function parameter: the typed value it stands for.
    case value(TypedExpr, definedAt: SourceRange)
    /// A user function with the global values visible where it was defined.
    case function(FunctionDecl, globals: [String: Symbol])
}

/// The semantic pass: resolves names, loads imports, checks types and qualifiers, enforces
/// the no-look-ahead rules, and builds a `CheckedProgram` of `TypedExpr`s.
///
/// It leaves the AST untouched (types go to side tables and a new typed tree), reports every
/// error it can find in one run, and suppresses follow-on errors by giving a failed
/// expression the type `error`, which matches everything.
///
/// User functions are checked per call with the argument types of that call and inlined,
/// so a function without parameter types is generic over its arguments; the IR's common
/// subexpression sharing removes the duplication inlining creates.
public final class TypeChecker {
    /// Deepest chain of user function calls (each level is one inlined body).
    public static let maximumCallDepth = 64
    /// Most user function bodies inlined in one program; bounds the work of fn calling fn
    /// calling fn... twice at every level.
    public static let maximumInlinedCalls = 4_096
    /// The builtin run constant holding the instrument's point size (`--point`, default 0.01).
    public static let pointName = "point"
    public static let defaultPoint = 0.01
    /// The run constant holding the script bars' spacing in milliseconds (set from the data).
    public static let barIntervalName = "bar_interval"

    var sources = SourceMap()
    var diagnostics = Diagnostics()
    var globals: [String: Symbol] = [:]
    var locals: [[String: Symbol]] = []
    var params: [ParamSymbol] = []
    var lets: [NamedValue] = []
    var expressions: [NamedValue] = []
    var strategy: CheckedStrategy?
    var models: [ModelDefinition] = []
    /// The model behind each model record value (for `importance(i)`).
    var modelDefinitions: [ObjectIdentifier: ModelDefinition] = [:]
    var ruleRanges: [String: SourceRange] = [:]
    var expressionTypes: [NodeID: ValueType] = [:]
    var expressionRanges: [NodeID: SourceRange] = [:]
    var callStack: [String] = []
    /// For each function body being checked, the global values visible at its definition.
    var functionEnvironments: [[String: Symbol]] = []
    /// Declarations of `let`s and `param`s by name, for "defined later" notes.
    var declaredLater: [String: SourceRange] = [:]
    /// Places already reported as unknown names or functions.
    var unknownNamesReported: Set<SourceRange> = []
    /// Functions whose definition has been reached (by name range).
    var definedFunctions: Set<SourceRange> = []
    /// Where each function on `callStack` was called, for "in the call of" notes.
    var callSites: [SourceRange?] = []
    private var reportedKeys: Set<String> = []
    var inlinedCalls = 0
    /// For each `on` block being checked, the number of local scopes outside it.
    var timeframeBarriers: [Int] = []
    var nextNodeID = 0
    var scripts: [Script] = []
    var loadedModules: [String: SourceFileID] = [:]
    var loadingModules: [String] = []
    private let loader: any ModuleLoader

    init(loader: any ModuleLoader) {
        self.loader = loader
    }

    /// The result of checking: the program (nil when there were errors), every diagnostic, the
    /// loaded sources and the parsed scripts (main file first).
    public struct Output: Sendable {
        public let program: CheckedProgram?
        public let diagnostics: Diagnostics
        public let sources: SourceMap
        public let scripts: [Script]
    }

    /// Parses and checks a script, its imports, and extra expressions (as `nzs eval --expr`
    /// gives them; each is its own source named `<expr N>`). `imports` are modules loaded
    /// before the script, as `nzs eval --import` asks.
    public static func check(path: String, text: String, imports: [String] = [], expressions: [String] = [],
                             loader: any ModuleLoader = NoModules()) -> Output {
        var sources = SourceMap()
        let main = sources.add(path: path, text: text)
        return check(parsed: Parser.parse(sources[main]), sources: sources, imports: imports,
                     expressions: expressions, loader: loader)
    }

    /// Checks an already parsed main file (file 0 of `sources`), so callers can time parsing
    /// and checking apart.
    public static func check(parsed: (script: Script, diagnostics: Diagnostics, nextNodeID: Int), sources: SourceMap,
                             imports: [String] = [], expressions: [String] = [],
                             loader: any ModuleLoader = NoModules()) -> Output {
        let checker = TypeChecker(loader: loader)
        checker.sources = sources
        checker.nextNodeID = parsed.nextNodeID
        for (index, module) in imports.enumerated() {
            let id = checker.sources.add(path: "<import \(index + 1)>", text: "import \(module)")
            let range = SourceRange(file: id, start: 0, end: 6 + module.utf8.count + 1)
            checker.checkImport(ImportDecl(module: module, isPath: module.contains("/") || module.hasSuffix(".nzs"), range: range))
        }
        let mainPath = sources.files[0].path
        checker.loadedModules[mainPath] = sources.files[0].id
        checker.loadingModules.append(mainPath)
        checker.checkParsedFile(parsed, isModule: false)
        for (index, source) in expressions.enumerated() {
            checker.checkExtraExpression(source, name: "<expr \(index + 1)>")
        }
        return checker.finish()
    }

    private func finish() -> Output {
        let program = diagnostics.hasErrors ? nil : CheckedProgram(
            sources: sources, params: params, lets: lets, expressions: expressions, strategy: strategy, models: models,
            expressionTypes: expressionTypes, expressionRanges: expressionRanges)
        return Output(program: program, diagnostics: diagnostics, sources: sources, scripts: scripts)
    }

    // MARK: - Files and items

    private func checkFile(_ id: SourceFileID, isModule: Bool = false) {
        checkParsedFile(Parser.parse(sources[id], firstNodeID: nextNodeID), isModule: isModule)
    }

    private func checkParsedFile(_ parsed: (script: Script, diagnostics: Diagnostics, nextNodeID: Int), isModule: Bool) {
        nextNodeID = max(nextNodeID, parsed.nextNodeID)
        diagnostics.append(contentsOf: parsed.diagnostics)
        scripts.append(parsed.script)
        // Names and types are checked only in files that parsed cleanly: after a syntax error
        // the tree's shape is a guess, and its "errors" would be follow-ons of the first.
        guard !parsed.diagnostics.hasErrors else { return }
        hoistFunctions(parsed.script.items)
        recordDeclarations(parsed.script.items)
        for item in parsed.script.items {
            if case .strategy(let decl) = item, isModule {
                report(SemaDiagnostics.unsupportedValue("an imported module cannot contain a `strategy` block", at: decl.nameRange))
                continue
            }
            checkItem(item)
        }
    }

    private func checkExtraExpression(_ source: String, name: String) {
        let id = sources.add(path: name, text: source)
        let (tokens, lexDiagnostics) = Lexer.tokenize(sources[id])
        var parser = Parser(tokens: tokens, file: id, firstNodeID: nextNodeID)
        let expr = parser.parseStandaloneExpression()
        nextNodeID = parser.nextNodeIDValue
        diagnostics.append(contentsOf: lexDiagnostics)
        diagnostics.append(contentsOf: parser.diagnosticsValue)
        if lexDiagnostics.hasErrors || parser.diagnosticsValue.hasErrors { return }
        let typed = check(expr)
        requireEvaluable(typed, place: "an `nzs eval` output", at: expr.range)
        expressions.append(NamedValue(name: source, value: typed, range: expr.range))
    }

    /// Remembers where each `let` and `param` of a file is declared, so that using one before
    /// its declaration can say so.
    private func recordDeclarations(_ items: [Item]) {
        for item in items {
            switch item {
            case .letDecl(let decl): declaredLater[decl.name.name] = declaredLater[decl.name.name] ?? decl.name.range
            case .paramDecl(let decl): declaredLater[decl.name.name] = declaredLater[decl.name.name] ?? decl.name.range
            case .modelDecl(let decl): declaredLater[decl.name.name] = declaredLater[decl.name.name] ?? decl.name.range
            case .strategy(let decl): recordDeclarations(decl.items)
            default: break
            }
        }
    }

    /// Functions are visible in their whole file (and to later files), so they may be called
    /// before their definition; they see the global values declared before them.
    private func hoistFunctions(_ items: [Item]) {
        for item in items {
            switch item {
            case .functionDecl(let decl): declareFunction(decl)
            case .strategy(let decl):
                for case .functionDecl(let inner) in decl.items { declareFunction(inner) }
            default: break
            }
        }
    }

    private func declareFunction(_ decl: FunctionDecl) {
        guard declarable(decl.name) else { return }
        globals[decl.name.name] = .function(decl, globals: [:])
    }

    func checkItem(_ item: Item) {
        switch item {
        case .importDecl(let decl): checkImport(decl)
        case .letDecl(let decl):
            let value = checkLet(decl)
            lets.append(NamedValue(name: decl.name.name, value: value, range: decl.name.range))
        case .paramDecl(let decl): checkParam(decl)
        case .functionDecl(let decl): checkFunctionDefinition(decl)
        case .modelDecl(let decl): checkModel(decl)
        case .strategy(let decl):
            strategy = CheckedStrategy(name: decl.name)
            for inner in decl.items { checkItem(inner) }
        case .rule(let rule): checkRule(rule)
        }
    }

    func checkImport(_ decl: ImportDecl) {
        let importer = sources[decl.range.file].path
        switch loader.load(module: decl.module, isPath: decl.isPath, importer: importer) {
        case .notFound(let searched):
            report(SemaDiagnostics.importNotFound(decl.module, searched: searched, at: decl.range))
        case .found(let path, let text):
            if loadingModules.contains(path) {
                report(SemaDiagnostics.importCycle(decl.module, at: decl.range))
                return
            }
            guard loadedModules[path] == nil else { return }
            let id = sources.add(path: path, text: text)
            loadedModules[path] = id
            loadingModules.append(path)
            checkFile(id, isModule: true)
            loadingModules.removeLast()
        }
    }

    /// `let name[: type] = value`: checks the value and binds the name to it.
    func checkLet(_ decl: LetDecl) -> TypedExpr {
        var value = check(decl.value)
        if let annotation = decl.type {
            switch annotation.resolve() {
            case .failure(let diagnostic): report(diagnostic)
            case .success(let declared):
                if let origin = value.type.label, !declared.allowsLabel {
                    report(SemaDiagnostics.lookAhead(origin, reaches: "`\(decl.name.name)`, declared `\(declared.description)`", at: decl.value.range))
                    value = invalid(decl.value.range)
                } else if !declared.accepts(value.type) {
                    report(SemaDiagnostics.declaredTypeMismatch("`\(decl.name.name)`", declared: declared.description,
                                                                got: value.type, at: decl.value.range))
                    value = invalid(decl.value.range)
                } else {
                    value = converted(value, to: declared.base)
                }
            }
        }
        bind(decl.name, to: value)
        return value
    }

    /// The value seen as the declared element type (`let x: float = 2%` is a float). Numbers
    /// are already Doubles at run time, so only the static type changes.
    func converted(_ value: TypedExpr, to base: BaseType) -> TypedExpr {
        guard value.type.base != base, !value.type.isError else { return value }
        return TypedExpr(value.kind, ValueType(base, value.type.variability, label: value.type.label), value.range)
    }

    // MARK: - Scopes

    /// Binds a name in the innermost scope, reporting redefinitions.
    func bind(_ name: Identifier, to value: TypedExpr) {
        if locals.isEmpty {
            guard declarable(name) else { return }
            globals[name.name] = .value(value, definedAt: name.range)
        } else {
            if Self.isBuiltinName(name.name) {
                report(SemaDiagnostics.redefinesBuiltin(name.name, at: name.range))
                locals[locals.count - 1][name.name] = .value(invalid(name.range), definedAt: name.range)
                return
            }
            if let existing = locals[locals.count - 1][name.name], case .value(_, let previous) = existing {
                report(SemaDiagnostics.duplicateDefinition(name.name, at: name.range, previous: previous))
                return
            }
            locals[locals.count - 1][name.name] = .value(value, definedAt: name.range)
        }
    }

    /// Whether a global name may be defined here; reports builtins and duplicates.
    private func declarable(_ name: Identifier) -> Bool {
        if Self.isBuiltinName(name.name) {
            report(SemaDiagnostics.redefinesBuiltin(name.name, at: name.range))
            return false
        }
        if let existing = globals[name.name] {
            let previous: SourceRange
            switch existing {
            case .value(_, let range): previous = range
            case .function(let decl, _): previous = decl.name.range
            }
            if previous != name.range {
                // Functions are hoisted, so the symbol seen first may be written later: point at
                // whichever comes second in the source.
                let (later, earlier) = previous.file == name.range.file && previous.start > name.range.start
                    ? (previous, name.range) : (name.range, previous)
                report(SemaDiagnostics.duplicateDefinition(name.name, at: later, previous: earlier))
            }
            return previous == name.range
        }
        return true
    }

    static func isBuiltinName(_ name: String) -> Bool {
        Builtin(rawValue: name) != nil || BuiltinSeries(rawValue: name) != nil || name == pointName
    }

    func lookup(_ name: String) -> Symbol? {
        for scope in locals.reversed() {
            if let symbol = scope[name] { return symbol }
        }
        // Inside a function body: the values visible where it was defined, and every function.
        if let environment = functionEnvironments.last {
            if let symbol = environment[name] { return symbol }
            if case .function? = globals[name] { return globals[name] }
            return nil
        }
        return globals[name]
    }

    /// Every function a call could have meant, for suggestions.
    func functionNames() -> [String] {
        Builtin.allCases.map(\.rawValue) + globals.compactMap { name, symbol in
            if case .function = symbol { return name } else { return nil }
        }
    }

    /// Every name a user could have meant, for suggestions.
    func visibleNames() -> Set<String> {
        var names = Set(globals.keys)
        for scope in locals { names.formUnion(scope.keys) }
        names.formUnion(BuiltinSeries.allCases.map(\.rawValue))
        names.formUnion(Builtin.allCases.map(\.rawValue))
        return names
    }

    // MARK: - Helpers

    /// Records a diagnostic once per (code, place, message). Inside an inlined function body it
    /// gets a note pointing at the call that brought it there.
    func report(_ diagnostic: Diagnostic) {
        let key = "\(diagnostic.code)|\(diagnostic.range.file.rawValue)|\(diagnostic.range.start)|\(diagnostic.range.end)|\(diagnostic.message)"
        guard reportedKeys.insert(key).inserted else { return }
        guard let last = callSites.last, let site = last, let name = callStack.last, site.file != diagnostic.range.file || !(site.start...site.end).contains(diagnostic.range.start) else {
            diagnostics.append(diagnostic)
            return
        }
        diagnostics.append(Diagnostic(diagnostic.severity, diagnostic.code, diagnostic.message, at: diagnostic.range,
                                      notes: diagnostic.notes + [DiagnosticNote("in the call of `\(name)` here", at: site)]))
    }

    func invalid(_ range: SourceRange) -> TypedExpr { TypedExpr(.invalid, .error, range) }

    func text(of range: SourceRange) -> String { sources.text(of: range) }
}
