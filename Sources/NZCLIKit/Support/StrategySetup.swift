import NZEngine
import NZEval

/// What every command that runs a strategy needs before reading bars: the compiled trading
/// program, the param values, the plan and the engine settings with the command-line
/// overrides. Reports failures itself (status 65, 64 or 70, as docs/cli.md states).
struct StrategySetup {
    let program: Program
    let params: [Double]
    let plan: StrategyPlan
    let settings: EngineSettings
    /// The script's text, for the content hash of a saved run.
    let text: String

    /// Nil after printing the error; `status` then holds the exit status.
    static func make(file: String, params overrides: [String], point: Double?, engine: EngineOptions,
                     support: inout ScriptSupport, status: inout Int32) -> StrategySetup? {
        guard let text = support.readText(file),
              let compilation = support.compile(path: file, text: text),
              let compiled = compilation.program,
              let values = support.params(compiled, overrides: overrides, point: point) else {
            status = support.status
            return nil
        }
        let program = Program(ir: compiled.ir.restricted(to: StrategyPlan.isTradingOutput))
        let plan: StrategyPlan
        switch StrategyPlan.make(program.ir, params: values) {
        case .success(let made): plan = made
        case .failure(let error):
            support.io.error("error: \(file): \(error.message)\n")
            status = ExitStatus.runtimeError
            return nil
        }
        switch engine.apply(to: plan.settings) {
        case .success(let settings):
            return StrategySetup(program: program, params: values, plan: plan, settings: settings, text: text)
        case .failure(let error):
            support.io.error("error: \(error.message)\n")
            status = ExitStatus.usage
            return nil
        }
    }
}
