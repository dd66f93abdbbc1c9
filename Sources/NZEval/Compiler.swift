import NZIR
import NZSema
import NZSyntax

/// The front end in one call: parse, check, lower. Each stage's output is kept, so the CLI
/// can dump any of them and time them apart.
public struct Compilation: Sendable {
    public let sources: SourceMap
    public let diagnostics: Diagnostics
    public let checked: CheckedProgram?
    public let program: Program?
    /// Seconds spent per phase: `parse`, `check`, `lower`.
    public let timings: [(phase: String, seconds: Double)]
}

/// Compiles `.nzs` source to a runnable `Program`.
public enum Compiler {
    public static func compile(path: String, text: String, imports: [String] = [], expressions: [String] = [],
                               loader: any ModuleLoader = NoModules(), exportingModels: Bool = false) -> Compilation {
        let clock = ContinuousClock()
        var sources = SourceMap()
        let main = sources.add(path: path, text: text)
        var start = clock.now
        let parsed = Parser.parse(sources[main])
        let parseTime = seconds(clock.now - start)
        start = clock.now
        let output = TypeChecker.check(parsed: parsed, sources: sources, imports: imports, expressions: expressions, loader: loader)
        let checkTime = seconds(clock.now - start)
        var diagnostics = output.diagnostics
        var program: Program?
        start = clock.now
        if let checked = output.program {
            switch Lowering.lower(checked, exportingModels: exportingModels) {
            case .success(let ir): program = Program(ir: ir)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        let lowerTime = seconds(clock.now - start)
        return Compilation(sources: output.sources, diagnostics: diagnostics, checked: output.program, program: program,
                           timings: [("parse", parseTime), ("check", checkTime), ("lower", lowerTime)])
    }

    public static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
