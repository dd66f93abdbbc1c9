import NZRuntime
import ArgumentParser
import NZEval
import NZModes

/// What every research command (`optimize`, `walkforward`, `montecarlo`) shares: the params'
/// ranges, the seed, the threads and the progress bar.
struct StudyOptions: ParsableArguments {
    @Option(name: .customLong("param"),
            help: "A param's values: name=lo...hi:step (a range), name=a,b,c (a list) or name=v (fixed); repeatable. Params not named are swept over their script range (`in lo...hi step s`).")
    var params: [String] = []

    @Option(help: "The instrument's point size, read by `point` (default 0.01).")
    var point: Double?

    @Option(help: "The seed of every random draw (default 1): the same seed gives the same output.")
    var seed: UInt64 = 1

    @Option(help: "Threads to run on (default: every core). The output does not depend on it.")
    var jobs: Int?

    @Flag(help: "Show the progress bar even when stderr is not a terminal.")
    var progress = false

    @Flag(name: .customLong("no-save"), help: "Do not record the study and its trials in the store.")
    var noSave = false

    /// The `--param` specs by name, or the usage error to print.
    func specs() -> Result<[String: ParamSpace.Spec], UsageError> {
        var result: [String: ParamSpace.Spec] = [:]
        for text in params {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                return .failure(UsageError("`--param \(text)` must look like `name=lo...hi:step`, `name=a,b,c` or `name=value`"))
            }
            guard result[parts[0]] == nil else { return .failure(UsageError("`--param \(parts[0])` is given twice")) }
            guard let spec = Self.spec(parts[1]) else {
                return .failure(UsageError("`--param \(text)`: `\(parts[1])` is not a value, a list `a,b,c` or a range `lo...hi:step`"))
            }
            result[parts[0]] = spec
        }
        return .success(result)
    }

    /// The thread count: `--jobs`, else every core.
    func threadCount() -> Result<Int, UsageError> {
        guard let jobs else { return .success(ParallelWork.processorCount) }
        guard jobs >= 1, jobs <= 1024 else { return .failure(UsageError("`--jobs` must be from 1 to 1024")) }
        return .success(jobs)
    }

    static func spec(_ text: String) -> ParamSpace.Spec? {
        if let dots = text.range(of: "...") {
            let low = String(text[..<dots.lowerBound])
            var rest = String(text[dots.upperBound...])
            var step: Double?
            if let colon = rest.firstIndex(of: ":") {
                guard let value = value(String(rest[rest.index(after: colon)...])) else { return nil }
                step = value
                rest = String(rest[..<colon])
            }
            guard let lower = value(low), let upper = value(rest) else { return nil }
            return .range(lower, upper, step: step)
        }
        if text.contains(",") {
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map { value(String($0)) }
            guard values.allSatisfy({ $0 != nil }) else { return nil }
            return .list(values.compactMap { $0 })
        }
        return value(text).map { .fixed($0) }
    }

    /// A number, a percent (`2%` is 0.02) or a bool (`true` is 1).
    static func value(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "true" { return 1 }
        if trimmed == "false" { return 0 }
        guard let number = EngineOptions.number(trimmed), number.isFinite else { return nil }
        return number
    }
}

/// How an optimizing command searches: `optimize` and `walkforward`.
struct SearchOptions: ParsableArguments {
    @Option(help: "What to maximize: sharpe (default), sortino, calmar, return, or an expression over metrics such as 'sharpe * (1 - max_drawdown)'.")
    var objective = "sharpe"

    @Option(help: "grid (every point, default), random or bayes (a tree-structured Parzen estimator).")
    var method: String = "grid"

    @Option(help: "Trials of --method random or bayes (default 100).")
    var trials: Int?

    func searchMethod() -> Result<SearchMethod, UsageError> {
        guard let method = SearchMethod(rawValue: method) else {
            return .failure(UsageError("`--method \(method)` must be one of \(SearchMethod.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let trials, !(1...1_000_000).contains(trials) { return .failure(UsageError("`--trials` must be from 1 to 1000000")) }
        return .success(method)
    }
}
