/// A written type: `int`, `float`, `series<float>`, `label<bool>`. Sema gives it meaning.
public struct TypeAnnotation: Hashable, Sendable {
    public let name: Identifier
    public let arguments: [TypeAnnotation]
    public let range: SourceRange

    public init(name: Identifier, arguments: [TypeAnnotation], range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }

    public var description: String {
        arguments.isEmpty ? name.name : "\(name.name)<\(arguments.map(\.description).joined(separator: ", "))>"
    }
}

/// `import neozork` (from the stdlib) or `import "path/to/file.nzs"` (relative to the script).
public struct ImportDecl: Hashable, Sendable {
    public let module: String
    public let isPath: Bool
    public let range: SourceRange

    public init(module: String, isPath: Bool, range: SourceRange) {
        self.module = module
        self.isPath = isPath
        self.range = range
    }
}

/// `let name[: type] = value`.
public struct LetDecl: Hashable, Sendable {
    public let name: Identifier
    public let type: TypeAnnotation?
    public let value: Expr
    public let range: SourceRange
}

/// `param name[: type] = default [in lo...hi [step s]]`: a value fixed for one run and
/// sweepable by the optimizer within its range.
public struct ParamDecl: Hashable, Sendable {
    public let name: Identifier
    public let type: TypeAnnotation?
    public let defaultValue: Expr
    public let lower: Expr?
    public let upper: Expr?
    public let step: Expr?
    public let range: SourceRange
}

/// One parameter of a user function; without a type it takes the type of each call's argument.
/// With a default (`n: int = 14`), a call may leave it out; the default is checked in the
/// function's definition scope.
public struct FunctionParameter: Hashable, Sendable {
    public let name: Identifier
    public let type: TypeAnnotation?
    public let defaultValue: Expr?

    public init(name: Identifier, type: TypeAnnotation?, defaultValue: Expr? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// A function body: `= expression`, or a block of lets ending in `return expression`.
public enum FunctionBody: Hashable, Sendable {
    case expression(Expr)
    case block([LetDecl], returnValue: Expr, returnRange: SourceRange)
}

/// `fn name(params) [-> type] = expr` or `fn name(params) [-> type] { lets; return expr }`.
public struct FunctionDecl: Hashable, Sendable {
    public let name: Identifier
    public let parameters: [FunctionParameter]
    public let returnType: TypeAnnotation?
    public let body: FunctionBody
    public let range: SourceRange
}

/// `strategy "name" { ... }`: the declarations and trading rules of one strategy.
public struct StrategyDecl: Hashable, Sendable {
    public let name: String
    public let nameRange: SourceRange
    public let items: [Item]
    public let range: SourceRange
}

/// `model name = kind(arguments)`: a model trained bar by bar on what was known at each bar
/// (docs/ml.md). The arguments are checked against the kind by the type checker.
public struct ModelDecl: Hashable, Sendable {
    public let name: Identifier
    public let kind: Identifier
    public let arguments: [Argument]
    public let range: SourceRange

    public init(name: Identifier, kind: Identifier, arguments: [Argument], range: SourceRange) {
        self.name = name
        self.kind = kind
        self.arguments = arguments
        self.range = range
    }
}

/// A top-level or strategy-level item.
public enum Item: Hashable, Sendable {
    case importDecl(ImportDecl)
    case letDecl(LetDecl)
    case paramDecl(ParamDecl)
    case functionDecl(FunctionDecl)
    case modelDecl(ModelDecl)
    case strategy(StrategyDecl)
    case rule(Rule)

    public var range: SourceRange {
        switch self {
        case .importDecl(let decl): return decl.range
        case .letDecl(let decl): return decl.range
        case .paramDecl(let decl): return decl.range
        case .functionDecl(let decl): return decl.range
        case .modelDecl(let decl): return decl.range
        case .strategy(let decl): return decl.range
        case .rule(let rule): return rule.range
        }
    }
}

/// The parse of one file: its items in order.
public struct Script: Hashable, Sendable {
    public let file: SourceFileID
    public let items: [Item]

    public init(file: SourceFileID, items: [Item]) {
        self.file = file
        self.items = items
    }
}
