import Foundation
import NZEval
import NZIR
import NZSyntax

/// The reference of the functions written in NZS in the bundled stdlib modules (`import
/// bands`, `import neozork`): each `fn`'s signature as written, its doc comment (the `//` lines
/// right above it), its result's fields and warm-up, found by compiling an example call.
public enum ModuleReference {
    /// The bundled modules, in the order `nzs doc` lists them.
    public static let modules = ["bands", "neozork"]

    /// One function of a module.
    public struct Entry: Sendable {
        public let module: String
        public let name: String
        /// `wave(long1: int = 339, ...)`, the parameters as the module writes them.
        public let signature: String
        /// The doc comment, lines joined with spaces.
        public let summary: String
        /// A call with every required argument filled in (`close`, 20, 2, `close > open`).
        public let exampleCall: String
        /// Record fields, or nil for a single value.
        public let fields: [String]?
        /// Leading na bars of each output of the example call (nil if it did not compile).
        public let warmups: [(field: String?, bars: Int)]?
    }

    /// Where each module's formulas come from.
    static func source(_ module: String) -> String {
        switch module {
        case "neozork":
            return "NeoZork HLD (its Python port of the MQL5 originals), formulas in neozork-indicators.md; matched on its outputs (NeoZorkParityTests)"
        default: return "NZS, composed of builtins"
        }
    }

    /// Every function of every bundled module found from `workingDirectory` (as `import` finds them).
    public static func entries(workingDirectory: String) -> [Entry] {
        let loader = FileModuleLoader(workingDirectory: workingDirectory)
        var entries: [Entry] = []
        for module in modules {
            guard case .found(let path, let text) = loader.load(module: module, isPath: false, importer: "<doc>") else { continue }
            var sources = SourceMap()
            let id = sources.add(path: path, text: text)
            let file = sources[id]
            let parsed = Parser.parse(file)
            for item in parsed.script.items {
                guard case .functionDecl(let function) = item else { continue }
                entries.append(entry(function, module: module, file: file, loader: loader))
            }
        }
        return entries
    }

    public static func entry(named name: String, workingDirectory: String) -> Entry? {
        entries(workingDirectory: workingDirectory).first { $0.name == name }
    }

    static func entry(_ function: FunctionDecl, module: String, file: SourceFile, loader: FileModuleLoader) -> Entry {
        let parameters = function.parameters.map { parameter -> String in
            var text = parameter.name.name
            if let type = parameter.type { text += ": \(type.description)" }
            if let value = parameter.defaultValue { text += " = " + file.text(of: value.range) }
            return text
        }
        let name = function.name.name
        let required = function.parameters.filter { $0.defaultValue == nil }.map { parameter -> String in
            switch parameter.type?.description {
            case "int", "param<int>": return "20"
            case "float", "param<float>": return "2"
            case "bool": return "true"
            case "series<bool>": return "close > open"
            default: return "close"
            }
        }
        let call = "\(name)(\(required.joined(separator: ", ")))"
        let (fields, warmups) = outputs(of: call, module: module, loader: loader)
        return Entry(module: module, name: name, signature: "\(name)(\(parameters.joined(separator: ", ")))",
                     summary: docComment(above: function.range.start, in: file), exampleCall: call,
                     fields: fields, warmups: warmups)
    }

    /// The `//` lines directly above `offset`, without the slashes.
    static func docComment(above offset: Int, in file: SourceFile) -> String {
        var line = file.lineColumn(of: offset).line - 1
        var lines: [String] = []
        while line >= 1 {
            let text = file.lineText(line).trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("//") else { break }
            lines.insert(text.dropFirst(2).trimmingCharacters(in: .whitespaces), at: 0)
            line -= 1
        }
        return lines.joined(separator: " ")
    }

    /// Compiles `let doc_value = CALL` after importing the module: its fields and warm-ups.
    static func outputs(of call: String, module: String, loader: FileModuleLoader) -> ([String]?, [(field: String?, bars: Int)]?) {
        let compilation = Compiler.compile(path: "<doc>", text: "import \(module)\nlet doc_value = \(call)\n", loader: loader)
        guard let program = compilation.program else { return (nil, nil) }
        let values = WarmupAnalysis.warmups(program.ir, params: program.ir.defaultParams)
        let lets = program.ir.outputs(.letValue).filter { $0.name == "doc_value" || $0.name.hasPrefix("doc_value.") }
        let fields = lets.compactMap { output -> String? in
            output.name.hasPrefix("doc_value.") ? String(output.name.dropFirst("doc_value.".count)) : nil
        }
        let warmups = lets.map { output -> (field: String?, bars: Int) in
            (output.name == "doc_value" ? nil : String(output.name.dropFirst("doc_value.".count)), values[output.value.index])
        }
        return (fields.isEmpty ? nil : fields, warmups)
    }

    static func warmupText(_ entry: Entry) -> String {
        guard let warmups = entry.warmups else { return "—" }
        return warmups.map { ($0.field.map { ".\($0) " } ?? "") + "\($0.bars)" }.joined(separator: ", ")
    }

    /// The entry as `nzs doc NAME` prints it.
    static func text(_ entry: Entry) -> String {
        var text = "\(entry.signature)\n    \(entry.summary)\n"
        if let fields = entry.fields {
            text += "    returns a record with fields \(fields.map { "." + $0 }.joined(separator: ", "))\n"
        }
        text += "    warm-up of \(entry.exampleCall): \(warmupText(entry)) bars\n"
        text += "    module: import \(entry.module) (stdlib/\(entry.module).nzs)\n"
        text += "    source: \(source(entry.module))\n"
        return text
    }

    /// The Markdown section of docs/indicators.md for the modules.
    static func markdown(workingDirectory: String) -> String {
        var text = ""
        let all = entries(workingDirectory: workingDirectory)
        for module in modules {
            let functions = all.filter { $0.module == module }
            guard !functions.isEmpty else { continue }
            text += """

            ## `import \(module)` (stdlib/\(module).nzs)

            Written in NZS; source: \(source(module)).

            | function | returns | warm-up (example call) | summary |
            |---|---|---|---|

            """
            for entry in functions {
                let returns = entry.fields.map { $0.map { "`.\($0)`" }.joined(separator: " ") } ?? "value"
                let summary = entry.summary.replacingOccurrences(of: "|", with: "\\|")
                text += "| `\(entry.signature)` | \(returns) | `\(entry.exampleCall)`: \(warmupText(entry)) | \(summary) |\n"
            }
        }
        return text
    }
}
