import Foundation
import NZCLIKit
import Testing

/// The model-feature builtins against pandas 3.1 and SciPy 1.17 (`scripts/make_feature_refs.py`) on the first
/// 800 hourly EURUSD bars, through `nzs eval`: the same na positions, and |nzs − ref| ≤ 1e-9 ×
/// max(|ref|, 1e-3 × the column's largest magnitude). Columns are named by the expression.
@Suite struct FeatureParityTests {
    @Test func matchesPandasAndSciPy() throws {
        let reference = try Fixtures.csv("Tests/Fixtures/features/EURUSD_1h.csv")
        let expressions = Array(reference.header.dropFirst())
        #expect(expressions.count == 11)
        let data = try String(contentsOfFile: Fixtures.path("data/EURUSD_1h.csv"), encoding: .utf8)
        let lines = data.split(separator: "\n").prefix(reference.rows.count + 1).joined(separator: "\n") + "\n"
        let path = NSTemporaryDirectory() + "nzs-features-\(UUID().uuidString).csv"
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var arguments = ["eval", "--data", path]
        for expression in expressions { arguments += ["--expr", expression] }
        let result = NZSEntryPoint.run(arguments, workingDirectory: Fixtures.root.path)
        try #require(result.status == 0, "nzs eval failed: \(result.error)")
        let ours = Fixtures.csv(text: result.out)
        try #require(ours.rows.count == reference.rows.count)
        for (offset, expression) in expressions.enumerated() {
            let expected = reference.rows.map { Double($0[offset + 1]) }
            let actual = ours.rows.map { Double($0[offset + 1]) }
            let scale = expected.compactMap { $0.map(abs) }.max() ?? 1
            var mismatches: [String] = []
            for (row, (want, got)) in zip(expected, actual).enumerated() {
                switch (want, got) {
                case (nil, nil): continue
                case (let want?, let got?) where abs(want - got) <= 1e-9 * max(abs(want), 1e-3 * scale): continue
                default: if mismatches.count < 3 { mismatches.append("row \(row + 2): expected \(String(describing: want)), got \(String(describing: got))") }
                }
            }
            #expect(mismatches.isEmpty, "\(expression): \(mismatches)")
            #expect(expected.compactMap { $0 }.count > 700, "\(expression) has values to compare")
        }
    }
}
