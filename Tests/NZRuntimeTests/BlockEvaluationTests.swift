import Foundation
import NZCLIKit
import Testing

/// The blocked batch evaluator against plain arithmetic on the data: history read in place from
/// a frame column and from an output column, with offsets inside one block, across blocks and
/// beyond the first block (5,000 bars are three blocks of 2,048).
@Suite struct BlockEvaluationTests {
    @Test func historyAcrossBlocks() throws {
        let data = try Fixtures.csv("data/EURUSD_1h.csv")
        let closes = data.rows.compactMap { Double($0[4]) }
        try #require(closes.count == 5000)
        let arguments = ["eval", "--data", "data/EURUSD_1h.csv", "--expr", "close[1]", "--expr", "close - close[2047]",
                         "--expr", "close[3000]", "--expr", "sum(close, 3)", "--expr", "sum(close, 3)[2500] + close[1]"]
        let result = NZSEntryPoint.run(arguments, workingDirectory: Fixtures.root.path)
        try #require(result.status == 0, "\(result.error)")
        let table = Fixtures.csv(text: result.out)
        func value(_ row: Int, _ column: Int) -> Double? { Double(table.rows[row][column]) }
        func sum3(_ t: Int) -> Double? { t >= 2 ? Double(table.rows[t][4]) : nil }
        for t in [0, 1, 2046, 2047, 2048, 2999, 3000, 4095, 4096, 4999] {
            #expect(value(t, 1) == (t >= 1 ? closes[t - 1] : nil), "close[1] at \(t)")
            #expect(value(t, 2) == (t >= 2047 ? closes[t] - closes[t - 2047] : nil), "close - close[2047] at \(t)")
            #expect(value(t, 3) == (t >= 3000 ? closes[t - 3000] : nil), "close[3000] at \(t)")
            let lagged = t >= 2502 ? sum3(t - 2500).map { $0 + closes[t - 1] } : nil
            #expect(value(t, 5) == lagged, "sum(close, 3)[2500] + close[1] at \(t)")
        }
    }
}
