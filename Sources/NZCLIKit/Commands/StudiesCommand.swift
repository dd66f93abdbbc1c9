import ArgumentParser
import Foundation
import NZData

/// `nzs studies list` and `nzs studies show ID`: the research studies in the store, each with
/// the ledger of every trial it ran.
struct StudiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studies",
        abstract: "List the recorded studies (optimize, walkforward, montecarlo), or show one with its trials.",
        subcommands: [StudiesList.self, StudiesShow.self]
    )
}

struct StudiesList: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the recorded studies, newest first.")

    @Option(help: "The store (default ./nzs.db).")
    var store = "nzs.db"

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func execute(_ io: CommandIO) -> Int32 {
        guard let opened = openStore(store, io) else { return ExitStatus.runtimeError }
        let studies: [StudySummary]
        do { studies = try opened.studies() } catch {
            io.error("error: \(store): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
        if json {
            let items = studies.map { study in
                "{\"id\": \(study.id), \"created_at\": \(Formatting.jsonString(TimeParsing.iso8601(study.createdAt))), "
                    + "\"kind\": \(Formatting.jsonString(study.kind)), \"strategy\": \(Formatting.jsonString(study.strategy)), "
                    + "\"data\": \(Formatting.jsonString(study.dataPath)), \"bars\": \(study.bars), \"trials\": \(study.trials), "
                    + "\"interrupted\": \(study.interrupted)}"
            }
            io.out(items.isEmpty ? "{\"studies\": []}\n" : "{\"studies\": [\n  " + items.joined(separator: ",\n  ") + "\n]}\n")
            return ExitStatus.success
        }
        let widths = [6, 26, 13, 24, 28, 9, 0]
        func row(_ columns: [String]) -> String {
            zip(columns, widths).map { $1 == 0 ? $0 : StudyText.pad(String($0.prefix($1 - 1)), $1) }.joined() + "\n"
        }
        io.out(row(["id", "saved", "kind", "strategy", "data", "bars", "trials"]))
        for study in studies {
            io.out(row(["\(study.id)", TimeParsing.iso8601(study.createdAt), study.kind, study.strategy, study.dataPath, "\(study.bars)",
                        "\(study.trials)\(study.interrupted ? " (interrupted)" : "")"]))
        }
        return ExitStatus.success
    }
}

struct StudiesShow: NZSCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one study: what ran, its result and every trial.")

    @Argument(help: "The study's id (see `nzs studies list`).")
    var id: Int64

    @Option(help: "The store (default ./nzs.db).")
    var store = "nzs.db"

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func execute(_ io: CommandIO) -> Int32 {
        guard let opened = openStore(store, io) else { return ExitStatus.runtimeError }
        let found: StoredStudy?
        do { found = try opened.study(id: id) } catch {
            io.error("error: \(store): \(error.reason)\n")
            return ExitStatus.runtimeError
        }
        guard let study = found else {
            io.error("error: \(store) has no study \(id)\n")
            return ExitStatus.runtimeError
        }
        let trials = study.trials.map { trial in
            "{\"part\": \(Formatting.jsonString(trial.part)), \"params\": \(trial.paramsJSON), \"metrics\": \(trial.metricsJSON ?? "null"), "
                + "\"objective\": \(Formatting.jsonNumber(trial.objective))" + (trial.error.map { ", \"error\": \(Formatting.jsonString($0))" } ?? "") + "}"
        }
        if json {
            var out = "{\n  \"id\": \(id), \"kind\": \(Formatting.jsonString(study.kind)), \"created_at\": \(Formatting.jsonString(TimeParsing.iso8601(study.createdAt))), "
            out += "\"strategy\": \(Formatting.jsonString(study.strategy)),\n  \"script\": \(Formatting.jsonString(study.scriptPath)), "
            out += "\"script_hash\": \(Formatting.jsonString(study.scriptHash)), \"data\": \(Formatting.jsonString(study.dataPath)), "
            out += "\"data_hash\": \(Formatting.jsonString(study.dataHash)), \"bars\": \(study.bars), \"interrupted\": \(study.interrupted),\n"
            out += "  \"options\": \(study.optionsJSON),\n  \"summary\": \(study.summaryJSON.trimmingCharacters(in: .whitespacesAndNewlines)),\n"
            out += "  \"trials\": [" + (trials.isEmpty ? "" : "\n    " + trials.joined(separator: ",\n    ") + "\n  ") + "]\n}\n"
            io.out(out)
            return ExitStatus.success
        }
        var out = "study      \(id) (\(study.kind)\(study.interrupted ? ", interrupted" : ""))\n"
        out += "strategy   \(study.strategy) (\(study.scriptPath), hash \(study.scriptHash))\n"
        out += "data       \(study.dataPath) (hash \(study.dataHash), \(study.bars) bars)\n"
        out += "saved      \(TimeParsing.iso8601(study.createdAt))\noptions    \(study.optionsJSON)\n"
        out += "summary    \(study.summaryJSON.replacingOccurrences(of: "\n", with: " "))\n\ntrials (\(study.trials.count)):\n"
        for (index, trial) in study.trials.enumerated() {
            out += "  \(index)  \(trial.part.isEmpty ? "" : trial.part + "  ")\(trial.paramsJSON)  objective \(StudyText.fixed(trial.objective, 4))"
                + (trial.error.map { "  error: \($0)" } ?? "") + "\n"
        }
        io.out(out)
        return ExitStatus.success
    }
}
