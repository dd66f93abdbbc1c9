import Foundation
import NZCLIKit
import Testing

/// `strategies/sma_cross.nzs` on GOOG daily against backtesting.py 0.6.6 and vectorbt 1.2.0
/// (`Tests/Fixtures/backtest/sma_cross.json`), through `nzs run --json` as a user runs it.
@Suite struct SMACrossParityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func reference() throws -> [String: Any] {
        // Python wrote `Infinity` for an unbounded profit factor; JSON proper has no such value.
        let text = try String(contentsOf: root.appendingPathComponent("Tests/Fixtures/backtest/sma_cross.json"), encoding: .utf8)
            .replacingOccurrences(of: ": Infinity", with: ": null")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return try #require((object?["GOOG_daily"] as? [String: Any]))
    }

    static func run(_ extra: [String] = []) throws -> [String: Any] {
        let result = NZSEntryPoint.run(["run", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--json"] + extra,
                                       workingDirectory: root.path)
        try #require(result.status == 0, "nzs run failed: \(result.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    }

    @Test func reproducesBacktestingPy() throws {
        let reference = try #require(try Self.reference()["backtesting_py"] as? [String: Any])
        let ours = try Self.run()
        let expectedTrades = try #require(reference["trades"] as? [[String: Any]])
        let trades = try #require(ours["trades"] as? [[String: Any]])
        try #require(trades.count == expectedTrades.count)
        for (index, (got, want)) in zip(trades, expectedTrades).enumerated() {
            #expect(got["entry_time"] as? String == want["entry_time"] as? String, "trade \(index) entry time")
            #expect(got["exit_time"] as? String == want["exit_time"] as? String, "trade \(index) exit time")
            #expect(got["entry_price"] as? Double == want["entry_price"] as? Double, "trade \(index) entry price")
            #expect(got["exit_price"] as? Double == want["exit_price"] as? Double, "trade \(index) exit price")
            #expect(got["quantity"] as? Double == want["size"] as? Double, "trade \(index) quantity")
            let pnl = try #require(got["pnl"] as? Double), wantPnl = try #require(want["pnl"] as? Double)
            #expect(abs(pnl - wantPnl) <= 1e-9 * max(1, abs(wantPnl)), "trade \(index) pnl \(pnl) vs \(wantPnl)")
            let fees = try #require(got["fees"] as? Double), wantFees = try #require(want["commission"] as? Double)
            #expect(abs(fees - wantFees) <= 1e-9 * max(1, wantFees), "trade \(index) fees")
        }
        let metrics = try #require(ours["metrics"] as? [String: Any])
        let equity = try #require(metrics["final_equity"] as? Double)
        let wantEquity = try #require(reference["final_equity"] as? Double)
        #expect(abs(equity - wantEquity) <= 1e-9 * wantEquity, "final equity \(equity) vs \(wantEquity)")
        let drawdown = try #require(metrics["max_drawdown"] as? Double)
        let wantDrawdown = try #require(reference["max_drawdown_pct"] as? Double) / 100
        #expect(abs(drawdown - wantDrawdown) <= 1e-9, "max drawdown \(drawdown) vs \(wantDrawdown)")
        #expect(ours["open_position"] is [String: Any], "backtesting.py ends with an open position")
        let common = try #require(reference["common_metrics"] as? [String: Any])
        let sharpe = try #require(metrics["sharpe"] as? Double)
        let wantSharpe = try #require(common["sharpe_mean_std_ddof1_sqrt252"] as? Double)
        #expect(abs(sharpe - wantSharpe) <= 1e-9, "sharpe \(sharpe) vs \(wantSharpe)")
        #expect(metrics["win_rate"] as? Double == 0.5)
    }

    @Test func reproducesVectorbtFractional() throws {
        let vectorbt = try #require(try Self.reference()["vectorbt"] as? [String: Any])
        let shifted = try #require(vectorbt["shifted"] as? [String: Any])
        let wantEquity = try #require(shifted["final_equity"] as? Double)
        let script = """
        strategy "SMA cross, fractional" {
            let f = sma(close, 10)
            let s = sma(close, 30)
            enter long when crossover(f, s)
            exit long when crossunder(f, s)
            size all_in()
            costs fee 0.1%
        }
        """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-vectorbt-\(getpid()).nzs")
        try script.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = NZSEntryPoint.run(["run", path.path, "--data", "data/GOOG_1d.csv", "--json"], workingDirectory: Self.root.path)
        try #require(result.status == 0, "\(result.error)")
        let ours = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let equity = try #require((ours["metrics"] as? [String: Any])?["final_equity"] as? Double)
        #expect(abs(equity - wantEquity) <= 1e-9 * wantEquity, "final equity \(equity) vs vectorbt \(wantEquity)")
    }
}
