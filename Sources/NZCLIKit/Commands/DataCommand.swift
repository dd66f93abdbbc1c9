import ArgumentParser
import Foundation
import NZData

/// `nzs data import|list|export|delete|check`: bar files into the store and back, and what is
/// wrong with them.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import, list, export, delete, check and resample bars.",
        subcommands: [DataImport.self, DataList.self, DataExport.self, DataDelete.self, DataCheckCommand.self, DataResample.self]
    )
}

extension BarFileFormat: ExpressibleByArgument {}

/// Opens the store for writing (creating it), printing the error otherwise.
func writableStore(_ path: String, _ io: CommandIO) -> Store? {
    do { return try Store(path: io.resolve(path)) } catch {
        io.error("error: \(path): \(error.reason)\n")
        return nil
    }
}

func parseTimeframe(_ text: String, _ io: CommandIO) -> Timeframe? {
    guard let timeframe = Timeframe(text) else {
        io.error("error: `--timeframe \(text)` is not a timeframe (such as 1m, 15m, 1h, 4h, 1d, 1w, 1M)\n")
        return nil
    }
    return timeframe
}

struct DataImport: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a bar file into the store.")

    @Argument(help: "The file: CSV, a MetaTrader 5 export or Binance klines.")
    var file: String
    @Option(help: "The symbol to store the bars under.") var symbol: String
    @Option(help: "The bars' timeframe: 1m, 15m, 1h, 4h, 1d, 1w, 1M.") var timeframe: String
    @Option(help: "auto (default), csv, mt5, binance or parquet.") var format: BarFileFormat = .auto
    @Option(help: "The store (default ./nzs.db).") var store = "nzs.db"
    @Flag(name: .customLong("skip-bad"), help: "Import the good rows and list the bad ones, instead of importing nothing.") var skipBad = false
    @Option(help: "The instrument's point size, stored with it.") var point: Double?
    @Option(name: .customLong("tick-size"), help: "The instrument's price increment.") var tickSize: Double?
    @Option(name: .customLong("lot-step"), help: "The instrument's quantity increment.") var lotStep: Double?
    @Option(help: "The instrument's quote currency.") var currency: String?

    func execute(_ io: CommandIO) -> Int32 {
        guard let frame = parseTimeframe(timeframe, io) else { return ExitStatus.usage }
        guard !symbol.trimmingCharacters(in: .whitespaces).isEmpty else {
            io.error("error: `--symbol` must not be empty\n")
            return ExitStatus.usage
        }
        for (name, value) in [("--point", point), ("--tick-size", tickSize), ("--lot-step", lotStep)] {
            if let value, !(value > 0 && value.isFinite) {
                io.error("error: `\(name)` must be a positive number\n")
                return ExitStatus.usage
            }
        }
        let outcome: BarImport.Outcome
        do { outcome = try BarImport.read(path: io.resolve(file), source: file, format: format, skipBad: skipBad) } catch {
            io.error("error: \(DataError(file: file, row: error.row, reason: error.reason))\n")
            return ExitStatus.runtimeError
        }
        guard let opened = writableStore(store, io) else { return ExitStatus.runtimeError }
        do {
            let written = try opened.write(outcome.series, symbol: symbol, timeframe: frame.description)
            if point != nil || tickSize != nil || lotStep != nil || currency != nil {
                try opened.setInstrument(symbol, Store.Instrument(point: point, tickSize: tickSize, lotStep: lotStep, currency: currency))
            }
            for bad in outcome.skipped.prefix(20) { io.error("skipped \(DataError(file: file, row: bad.row, reason: bad.reason))\n") }
            if outcome.skipped.count > 20 { io.error("skipped \(outcome.skipped.count - 20) more bad row(s)\n") }
            var line = "\(symbol) \(frame): \(outcome.series.count) bars read (\(outcome.format.rawValue)): \(written.inserted) new, "
                + "\(written.updated) updated, \(written.unchanged) unchanged"
            if !outcome.skipped.isEmpty { line += "; \(outcome.skipped.count) bad row(s) skipped" }
            if outcome.reordered > 0 { line += "; \(outcome.reordered) row(s) were out of time order and were sorted" }
            io.out(line + "\n")
            return ExitStatus.success
        } catch {
            io.error("error: \(store): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
    }
}

struct DataList: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stored symbols and timeframes.")
    @Option(help: "The store (default ./nzs.db).") var store = "nzs.db"
    @Flag(help: "Print one JSON object.") var json = false

    func execute(_ io: CommandIO) -> Int32 {
        guard let opened = openStore(store, io) else { return ExitStatus.runtimeError }
        do {
            let sets = try opened.dataSets()
            if json {
                let items = sets.map { set in
                    "{\"symbol\": \(Formatting.jsonString(set.symbol)), \"timeframe\": \(Formatting.jsonString(set.timeframe)), \"bars\": \(set.bars), "
                        + "\"first\": \(Formatting.jsonString(TimeParsing.iso8601(set.first))), \"last\": \(Formatting.jsonString(TimeParsing.iso8601(set.last)))}"
                }
                io.out(items.isEmpty ? "{\"data\": []}\n" : "{\"data\": [\n  " + items.joined(separator: ",\n  ") + "\n]}\n")
            } else {
                for set in sets {
                    io.out("\(set.symbol) \(set.timeframe)  \(set.bars) bars  \(TimeParsing.iso8601(set.first)) to \(TimeParsing.iso8601(set.last))\n")
                }
            }
            return ExitStatus.success
        } catch {
            io.error("error: \(store): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
    }
}

struct DataExport: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write stored bars as CSV (time,open,high,low,close,volume).")
    @Option(help: "The symbol.") var symbol: String
    @Option(help: "The timeframe.") var timeframe: String
    @Option(help: "First bar time to include.") var from: String?
    @Option(help: "Last bar time to include.") var to: String?
    @Option(help: "The store (default ./nzs.db).") var store = "nzs.db"
    @Option(help: "The CSV file to write (default: stdout).") var out: String?

    func execute(_ io: CommandIO) -> Int32 {
        guard let frame = parseTimeframe(timeframe, io) else { return ExitStatus.usage }
        guard let range = TimeRangeOption.parse(from: from, to: to, io) else { return ExitStatus.usage }
        guard let opened = openStore(store, io) else { return ExitStatus.runtimeError }
        do {
            let series = try opened.bars(symbol: symbol, timeframe: frame.description, from: range.from, to: range.to)
            guard series.count > 0 else {
                io.error("error: \(store) has no \(symbol) \(frame) bars\(from != nil || to != nil ? " in that range" : "")\n")
                return ExitStatus.runtimeError
            }
            let csv = BarCSV.text(series)
            if let out {
                guard FileManager.default.createFile(atPath: io.resolve(out), contents: Data(csv.utf8)) else {
                    io.error("error: cannot write `\(out)`\n")
                    return ExitStatus.runtimeError
                }
                io.error("wrote \(series.count) bars to \(out)\n")
            } else {
                io.out(csv)
            }
            return ExitStatus.success
        } catch {
            io.error("error: \(store): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
    }
}

struct DataDelete: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a symbol's bars at one timeframe.")
    @Option(help: "The symbol.") var symbol: String
    @Option(help: "The timeframe.") var timeframe: String
    @Option(help: "The store (default ./nzs.db).") var store = "nzs.db"

    func execute(_ io: CommandIO) -> Int32 {
        guard let frame = parseTimeframe(timeframe, io) else { return ExitStatus.usage }
        guard let opened = openStore(store, io) else { return ExitStatus.runtimeError }
        do {
            let deleted = try opened.deleteBars(symbol: symbol, timeframe: frame.description)
            guard deleted > 0 else {
                io.error("error: \(store) has no \(symbol) \(frame) bars\n")
                return ExitStatus.runtimeError
            }
            io.out("deleted \(deleted) \(symbol) \(frame) bars\n")
            return ExitStatus.success
        } catch {
            io.error("error: \(store): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
    }
}

/// `--from` / `--to` as bar times (any format `nzs` reads in files).
enum TimeRangeOption {
    static func parse(from: String?, to: String?, _ io: CommandIO) -> (from: Int64?, to: Int64?)? {
        var result: (from: Int64?, to: Int64?) = (nil, nil)
        for (name, text) in [("--from", from), ("--to", to)] {
            guard let text else { continue }
            guard let time = TimeParsing.epochMilliseconds(text) else {
                io.error("error: `\(name) \(text)` is not a time (ISO-8601 such as 2024-01-31, or epoch seconds/milliseconds)\n")
                return nil
            }
            if name == "--from" { result.from = time } else { result.to = time }
        }
        return result
    }
}

/// Bars as the canonical CSV (`time,open,high,low,close,volume`), numbers in shortest form.
enum BarCSV {
    static func text(_ series: BarSeries) -> String {
        let funding = series.funding.count == series.count
        var out = "time,open,high,low,close,volume" + (funding ? ",funding_rate" : "") + "\n"
        func field(_ value: Double) -> String { value.isNaN ? "" : Formatting.number(value) }
        for index in 0..<series.count {
            out += TimeParsing.iso8601(series.time[index]) + "," + Formatting.number(series.open[index]) + ","
                + Formatting.number(series.high[index]) + "," + Formatting.number(series.low[index]) + ","
                + Formatting.number(series.close[index]) + "," + field(series.volume[index])
                + (funding ? "," + field(series.funding[index]) : "") + "\n"
        }
        return out
    }
}

struct DataResample: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "resample",
                                                    abstract: "Aggregate bars to a higher timeframe (calendar-aligned, UTC) as CSV.")
    @Argument(help: "A bar file; or use --symbol/--timeframe.") var file: String?
    @Option(help: "A stored symbol (instead of FILE).") var symbol: String?
    @Option(help: "The stored bars' timeframe.") var timeframe: String?
    @Option(help: "The store (default ./nzs.db).") var store = "nzs.db"
    @Option(name: .customLong("to"), help: "The target timeframe: 1h, 4h, 1d, 1w, 1M, ...") var target: String
    @Option(help: "The CSV file to write (default: stdout).") var out: String?

    func execute(_ io: CommandIO) -> Int32 {
        guard let targetFrame = parseTimeframe(target, io) else { return ExitStatus.usage }
        var support = ScriptSupport(io: io)
        guard let (series, _) = support.loadBars(data: file, BarSource(symbol: symbol, timeframe: timeframe, store: store)) else { return support.status }
        let resampled = Resampler.resample(series, to: targetFrame)
        let csv = BarCSV.text(resampled)
        guard let out else {
            io.out(csv)
            return ExitStatus.success
        }
        guard FileManager.default.createFile(atPath: io.resolve(out), contents: Data(csv.utf8)) else {
            io.error("error: cannot write `\(out)`\n")
            return ExitStatus.runtimeError
        }
        io.error("wrote \(resampled.count) \(targetFrame) bars (from \(series.count)) to \(out)\n")
        return ExitStatus.success
    }
}
