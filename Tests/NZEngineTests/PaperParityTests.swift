import Foundation
import NZCLIKit
import Testing

/// Paper trading by replay (the streaming evaluator, bar by bar) gives exactly the backtest's
/// trades, open position and metrics, for every strategy in `strategies/`.
@Suite struct PaperParityTests {
    static let root = SMACrossParityTests.root

    /// Each strategy names its data in a `// data: FILE` line; GOOG daily otherwise.
    static var strategies: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("strategies").path)) ?? []
        return files.filter { $0.hasSuffix(".nzs") }.sorted().map { "strategies/" + $0 }
    }

    static func data(for path: String) -> String {
        let text = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where line.hasPrefix("// data:") {
            return line.dropFirst("// data:".count).trimmingCharacters(in: .whitespaces)
        }
        return "data/GOOG_1d.csv"
    }

    @Test("paper replay equals backtest", arguments: strategies)
    func paperEqualsBacktest(_ path: String) throws {
        let data = Self.data(for: path)
        let backtest = NZSEntryPoint.run(["run", path, "--data", data, "--json"], workingDirectory: Self.root.path)
        let paper = NZSEntryPoint.run(["run", path, "--data", data, "--json", "--mode", "paper"], workingDirectory: Self.root.path)
        try #require(backtest.status == 0, "\(path): \(backtest.error)")
        #expect(paper.status == 0)
        #expect(paper.out == backtest.out, "\(path): paper and backtest differ")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(backtest.out.utf8)) as? [String: Any])
        let trades = try #require(json["trades"] as? [Any])
        #expect(trades.count >= 3, "\(path) should trade on \(data)")
    }

    @Test("nzs parity finds no difference", arguments: strategies)
    func parityCommandAgrees(_ path: String) throws {
        let result = NZSEntryPoint.run(["parity", path, "--data", Self.data(for: path)], workingDirectory: Self.root.path)
        #expect(result.status == 0, "\(path): \(result.out)\(result.error)")
        #expect(result.out.hasPrefix("identical: "), "\(path): \(result.out)")
    }

    @Test func atLeastFiveStrategies() {
        #expect(Self.strategies.count >= 5)
        #expect(Self.strategies.contains("strategies/sma_cross.nzs"))
    }
}
