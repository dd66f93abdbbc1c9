import Foundation
import NZData
import NZEval
import NZEngine
import NZSyntax
import NZSema

/// Steps every command shares: reading a script, compiling it with diagnostics rendered,
/// loading data, and parsing `--param` values. Each returns nil after reporting a problem
/// and setting `status`.
struct ScriptSupport {
    let io: CommandIO
    var status = ExitStatus.success
    var timings: [(phase: String, seconds: Double)] = []
    /// The instrument metadata stored with bars read by `--symbol` (nil for files).
    var storedInstrument: Store.Instrument?
    /// The sources of the last compilation, to locate run-time problems.
    var sources: SourceMap?

    init(io: CommandIO) { self.io = io }

    mutating func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: io.resolve(path)) else {
            io.error("error: cannot read `\(path)`: no such file\n")
            status = ExitStatus.runtimeError
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            io.error("error: `\(path)` is not UTF-8 text\n")
            status = ExitStatus.runtimeError
            return nil
        }
        return text
    }

    /// Compiles and renders diagnostics (warnings too); nil when there are errors.
    mutating func compile(path: String, text: String, imports: [String] = [], expressions: [String] = [],
                          exportingModels: Bool = false) -> Compilation? {
        let compilation = Compiler.compile(path: path, text: text, imports: imports, expressions: expressions,
                                           loader: FileModuleLoader(workingDirectory: io.workingDirectory), exportingModels: exportingModels)
        timings += compilation.timings
        sources = compilation.sources
        render(compilation)
        if compilation.diagnostics.hasErrors || compilation.program == nil {
            status = ExitStatus.compileError
            return nil
        }
        return compilation
    }

    func render(_ compilation: Compilation) {
        guard !compilation.diagnostics.isEmpty else { return }
        let renderer = DiagnosticRenderer(sources: compilation.sources, useColor: io.useColor)
        io.error(renderer.render(compilation.diagnostics.sorted))
        let errors = compilation.diagnostics.all.filter(\.isError).count
        if errors > 0 { io.error("\(errors) error\(errors == 1 ? "" : "s") generated\n") }
    }

    /// `keepTimeText`: whether outputs need the input's time strings (`nzs eval` echoes them);
    /// `keepsVolume: false` (a script that reads no volume) leaves the volume column unloaded.
    mutating func loadData(_ path: String, keepTimeText: Bool = false, keepsVolume: Bool = true) -> (BarSeries, Frame)? {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let bars = try BarImport.read(path: io.resolve(path), source: path, keepTimeText: keepTimeText, keepsVolume: keepsVolume).series
            timings.append(("load", Compiler.seconds(clock.now - start)))
            let frame = Frame(time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume,
                              funding: bars.funding)
            return (bars, frame)
        } catch {
            io.error("error: \(DataError(file: path, row: error.row, reason: error.reason))\n")
            status = ExitStatus.runtimeError
            return nil
        }
    }

    /// The bars of `--data FILE` (any importable format), or of `--symbol/--timeframe` from the
    /// store (optionally `--from`/`--to`); exactly one of the two.
    /// Bars from the store always keep their volume (a saved run hashes them as exported).
    mutating func loadBars(data: String?, _ source: BarSource, keepTimeText: Bool = false, keepsVolume: Bool = true) -> (BarSeries, Frame)? {
        switch (data, source.symbol) {
        case (let path?, nil): return loadData(path, keepTimeText: keepTimeText, keepsVolume: keepsVolume)
        case (nil, let symbol?):
            guard let text = source.timeframe else { return fail("`--symbol` needs `--timeframe`", ExitStatus.usage) }
            guard let timeframe = Timeframe(text) else {
                return fail("`--timeframe \(text)` is not a timeframe (such as 1m, 15m, 1h, 4h, 1d, 1w, 1M)", ExitStatus.usage)
            }
            guard let range = TimeRangeOption.parse(from: source.from, to: source.to, io) else {
                status = ExitStatus.usage
                return nil
            }
            guard let store = openStore(source.store, io) else {
                status = ExitStatus.runtimeError
                return nil
            }
            do {
                let bars = try store.bars(symbol: symbol, timeframe: timeframe.description, from: range.from, to: range.to)
                guard bars.count > 0 else {
                    return fail("\(source.store) has no \(symbol) \(timeframe) bars\(source.from != nil || source.to != nil ? " in that range" : "")",
                                ExitStatus.runtimeError)
                }
                storedInstrument = try store.instrument(symbol)
                return (bars, Frame(time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume,
                              funding: bars.funding))
            } catch {
                return fail("\(source.store): \(error.reason)", ExitStatus.runtimeError)
            }
        case (nil, nil): return fail("give the bars: `--data FILE`, or `--symbol S --timeframe TF` from the store", ExitStatus.usage)
        case (_?, _?): return fail("give the bars with either `--data` or `--symbol`, not both", ExitStatus.usage)
        }
    }

    private mutating func fail(_ message: String, _ code: Int32) -> (BarSeries, Frame)? {
        io.error("error: \(message)\n")
        status = code
        return nil
    }

    /// Fills in what the stored instrument knows and the command line and script did not say:
    /// `point` (unless `--point`), the tick size and lot step.
    func withStoredInstrument(_ values: [Double], _ settings: EngineSettings, _ program: Program, pointGiven: Bool)
        -> ([Double], EngineSettings) {
        guard let instrument = storedInstrument else { return (values, settings) }
        var values = values, settings = settings
        if !pointGiven, let point = instrument.point {
            for (index, param) in program.ir.params.enumerated() where param.isInstrument && param.name == TypeChecker.pointName {
                values[index] = point
            }
        }
        if settings.instrument.tickSize == nil { settings.instrument.tickSize = instrument.tickSize }
        if settings.instrument.lotStep == nil { settings.instrument.lotStep = instrument.lotStep }
        return (values, settings)
    }

    /// Sets the `bar_interval` run constant (used by `on` blocks) from the bars' spacing.
    func withBarInterval(_ values: [Double], _ program: Program, _ frame: Frame) -> [Double] {
        var values = values
        for (index, param) in program.ir.params.enumerated() where param.isInstrument && param.name == TypeChecker.barIntervalName {
            values[index] = Double(frame.typicalInterval)
        }
        return values
    }

    /// Param values: defaults, then `name=value` overrides, then the point size.
    mutating func params(_ program: Program, overrides: [String], point: Double?) -> [Double]? {
        var values = program.ir.defaultParams
        for override in overrides {
            let parts = override.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                return usage("`--param \(override)` must look like `name=value`")
            }
            guard let index = program.ir.params.firstIndex(where: { $0.name == parts[0] && !$0.isInstrument }) else {
                let names = program.ir.params.filter { !$0.isInstrument }.map { "`\($0.name)`" }
                return usage("the script has no param `\(parts[0])`" + (names.isEmpty ? "" : "; its params are \(names.joined(separator: ", "))"))
            }
            let param = program.ir.params[index]
            let text = parts[1]
            let value: Double?
            switch param.base {
            case .bool: value = text == "true" ? 1 : text == "false" ? 0 : nil
            case .percent: value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
            default: value = Double(text)
            }
            guard let value, param.accepts(value) else {
                var expected = param.base.name
                if let lower = param.lower, let upper = param.upper {
                    expected += " in \(Formatting.number(lower))...\(Formatting.number(upper))"
                }
                return usage("`\(text)` is not a valid value for param `\(param.name)` (expected \(expected))")
            }
            values[index] = value
        }
        if let point {
            guard point.isFinite, point > 0 else { return usage("`--point` must be a positive number") }
            for (index, param) in program.ir.params.enumerated() where param.isInstrument && param.name == TypeChecker.pointName {
                values[index] = point
            }
        }
        if let problem = program.validate(params: values) {
            let place = problem.range.map { range -> String in
                let file = sources?[range.file]
                guard let file else { return "" }
                let position = file.lineColumn(of: range.start)
                return "\(file.path):\(position.line):\(position.column): "
            } ?? ""
            return usage(place + problem.message)
        }
        return values
    }

    mutating func usage(_ message: String) -> [Double]? {
        io.error("error: \(message)\n")
        status = ExitStatus.usage
        return nil
    }

    func printTimings(_ enabled: Bool) {
        guard enabled else { return }
        for (phase, seconds) in timings { io.error("timing: \(phase) \(String(format: "%.6f", seconds))\n") }
    }
}
