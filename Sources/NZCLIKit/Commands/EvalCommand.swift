import ArgumentParser
import NZData
import NZEval
import NZEngine
import NZIR

/// `nzs eval`: prints the values of expressions over a data file as CSV, one row per bar.
/// This is how NZS's numbers are compared with reference values.
struct EvalCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate expressions over a data file and print them as CSV.",
        discussion: """
        Output: a header `time,<expr>,...` (each expression as typed, CSV-quoted when needed), then one row per bar: \
        the time as in the input, numbers as the shortest decimal that round-trips, na empty, bools 1/0.
        """
    )

    @Option(help: "The bars: a file (CSV with time,open,high,low,close,volume, an MT5 export or Binance klines).")
    var data: String?

    @OptionGroup var bars: BarSourceOptions

    @Option(help: "The instrument's point size, read by `point` (default 0.01).")
    var point: Double?

    @Option(name: .customLong("import"), help: "A module to import before evaluating (repeatable).")
    var imports: [String] = []

    @Option(help: "A script whose lets, params and functions the expressions may use.")
    var script: String?

    @Option(name: .customLong("expr"), help: "An expression to evaluate (repeatable).")
    var expressions: [String]

    @Option(name: .customLong("param"), help: "Override a param of the script, as name=value (repeatable).")
    var params: [String] = []

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        var path = "<eval>"
        var text = ""
        if let script {
            guard let scriptText = support.readText(script) else { return support.status }
            path = script
            text = scriptText
        }
        guard let compilation = support.compile(path: path, text: text, imports: imports, expressions: expressions),
              let program = compilation.program,
              let given = support.params(program, overrides: params, point: point),
              let (bars, frame) = support.loadBars(data: data, self.bars.source, keepTimeText: true) else { return support.status }
        let values = support.withBarInterval(support.withStoredInstrument(given, EngineSettings(), program, pointGiven: point != nil).0,
                                             program, frame)
        let clock = ContinuousClock()
        let start = clock.now
        let evaluation = program.evaluate(frame, params: values)
        support.timings.append(("eval", Compiler.seconds(clock.now - start)))
        let outputs = program.ir.outputs(.expression)
        let columns = outputs.map { evaluation.column($0.value) }
        io.out((["time"] + outputs.map(\.name)).map(Formatting.csvField).joined(separator: ",") + "\n")
        var line = ""
        for row in 0..<bars.count {
            line.removeAll(keepingCapacity: true)
            line += Formatting.csvField(bars.timeText[row])
            for column in columns {
                line += ","
                line += Formatting.number(column[row])
            }
            line += "\n"
            io.out(line)
        }
        support.printTimings(timings)
        return ExitStatus.success
    }
}
