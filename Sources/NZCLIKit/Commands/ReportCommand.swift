import ArgumentParser
import Foundation
import NZData

/// `nzs report ID --html FILE`: writes one self-contained HTML page for a saved run.
struct ReportCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of a saved run.",
        discussion: "One self-contained page (inline SVG, no script, no network): metrics, equity, drawdown, trades on the price, monthly returns, trade P&L histogram."
    )

    @Argument(help: "The run's id (from `nzs runs list`).")
    var id: Int64

    @Option(help: "The HTML file to write.")
    var html: String

    @Option(help: "The store (default ./nzs.db).")
    var store = "nzs.db"

    func execute(_ io: CommandIO) -> Int32 {
        guard let run = loadRun(id, store: store, io) else { return ExitStatus.runtimeError }
        let page = HTMLReport.page(run)
        guard FileManager.default.createFile(atPath: io.resolve(html), contents: Data(page.utf8)) else {
            io.error("error: cannot write `\(html)`\n")
            return ExitStatus.runtimeError
        }
        io.error("wrote \(html) (\(page.utf8.count) bytes)\n")
        return ExitStatus.success
    }
}
