import Foundation
import NZCLIKit
import NZSema
import Testing

/// The static warm-up of every builtin (as `nzs doc` reports it) equals the leading `na` count
/// of its values on real data, through `nzs eval`.
@Suite struct WarmupTests {
    @Test func staticWarmupsMatchEvaluation() throws {
        var arguments = ["eval", "--data", "data/GOOG_1d.csv"]
        var expected: [(String, Int)] = []
        for builtin in Builtin.allCases {
            guard let warmups = BuiltinReference.warmups(builtin) else { continue }
            let call = BuiltinReference.exampleCall(builtin)
            for (field, bars) in warmups {
                let expression = field.map { "\(call).\($0)" } ?? call
                arguments += ["--expr", expression]
                expected.append((expression, bars))
            }
        }
        for entry in ModuleReference.entries(workingDirectory: Fixtures.root.path) {
            let warmups = try #require(entry.warmups, "\(entry.exampleCall) does not compile")
            for (field, bars) in warmups {
                arguments += ["--expr", field.map { "\(entry.exampleCall).\($0)" } ?? entry.exampleCall]
                expected.append((field.map { "\(entry.exampleCall).\($0)" } ?? entry.exampleCall, bars))
            }
        }
        arguments += ["--import", "bands", "--import", "neozork"]
        #expect(expected.count >= 100)
        let result = NZSEntryPoint.run(arguments, workingDirectory: Fixtures.root.path)
        try #require(result.status == 0, "\(result.error)")
        let table = Fixtures.csv(text: result.out)
        for (column, (expression, bars)) in expected.enumerated() {
            let leading = table.rows.prefix { $0[column + 1].isEmpty }.count
            #expect(leading == bars, "\(expression): static warm-up \(bars), evaluated \(leading)")
        }
    }
}

/// docs/indicators.md is exactly what `nzs doc --markdown` prints.
@Suite struct IndicatorReferenceTests {
    @Test func docsMatchTheSignatureTable() throws {
        let committed = try String(contentsOfFile: Fixtures.path("docs/indicators.md"), encoding: .utf8)
        #expect(committed == BuiltinReference.markdown(workingDirectory: Fixtures.root.path), "regenerate with `nzs doc --markdown > docs/indicators.md`")
    }
}
