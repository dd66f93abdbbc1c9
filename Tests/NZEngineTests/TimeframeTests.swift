import Foundation
import NZCLIKit
import Testing

/// `on` blocks never look ahead: cutting the data after any bar changes no value at or before
/// it; and the weekly value changes only on the daily bars where a week closed.
@Suite struct TimeframeTests {
    static let root = SMACrossParityTests.root
    static let script = "let w = on 1w { sma(close, 4) }\nlet d = on 3d { high - low }\n"

    static func eval(_ data: String) throws -> [Substring] {
        let directory = FileManager.default.temporaryDirectory
        let script = directory.appendingPathComponent("nzs-timeframe-\(ProcessInfo.processInfo.processIdentifier).nzs")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let result = NZSEntryPoint.run(["eval", "--data", data, "--script", script.path, "--expr", "w", "--expr", "d"],
                                       workingDirectory: root.path)
        try #require(result.status == 0, "\(result.error)")
        return result.out.split(separator: "\n")
    }

    @Test func cuttingTheDataChangesNothingBefore() throws {
        let full = try Self.eval("data/BTCUSDT_1d.csv")
        let lines = try String(contentsOf: Self.root.appendingPathComponent("data/BTCUSDT_1d.csv"), encoding: .utf8)
            .split(separator: "\n")
        for cut in [40, 41, 42, 43, 44, 45, 46, 500] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-cut-\(cut)-\(ProcessInfo.processInfo.processIdentifier).csv")
            try (lines.prefix(cut + 1).joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
            let prefix = try Self.eval(path.path)
            #expect(Array(full.prefix(cut + 1)) == prefix, "cut after \(cut) bars")
        }
    }

    @Test func weeklyValuesChangeOnlyOnSundays() throws {
        let rows = try Self.eval("data/BTCUSDT_1d.csv").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = ISO8601DateFormatter()
        var changes = 0
        for (previous, row) in zip(rows, rows.dropFirst()) where previous[1] != row[1] {
            let date = try #require(formatter.date(from: String(row[0])))
            #expect(calendar.component(.weekday, from: date) == 1, "weekly value changed on \(row[0])")  // 1 = Sunday
            changes += 1
        }
        #expect(changes > 300)
    }
}
