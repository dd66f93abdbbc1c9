import ArgumentParser
import Foundation
import NZData

/// `nzs runs list` and `nzs runs show ID`: the runs saved in the store.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the saved runs, or show one.",
        subcommands: [RunsList.self, RunsShow.self]
    )
}

/// Opens an existing store for reading commands (they never create one).
func openStore(_ path: String, _ io: CommandIO) -> Store? {
    let resolved = io.resolve(path)
    guard FileManager.default.fileExists(atPath: resolved) else {
        io.error("error: no store at `\(path)` (`nzs data import` and `nzs run --save` create one)\n")
        return nil
    }
    do { return try Store(path: resolved) } catch {
        io.error("error: \(path): \(error.reason)\n")
        return nil
    }
}

/// One saved run, or nil after printing why not (no store, no such id, a store error).
func loadRun(_ id: Int64, store: String, _ io: CommandIO) -> StoredRun? {
    guard let opened = openStore(store, io) else { return nil }
    do {
        guard let run = try opened.run(id: id) else {
            io.error("error: \(store) has no run \(id)\n")
            return nil
        }
        return run
    } catch {
        io.error("error: \(store): \(error.reason)\n")
        return nil
    }
}

struct RunsList: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the saved runs, newest first.")

    @Option(help: "The store (default ./nzs.db).")
    var store = "nzs.db"

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func execute(_ io: CommandIO) -> Int32 {
        guard let opened = openStore(store, io) else { return ExitStatus.runtimeError }
        let runs: [RunSummary]
        do { runs = try opened.runs() } catch {
            io.error("error: \(store): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
        if json {
            let items = runs.map { run in
                "{\"id\": \(run.id), \"created_at\": \(Formatting.jsonString(TimeParsing.iso8601(run.createdAt))), "
                    + "\"strategy\": \(Formatting.jsonString(run.strategy)), \"data\": \(Formatting.jsonString(run.dataPath)), "
                    + "\"mode\": \(Formatting.jsonString(run.mode)), \"bars\": \(run.bars), \"trades\": \(run.trades), "
                    + "\"final_equity\": \(Formatting.jsonNumber(run.finalEquity)), \"total_return\": \(Formatting.jsonNumber(run.totalReturn)), "
                    + "\"sharpe\": \(Formatting.jsonNumber(run.sharpe)), \"max_drawdown\": \(Formatting.jsonNumber(run.maxDrawdown))}"
            }
            io.out(items.isEmpty ? "{\"runs\": []}\n" : "{\"runs\": [\n  " + items.joined(separator: ",\n  ") + "\n]}\n")
            return ExitStatus.success
        }
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let cut = String(text.prefix(width))
            let fill = String(repeating: " ", count: max(0, width - cut.count))
            return right ? fill + cut : cut + fill
        }
        io.out([pad("id", 5, right: true), pad("saved", 24), pad("strategy", 28), pad("data", 24), pad("mode", 8), pad("bars", 8, right: true),
                pad("trades", 6, right: true), pad("final equity", 14, right: true), pad("return", 10, right: true),
                pad("sharpe", 7, right: true)].joined(separator: "  ") + "\n")
        for run in runs {
            let data = run.dataPath.count > 24 ? "…" + run.dataPath.suffix(23) : run.dataPath
            io.out([pad("\(run.id)", 5, right: true), pad(TimeParsing.iso8601(run.createdAt), 24), pad(run.strategy, 28), pad(data, 24),
                    pad(run.mode, 8), pad("\(run.bars)", 8, right: true), pad("\(run.trades)", 6, right: true),
                    pad(String(format: "%.2f", run.finalEquity), 14, right: true),
                    pad(String(format: "%.2f%%", run.totalReturn * 100), 10, right: true),
                    pad(run.sharpe.isFinite ? String(format: "%.3f", run.sharpe) : "n/a", 7, right: true)].joined(separator: "  ") + "\n")
        }
        return ExitStatus.success
    }
}

struct RunsShow: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one saved run.")

    @Argument(help: "The run's id (from `nzs runs list`).")
    var id: Int64

    @Option(help: "The store (default ./nzs.db).")
    var store = "nzs.db"

    @Flag(help: "Print one JSON object.")
    var json = false

    func execute(_ io: CommandIO) -> Int32 {
        guard let run = loadRun(id, store: store, io) else { return ExitStatus.runtimeError }
        let trades = run.trades.map(RunReport.tradeJSON)
        if json {
            io.out("{\n  \"id\": \(run.id), \"created_at\": \(Formatting.jsonString(TimeParsing.iso8601(run.createdAt))), "
                   + "\"strategy\": \(Formatting.jsonString(run.strategy)), \"mode\": \(Formatting.jsonString(run.mode)),\n"
                   + "  \"script\": \(Formatting.jsonString(run.scriptPath)), \"script_hash\": \(Formatting.jsonString(run.scriptHash)), "
                   + "\"data\": \(Formatting.jsonString(run.dataPath)), \"data_hash\": \(Formatting.jsonString(run.dataHash)), \"bars\": \(run.equity.count),\n"
                   + "  \"params\": \(run.paramsJSON),\n  \"settings\": \(run.settingsJSON),\n  \"metrics\": \(run.metricsJSON),\n"
                   + "  \"trades\": " + (trades.isEmpty ? "[]" : "[\n    " + trades.joined(separator: ",\n    ") + "\n  ]") + "\n}\n")
            return ExitStatus.success
        }
        var out = "run        \(run.id): \(run.strategy) (\(run.mode), saved \(TimeParsing.iso8601(run.createdAt)))\n"
        out += "script     \(run.scriptPath) (hash \(run.scriptHash))\n"
        out += "data       \(run.dataPath) (hash \(run.dataHash), \(run.equity.count) bars)\n"
        out += "params     \(run.paramsJSON)\nsettings   \(run.settingsJSON)\nmetrics    \(run.metricsJSON)\n"
        out += "trades     \(run.trades.count)\n"
        for trade in run.trades {
            out += "  \(trade.side.padding(toLength: 5, withPad: " ", startingAt: 0)) \(TimeParsing.iso8601(trade.entryTime)) @ \(Formatting.number(trade.entryPrice))"
                + " -> \(TimeParsing.iso8601(trade.exitTime)) @ \(Formatting.number(trade.exitPrice))  qty \(Formatting.number(trade.quantity))"
                + "  pnl \(String(format: "%.2f", trade.pnl))" + (trade.exitReason == "signal" ? "" : "  (\(trade.exitReason))") + "\n"
        }
        io.out(out)
        return ExitStatus.success
    }
}
