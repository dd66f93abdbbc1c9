import ArgumentParser
import NZEval
import NZIR
import NZSema
import NZSyntax

/// `nzs check FILE...`: compiles scripts without data; prints nothing on success unless a
/// dump or the warm-up table is asked for.
struct CheckCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check scripts for errors without running them.",
        discussion: "Exit status 65 when any file has errors. --dump prints one compiler stage; --warmup prints each value's leading na count."
    )

    enum Stage: String, ExpressibleByArgument, CaseIterable {
        case tokens, ast, types, ir
    }

    @ArgumentParser.Argument(help: "The .nzs files to check.")
    var files: [String]

    @Option(help: "Print a compiler stage: tokens, ast, types or ir.")
    var dump: Stage?

    @Flag(help: "Print the warm-up (leading na bars) of every let, rule and plot, with default params.")
    var warmup = false

    @Option(name: .customLong("param"), help: "Override a param for --warmup, as name=value.")
    var params: [String] = []

    func execute(_ io: CommandIO) -> Int32 {
        var worst = ExitStatus.success
        for file in files {
            var support = ScriptSupport(io: io)
            guard let text = support.readText(file) else { worst = max(worst, support.status); continue }
            if dump == .tokens || dump == .ast {
                let source = SourceFile(id: SourceFileID(0), path: file, text: text)
                if dump == .tokens { io.out(StageDumps.tokens(source)) } else { io.out(ASTPrinter.print(Parser.parse(source).script, file: source)) }
            }
            guard let compilation = support.compile(path: file, text: text) else { worst = max(worst, support.status); continue }
            if dump == .types, let checked = compilation.checked {
                io.out(StageDumps.types(checked))
            }
            if dump == .ir, let program = compilation.program { io.out(IRPrinter.print(program.ir)) }
            if warmup, let program = compilation.program {
                guard let values = support.params(program, overrides: params, point: nil) else { worst = max(worst, support.status); continue }
                io.out(StageDumps.warmups(program.ir, params: values))
            }
        }
        return worst
    }
}

/// Text dumps of the compiler's stages, deterministic for golden tests.
enum StageDumps {
    static func tokens(_ file: SourceFile) -> String {
        let (tokens, _) = Lexer.tokenize(file)
        return tokens.map { token in
            let position = file.lineColumn(of: token.range.start)
            let kind = token.kind.isKeyword || token.kind.displayName.hasPrefix("`") ? "\(token.kind)" : token.kind.rawValue
            return "\(position.line):\(position.column) \(kind) \(Formatting.jsonString(token.text))\n"
        }.joined()
    }

    /// Every checked expression of the main file in source order (outer before inner).
    static func types(_ program: CheckedProgram) -> String {
        let main = program.sources.files[0]
        let entries = program.expressionRanges.filter { $0.value.file == main.id }.sorted { a, b in
            a.value.start != b.value.start ? a.value.start < b.value.start
                : a.value.end != b.value.end ? a.value.end > b.value.end : a.key < b.key
        }
        return entries.map { id, range in
            let position = main.lineColumn(of: range.start)
            let type = program.expressionTypes[id].map(\.description) ?? "?"
            let text = main.text(of: range).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return "\(position.line):\(position.column) \(text) : \(type)\n"
        }.joined()
    }

    static func warmups(_ program: IRProgram, params: [Double]) -> String {
        let warmups = WarmupAnalysis.warmups(program, params: params)
        return program.outputs.map { output in
            let role: String
            switch output.role {
            case .letValue: role = "let"
            case .expression: role = "expr"
            case .plot: role = "plot"
            default: role = "rule"
            }
            return "\(role) \(output.name): \(warmups[output.value.index])\n"
        }.joined()
    }
}
