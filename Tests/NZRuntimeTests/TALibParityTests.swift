import Foundation
import NZCLIKit
import Testing

/// Every reference column in `Tests/Fixtures/talib/expressions.csv` is evaluated through
/// `nzs eval` (the same path users take) on the data TA-Lib saw, and must match: the same na
/// positions, and |nzs − ref| ≤ 1e-9 × max(|ref|, 1e-3 × the column's largest magnitude).
@Suite struct TALibParityTests {
    static let expressions: [(column: String, expression: String)] = {
        guard let table = try? Fixtures.csv("Tests/Fixtures/talib/expressions.csv") else { return [] }
        return table.rows.map { ($0[0], $0[1]) }
    }()

    @Test("matches TA-Lib", arguments: ["GOOG_1d", "EURUSD_1h", "BTCUSD_1M", "MSFT_1d"])
    func matchesTALib(_ dataset: String) throws {
        #expect(Self.expressions.count == 50)
        let reference = try Fixtures.csv("Tests/Fixtures/talib/\(dataset).csv")
        var arguments = ["eval", "--data", "data/\(dataset).csv"]
        for (_, expression) in Self.expressions { arguments += ["--expr", expression] }
        let result = NZSEntryPoint.run(arguments, workingDirectory: Fixtures.root.path)
        try #require(result.status == 0, "nzs eval failed: \(result.error)")
        let ours = Fixtures.csv(text: result.out)
        try #require(ours.rows.count == reference.rows.count)
        for (offset, (column, _)) in Self.expressions.enumerated() {
            let referenceIndex = try #require(reference.header.firstIndex(of: column))
            let expected = reference.rows.map { Double($0[referenceIndex]) }
            let actual = ours.rows.map { Double($0[offset + 1]) }
            let scale = expected.compactMap { $0.map(abs) }.max() ?? 1
            var mismatches = 0
            var firstMismatch = ""
            for (row, (want, got)) in zip(expected, actual).enumerated() {
                switch (want, got) {
                case (nil, nil): continue
                case (let want?, let got?):
                    let tolerance = 1e-9 * max(abs(want), 1e-3 * scale)
                    if abs(want - got) <= tolerance { continue }
                default: break
                }
                mismatches += 1
                if firstMismatch.isEmpty { firstMismatch = "row \(row + 2): expected \(String(describing: want)), got \(String(describing: got))" }
            }
            #expect(mismatches == 0, "\(dataset) \(column): \(mismatches) mismatches, first at \(firstMismatch)")
        }
    }
}
