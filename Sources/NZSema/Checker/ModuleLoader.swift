/// The result of looking up an `import`.
public enum ModuleLookup: Sendable {
    case found(path: String, text: String)
    case notFound(searched: [String])
}

/// Finds the text of imported modules. Sema does no I/O itself; the CLI passes a loader that
/// reads the file system, tests pass one backed by a dictionary.
public protocol ModuleLoader: Sendable {
    /// `module` is a stdlib name (`neozork`) or, when `isPath`, a path relative to `importer`.
    func load(module: String, isPath: Bool, importer: String) -> ModuleLookup
}

/// A loader that knows no modules, for programs without imports.
public struct NoModules: ModuleLoader {
    public init() {}
    public func load(module: String, isPath: Bool, importer: String) -> ModuleLookup { .notFound(searched: []) }
}
