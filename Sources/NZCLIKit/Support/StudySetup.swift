import Foundation
import NZData
import NZEngine
import NZEval
import NZModes
import NZSema
import NZSyntax

/// What every research command needs before its first trial: the compiled trading program, the
/// bars, the param space, and the command line's engine overrides as a function of each trial's
/// settings. Reports failures itself (status 65, 64 or 70, as docs/cli.md states).
struct StudySetup {
    let program: Program
    let space: ParamSpace
    let series: BarSeries
    let frame: Frame
    /// The script's text and the data's description and file, for the study's ledger.
    let text: String
    let dataSource: String
    /// The data file (resolved), hashed when the study is saved; nil for stored bars (hashed as
    /// the canonical CSV they export to).
    let dataFile: String?
    let jobs: Int
    let overrides: @Sendable (EngineSettings) -> Result<EngineSettings, PlanError>

    /// Nil after printing the error; `support.status` then holds the exit status.
    static func make(file: String, data: String?, bars: BarSourceOptions, study: StudyOptions, engine: EngineOptions,
                     support: inout ScriptSupport) -> StudySetup? {
        let specs: [String: ParamSpace.Spec], jobs: Int
        switch (study.specs(), study.threadCount()) {
        case (.success(let parsed), .success(let count)): (specs, jobs) = (parsed, count)
        case (.failure(let error), _), (_, .failure(let error)): return usage(error.message, &support)
        }
        if let point = study.point, !(point.isFinite && point > 0) { return usage("`--point` must be a positive number", &support) }
        guard let text = support.readText(file), let compilation = support.compile(path: file, text: text),
              let compiled = compilation.program else { return nil }
        let program = Program(ir: compiled.ir.restricted(to: StrategyPlan.isTradingOutput))
        let defaults: StrategyPlan
        switch StrategyPlan.make(program.ir, params: program.ir.defaultParams) {
        case .success(let plan): defaults = plan
        case .failure(let error): return failure("\(file): \(error.message)", ExitStatus.runtimeError, &support)
        }
        if case .failure(let error) = engine.apply(to: defaults.settings) { return usage(error.message, &support) }
        guard let (series, frame) = support.loadBars(data: data, bars.source) else { return nil }
        var base = program.ir.defaultParams
        for (index, param) in program.ir.params.enumerated() where param.isInstrument && param.name == TypeChecker.pointName {
            if let point = study.point { base[index] = point }
        }
        let (stored, _) = support.withStoredInstrument(base, defaults.settings, program, pointGiven: study.point != nil)
        base = support.withBarInterval(stored, program, frame)
        let space: ParamSpace
        switch ParamSpace.make(program, base: base, specs: specs) {
        case .success(let made): space = made
        case .failure(let error): return usage(error.message, &support)
        }
        let instrument = support.storedInstrument
        let overrides: @Sendable (EngineSettings) -> Result<EngineSettings, PlanError> = { settings in
            switch engine.apply(to: settings) {
            case .success(var made):
                if made.instrument.tickSize == nil { made.instrument.tickSize = instrument?.tickSize }
                if made.instrument.lotStep == nil { made.instrument.lotStep = instrument?.lotStep }
                return .success(made)
            case .failure(let error): return .failure(PlanError(message: error.message))
            }
        }
        let source = data ?? "\(bars.symbol ?? "") \(bars.timeframe ?? "")"
        return StudySetup(program: program, space: space, series: series, frame: frame, text: text, dataSource: source,
                          dataFile: data.map(support.io.resolve), jobs: jobs, overrides: overrides)
    }

    /// The runner of this study's trials, sharing columns across them.
    func runner(objective: Objective) -> TrialRunner {
        TrialRunner(cache: SweepCache(program: program, frame: frame, swept: space.swept), objective: objective, jobs: jobs,
                    overrides: overrides)
    }

    /// What a searching study (`optimize`, `walkforward`) starts from: its search method, its
    /// objective and its setup; nil after printing why not (status set).
    static func search(file: String, data: String?, bars: BarSourceOptions, study: StudyOptions, search: SearchOptions,
                       engine: EngineOptions, support: inout ScriptSupport) -> (method: SearchMethod, objective: Objective, setup: StudySetup)? {
        let method: SearchMethod
        switch search.searchMethod() {
        case .success(let value): method = value
        case .failure(let error):
            support.io.error("error: \(error.message)\n")
            support.status = ExitStatus.usage
            return nil
        }
        guard let objective = Self.objective(search.objective, support: &support),
              let setup = make(file: file, data: data, bars: bars, study: study, engine: engine, support: &support) else { return nil }
        return (method, objective, setup)
    }

    /// Parses `--objective`, rendering its diagnostics (status 64) when it is not valid.
    static func objective(_ text: String, support: inout ScriptSupport) -> Objective? {
        switch Objective.parse(text) {
        case .success(let objective): return objective
        case .failure(let error):
            let renderer = DiagnosticRenderer(sources: error.sources, useColor: support.io.useColor)
            support.io.error(renderer.render(error.diagnostics.sorted))
            support.status = ExitStatus.usage
            return nil
        }
    }

    private func dataBytes() -> [UInt8] {
        dataFile.flatMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } } ?? Array(BarCSV.text(series).utf8)
    }

    /// The study as the store keeps it.
    func stored(kind: String, file: String, optionsJSON: String, summaryJSON: String, interrupted: Bool,
                trials: [StoredTrial]) -> StoredStudy {
        StoredStudy(createdAt: Int64(Date().timeIntervalSince1970 * 1000), kind: kind, strategy: program.ir.strategyName ?? file,
                    scriptPath: file, scriptHash: ContentHash.fnv1a(Array(text.utf8)), dataPath: dataSource,
                    dataHash: ContentHash.fnv1a(dataBytes()), bars: frame.count, optionsJSON: optionsJSON, summaryJSON: summaryJSON,
                    interrupted: interrupted, trials: trials)
    }

    /// Saves a study in `--store` unless `--no-save`; prints where (or the store's error, status 70).
    /// The record (its hashes and JSON) is made only when it is saved.
    static func save(_ record: @autoclosure () -> StoredStudy, store path: String, options: StudyOptions, io: CommandIO) -> Int32 {
        guard !options.noSave else { return ExitStatus.success }
        let study = record()
        do {
            let id = try Store(path: io.resolve(path)).save(study)
            io.error("saved \(study.kind) study \(id) (\(study.trials.count) trials) to \(path)\n")
            return ExitStatus.success
        } catch {
            io.error("error: \(path): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
    }

    private static func usage(_ message: String, _ support: inout ScriptSupport) -> StudySetup? {
        failure(message, ExitStatus.usage, &support)
    }

    private static func failure(_ message: String, _ status: Int32, _ support: inout ScriptSupport) -> StudySetup? {
        support.io.error("error: \(message)\n")
        support.status = status
        return nil
    }
}
