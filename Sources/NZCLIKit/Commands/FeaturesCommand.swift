import ArgumentParser
import Foundation
import NZData
import NZEngine
import NZEval
import NZIR

/// `nzs features FILE --data CSV --out CSV`: every model's feature matrix and target, one row
/// per bar, to study a model or check it against another library.
struct FeaturesCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Export the models' features and targets as CSV.",
        discussion: """
        Columns: time, then for each model (or `--model NAME`) its features as `NAME.<feature as written>` and `NAME.target`: \
        the target of that row (the label the model sees `horizon` bars later; empty for the last `horizon` rows). \
        Numbers as in `nzs eval`; na empty.
        """
    )

    @Argument(help: "The script with `model` declarations.")
    var file: String

    @Option(help: "The bars: a file (CSV, an MT5 export, Binance klines or Parquet).")
    var data: String?

    @OptionGroup var bars: BarSourceOptions

    @Option(help: "Only this model's columns.")
    var model: String?

    @Option(help: "Write the CSV to this file instead of stdout.")
    var out: String?

    @Option(name: .customLong("param"), help: "Override a param of the script, as name=value (repeatable).")
    var params: [String] = []

    @Option(help: "The instrument's point size, read by `point` (default 0.01).")
    var point: Double?

    func execute(_ io: CommandIO) -> Int32 {
        var support = ScriptSupport(io: io)
        guard let text = support.readText(file),
              let compilation = support.compile(path: file, text: text, exportingModels: true),
              let program = compilation.program, let checked = compilation.checked else { return support.status }
        let models = checked.models.filter { model == nil || $0.name == model }
        guard !models.isEmpty else {
            io.error("error: \(model.map { "`\(file)` has no model `\($0)`" } ?? "`\(file)` declares no model")"
                     + "\(checked.models.isEmpty ? "" : "; its models are \(checked.models.map { "`\($0.name)`" }.joined(separator: ", "))")\n")
            return ExitStatus.usage
        }
        guard let given = support.params(program, overrides: params, point: point),
              let (series, frame) = support.loadBars(data: data, bars.source, keepTimeText: true) else { return support.status }
        let values = support.withBarInterval(support.withStoredInstrument(given, EngineSettings(), program, pointGiven: point != nil).0,
                                             program, frame)
        let evaluation = program.evaluate(frame, params: values)
        var names: [String] = [], columns: [[Double]] = []
        for definition in models {
            let prefix = definition.name + "."
            for output in program.ir.outputs(.expression) where output.name.hasPrefix(prefix) {
                var column = evaluation.column(output.value)
                if output.name == prefix + "target" {
                    // The causal target at bar t is the label of row t - h: move it back to its row.
                    let horizon = definition.horizon
                    column = (0..<column.count).map { $0 + horizon < column.count ? column[$0 + horizon] : .nan }
                }
                names.append(output.name)
                columns.append(column)
            }
        }
        var csv = (["time"] + names).map(Formatting.csvField).joined(separator: ",") + "\n"
        for row in 0..<series.count {
            csv += Formatting.csvField(series.timeText.isEmpty ? TimeParsing.iso8601(series.time[row]) : series.timeText[row])
            for column in columns { csv += "," + Formatting.number(column[row]) }
            csv += "\n"
        }
        if let out {
            guard FileManager.default.createFile(atPath: io.resolve(out), contents: Data(csv.utf8)) else {
                io.error("error: cannot write `\(out)`\n")
                return ExitStatus.runtimeError
            }
            io.error("wrote \(series.count) rows × \(names.count) columns to \(out)\n")
        } else {
            io.out(csv)
        }
        return ExitStatus.success
    }
}
