import Foundation
import NZCLIKit
@testable import NZData
import Testing

/// The runs store: `nzs run --store` saves a run that `nzs runs show` and `nzs report` read
/// back unchanged; a second run leaves the first in place; the schema is versioned.
@Suite struct StoreTests {
    static let root = SMACrossParityTests.root

    static func scratch(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-store-tests-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("runs.db").path
    }

    static func nzs(_ arguments: [String]) -> (out: String, error: String, status: Int32) {
        NZSEntryPoint.run(arguments, workingDirectory: root.path)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func savedRunReadsBackUnchanged() throws {
        let store = Self.scratch("roundtrip")
        let run = Self.nzs(["run", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--json", "--store", store, "--save"])
        try #require(run.status == 0, "\(run.error)")
        #expect(run.error.contains("saved run 1 to"))
        let shown = Self.nzs(["runs", "show", "1", "--store", store, "--json"])
        try #require(shown.status == 0, "\(shown.error)")
        let original = try Self.object(run.out), stored = try Self.object(shown.out)
        #expect(NSDictionary(dictionary: try #require(original["metrics"] as? [String: Any]))
                == NSDictionary(dictionary: try #require(stored["metrics"] as? [String: Any])))
        let trades = try #require(original["trades"] as? [[String: Any]]), storedTrades = try #require(stored["trades"] as? [[String: Any]])
        #expect(trades.count == 32 && storedTrades.count == 32)
        for (a, b) in zip(trades, storedTrades) { #expect(NSDictionary(dictionary: a) == NSDictionary(dictionary: b)) }
        #expect(stored["bars"] as? Int == 2148)
        #expect((stored["params"] as? [String: Any])?["fast"] as? Int == 10)
        #expect((stored["script_hash"] as? String)?.count == 16)

        let database = try Store(path: store)
        let record = try #require(try database.run(id: 1))
        #expect(record.equity.count == 2148 && record.times.count == 2148 && record.close.count == 2148)
        #expect(record.equity.last == original["metrics"].flatMap { ($0 as? [String: Any])?["final_equity"] as? Double })
    }

    @Test func aSecondRunKeepsTheFirst() throws {
        let store = Self.scratch("two")
        #expect(Self.nzs(["run", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--store", store, "--save"]).status == 0)
        #expect(Self.nzs(["run", "strategies/rsi_reversion.nzs", "--data", "data/BTCUSDT_1d.csv", "--store", store, "--mode", "paper", "--save"]).status == 0)
        let listed = try Self.object(Self.nzs(["runs", "list", "--store", store, "--json"]).out)
        let runs = try #require(listed["runs"] as? [[String: Any]])
        #expect(runs.map { $0["id"] as? Int } == [2, 1])
        #expect(runs.map { $0["mode"] as? String } == ["paper", "backtest"])
        let text = Self.nzs(["runs", "list", "--store", store])
        #expect(text.out.split(separator: "\n").count == 3)
    }

    @Test func reportIsOneSelfContainedPage() throws {
        let store = Self.scratch("report")
        #expect(Self.nzs(["run", "strategies/breakout_trailing.nzs", "--data", "data/BTCUSDT_1d.csv", "--store", store, "--save"]).status == 0)
        let page = URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("report.html").path
        let result = Self.nzs(["report", "1", "--html", page, "--store", store])
        try #require(result.status == 0, "\(result.error)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)            // equity, drawdown, price, heatmap, histogram
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http") == false)
        for section in ["Metrics", "Equity", "Drawdown", "Price and trades", "Monthly returns", "Trade P&amp;L"] {
            #expect(html.contains("<h2>\(section)</h2>"), "missing \(section)")
        }
        #expect(html.contains("<circle"))                                       // trade markers
    }

    @Test func readingCommandsFailCleanly() {
        let store = Self.scratch("errors")
        let missing = Self.nzs(["runs", "list", "--store", store])
        #expect(missing.status == 70 && missing.error.contains("no store at"))
        #expect(!FileManager.default.fileExists(atPath: store))                // reading never creates a store
        #expect(Self.nzs(["run", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--store", store, "--save"]).status == 0)
        let unknown = Self.nzs(["runs", "show", "7", "--store", store])
        #expect(unknown.status == 70 && unknown.error.contains("has no run 7"))
        #expect(Self.nzs(["report", "7", "--html", "/tmp/x.html", "--store", store]).status == 70)
    }

    @Test func schemaIsVersionedAndMigratedOnce() throws {
        let path = Self.scratch("schema")
        #expect(try Store(path: path).version() == Store.schemaVersion)
        #expect(try Store(path: path).version() == Store.schemaVersion)        // reopening changes nothing
        let database = try SQLiteDatabase(path: path)
        try database.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        #expect(throws: StoreError.self) { _ = try Store(path: path) }
    }
}
