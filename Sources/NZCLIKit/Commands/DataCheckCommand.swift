import ArgumentParser
import Foundation
import NZData

/// `nzs data check (FILE | --symbol S --timeframe TF) [--json]`: gaps, duplicates, unsorted
/// rows, bad values, OHLC violations, flat bars, outliers and per-column statistics.
struct DataCheckCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report what is wrong with bars: gaps, duplicates, bad values, OHLC violations, outliers.",
        discussion: "The JSON object is documented in docs/cli.md (nzs data check)."
    )

    @Argument(help: "Bar files (CSV, MT5 export, Binance klines); or use --symbol. With several, also the correlation of their returns.")
    var files: [String] = []
    @Option(help: "A stored symbol (with --timeframe).") var symbol: String?
    @Option(help: "The bars' timeframe (default: the most common spacing).") var timeframe: String?
    @Option(help: "24x7 (default: every interval expected) or weekdays (no Saturday/Sunday bars expected).")
    var calendar: DataCheck.Calendar = .continuous
    @Option(name: .customLong("outlier-z"), help: "Robust z-score above which a return or range is an outlier (default 8).")
    var outlierZ: Double = 8
    @Option(help: "auto (default), csv, mt5, binance.") var format: BarFileFormat = .auto
    @Option(help: "The store (default ./nzs.db).") var store = "nzs.db"
    @Flag(help: "Print one JSON object.") var json = false
    @Option(help: "Also write the check as a self-contained HTML page (one input only).") var html: String?

    func execute(_ io: CommandIO) -> Int32 {
        var frame: Timeframe?
        if let timeframe {
            guard let parsed = parseTimeframe(timeframe, io) else { return ExitStatus.usage }
            frame = parsed
        }
        guard outlierZ > 0, outlierZ.isFinite else {
            io.error("error: `--outlier-z` must be a positive number\n")
            return ExitStatus.usage
        }
        let raw: RawBars
        if files.count > 1, symbol == nil { return several(io, frame) }
        switch (files.first, symbol) {
        case (let file?, nil):
            do { raw = try Self.raw(path: io.resolve(file), format: format, source: file) } catch {
                io.error("error: \(error)\n")
                return ExitStatus.runtimeError
            }
        case (nil, let symbol?):
            guard let frame else {
                io.error("error: `--symbol` needs `--timeframe`\n")
                return ExitStatus.usage
            }
            guard let opened = openStore(store, io) else { return ExitStatus.runtimeError }
            do {
                let series = try opened.bars(symbol: symbol, timeframe: frame.description)
                guard series.count > 0 else {
                    io.error("error: \(store) has no \(symbol) \(frame) bars\n")
                    return ExitStatus.runtimeError
                }
                raw = Self.raw(series)
            } catch {
                io.error("error: \(store): \(error.reason)\n")
                return ExitStatus.runtimeError
            }
        default:
            io.error("error: give FILEs or `--symbol S --timeframe TF`, not both\n")
            return ExitStatus.usage
        }
        let check = DataCheck(raw, timeframe: frame, calendar: calendar, outlierThreshold: outlierZ)
        let source = files.first ?? "\(symbol ?? "") \(frame?.description ?? "")"
        io.out(json ? DataCheckReport.json(check, source: source, raw: raw) : DataCheckReport.text(check, source: source))
        if let html {
            let page = DataCheckPage.page(check, raw: raw, source: source)
            guard FileManager.default.createFile(atPath: io.resolve(html), contents: Data(page.utf8)) else {
                io.error("error: cannot write `\(html)`\n")
                return ExitStatus.runtimeError
            }
            io.error("wrote \(html)\n")
        }
        return ExitStatus.success
    }

    /// Several files: each one's check, then the correlation matrix of their returns.
    private func several(_ io: CommandIO, _ frame: Timeframe?) -> Int32 {
        var raws: [RawBars] = []
        for file in files {
            do { raws.append(try Self.raw(path: io.resolve(file), format: format, source: file)) } catch {
                io.error("error: \(error)\n")
                return ExitStatus.runtimeError
            }
        }
        let checks = raws.map { DataCheck($0, timeframe: frame, calendar: calendar, outlierThreshold: outlierZ) }
        let correlation = ReturnCorrelation.matrix(raws.map { ($0.times, $0.close) })
        if json {
            let objects = zip(checks, zip(files, raws)).map { DataCheckReport.json($0.0, source: $0.1.0, raw: $0.1.1)
                .trimmingCharacters(in: .newlines).replacingOccurrences(of: "\n", with: "\n  ") }
            let rows = correlation.matrix.map { "[" + $0.map { Formatting.jsonNumber($0) }.joined(separator: ", ") + "]" }
            io.out("{\n  \"datasets\": [\n  " + objects.joined(separator: ",\n  ") + "\n  ],\n"
                   + "  \"correlation\": {\"sources\": [" + files.map(Formatting.jsonString).joined(separator: ", ") + "], "
                   + "\"common_returns\": \(correlation.returns), \"matrix\": [" + rows.joined(separator: ", ") + "]}\n}\n")
        } else {
            for (check, file) in zip(checks, files) { io.out(DataCheckReport.text(check, source: file) + "\n") }
            io.out("correlation of returns (\(correlation.returns) common returns)\n")
            for (file, row) in zip(files, correlation.matrix) {
                io.out("  " + row.map { $0.map { String(format: "%6.3f", $0) } ?? "   n/a" }.joined(separator: " ") + "  \(file)\n")
            }
        }
        return ExitStatus.success
    }

    static func raw(path: String, format: BarFileFormat, source: String) throws(DataError) -> RawBars {
        try BarImport.raw(path: path, source: source, format: format).bars
    }

    static func raw(_ series: BarSeries) -> RawBars {
        var raw = RawBars(source: series.source)
        raw.rows = (0..<series.count).map { $0 + 1 }
        raw.times = series.time.map { Optional($0) }
        raw.timeText = series.timeText
        raw.open = series.open
        raw.high = series.high
        raw.low = series.low
        raw.close = series.close
        raw.volume = series.volume
        raw.funding = series.funding
        return raw
    }
}

extension DataCheck.Calendar: ExpressibleByArgument {}

/// The text and JSON forms of a data check.
enum DataCheckReport {
    static func json(_ check: DataCheck, source: String, raw: RawBars) -> String {
        let times = raw.times.compactMap { $0 }
        let gaps = check.gaps.map {
            "{\"after\": \(Formatting.jsonString(TimeParsing.iso8601($0.after))), \"before\": \(Formatting.jsonString(TimeParsing.iso8601($0.before))), \"missing_bars\": \($0.missingBars)}"
        }
        let outliers = check.outliers.map {
            "{\"time\": \(Formatting.jsonString(TimeParsing.iso8601($0.time))), \"kind\": \(Formatting.jsonString($0.kind)), "
                + "\"value\": \(Formatting.jsonNumber($0.value)), \"z\": \(Formatting.jsonNumber($0.z))}"
        }
        let columns = check.columns.map { column in
            "\(Formatting.jsonString(column.name)): {\"count\": \(column.count), \"min\": \(Formatting.jsonNumber(column.min)), "
                + "\"max\": \(Formatting.jsonNumber(column.max)), \"mean\": \(Formatting.jsonNumber(column.mean)), \"std\": \(Formatting.jsonNumber(column.std)), "
                + "\"nan\": \(column.nan), \"zeros\": \(column.zeros), \"negatives\": \(column.negatives), \"infinities\": \(column.infinities)}"
        }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]" }
        var out = "{\n"
        out += "  \"source\": \(Formatting.jsonString(source)), \"rows\": \(check.rows), "
        out += "\"timeframe\": \(check.timeframe.map { Formatting.jsonString($0.description) } ?? "null"), \"calendar\": \(Formatting.jsonString(check.calendar.rawValue)),\n"
        out += "  \"first\": \(times.min().map { Formatting.jsonString(TimeParsing.iso8601($0)) } ?? "null"), "
        out += "\"last\": \(times.max().map { Formatting.jsonString(TimeParsing.iso8601($0)) } ?? "null"),\n"
        out += "  \"gaps\": \(list(gaps)),\n"
        out += "  \"missing_bars\": \(check.missingBars), \"duplicates\": \(check.duplicates), \"unsorted\": \(check.unsorted), "
        out += "\"bad_times\": \(check.badTimes), \"malformed_rows\": \(check.malformed),\n"
        out += "  \"nan\": \(check.nan), \"zeros\": \(check.zeros), \"negatives\": \(check.negatives), \"infinities\": \(check.infinities), "
        out += "\"ohlc_violations\": \(check.ohlcViolations), \"flat_bars\": \(check.flatBars),\n"
        out += "  \"outlier_threshold\": \(Formatting.jsonNumber(check.outlierThreshold)), \"outliers\": \(list(outliers)),\n"
        out += "  \"columns\": {" + columns.joined(separator: ", ") + "}\n}\n"
        return out
    }

    static func text(_ check: DataCheck, source: String) -> String {
        var out = "\(source): \(check.rows) rows, timeframe \(check.timeframe?.description ?? "unknown"), calendar \(check.calendar.rawValue)\n"
        out += "gaps            \(check.gaps.count) (\(check.missingBars) missing bars)\n"
        for gap in check.gaps.prefix(10) {
            out += "  \(TimeParsing.iso8601(gap.after)) -> \(TimeParsing.iso8601(gap.before))  \(gap.missingBars) missing\n"
        }
        if check.gaps.count > 10 { out += "  ... \(check.gaps.count - 10) more (see --json)\n" }
        out += "duplicates      \(check.duplicates)\nunsorted        \(check.unsorted)\n"
        out += "bad times       \(check.badTimes)\nmalformed rows  \(check.malformed)\n"
        out += "nan             \(check.nan)\nzeros           \(check.zeros)\nnegatives       \(check.negatives)\ninfinities      \(check.infinities)\n"
        out += "ohlc violations \(check.ohlcViolations)\nflat bars       \(check.flatBars)\n"
        out += "outliers        \(check.outliers.count) (robust |z| > \(Formatting.number(check.outlierThreshold)))\n"
        for column in check.columns {
            out += "  \(column.name.padding(toLength: 7, withPad: " ", startingAt: 0)) count \(column.count)  min \(column.min.map(Formatting.number) ?? "n/a")"
                + "  max \(column.max.map(Formatting.number) ?? "n/a")  mean \(column.mean.map { String(format: "%.6g", $0) } ?? "n/a")\n"
        }
        return out
    }
}
