import Foundation
import NZCLIKit
import NZEval
import NZIR
import NZSema
import Testing

/// Every strategy in `strategies/` and every golden script that compiles is run through both
/// drivers on real data; every IR node's value must be bit-identical at every bar.
@Suite struct DriverParityTests {
    static var scripts: [String] {
        var paths: [String] = []
        for folder in ["strategies", "Tests/Golden"] {
            let base = Fixtures.root.appendingPathComponent(folder).path
            let files = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
            paths += files.filter { $0.hasSuffix(".nzs") }.sorted().map { folder + "/" + $0 }
        }
        return paths
    }

    struct StdlibLoader: ModuleLoader {
        func load(module: String, isPath: Bool, importer: String) -> ModuleLookup {
            let path = isPath ? (importer as NSString).deletingLastPathComponent + "/" + module : Fixtures.path("stdlib/\(module).nzs")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return .notFound(searched: [path]) }
            return .found(path: path, text: text)
        }
    }

    static let frame: Frame = {
        let rows = (try? Fixtures.csv("data/GOOG_1d.csv"))?.rows ?? []
        func column(_ index: Int) -> [Double] { rows.map { Double($0[index]) ?? .nan } }
        let times = rows.indices.map { Int64($0) * 86_400_000 }
        return Frame(time: times, open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5))
    }()

    @Test("batch equals stream", arguments: scripts)
    func batchEqualsStream(_ path: String) throws {
        let text = try String(contentsOfFile: Fixtures.path(path), encoding: .utf8)
        let compilation = Compiler.compile(path: path, text: text, loader: StdlibLoader())
        guard let program = compilation.program else { return }  // error cases have nothing to run
        #expect(IRVerifier.verify(program.ir) == nil)
        let params = program.ir.defaultParams
        let batch = program.evaluate(Self.frame, params: params, retainingAll: true)
        let stream = program.makeStream(params: params)
        var mismatches: [String] = []
        for bar in 0..<Self.frame.count {
            stream.push(Self.frame.bar(bar))
            for index in program.ir.nodes.indices where program.ir.nodes[index].shape == .series {
                let value = IRValue(index)
                let (a, b) = (batch.column(value)[bar], stream.value(value))
                if a.bitPattern != b.bitPattern, mismatches.count < 3 { mismatches.append("%\(index) at bar \(bar): \(a) vs \(b)") }
            }
        }
        #expect(mismatches.isEmpty, "\(path): \(mismatches)")
    }
}

/// Every builtin's example call (`nzs doc`'s), every output field, batch against stream,
/// bit for bit, on GOOG daily.
@Suite struct BuiltinDriverParityTests {
    @Test func everyBuiltinIsIdenticalInBothDrivers() throws {
        var expressions: [String] = []
        for builtin in Builtin.allCases where BuiltinReference.warmups(builtin) != nil {
            let call = BuiltinReference.exampleCall(builtin)
            if case .record(let record) = builtin.signature.result {
                expressions += record.fields.map { "\(call).\($0)" }
            } else {
                expressions.append(call)
            }
        }
        #expect(expressions.count >= 70)
        let compilation = Compiler.compile(path: "<parity>", text: "", expressions: expressions)
        let program = try #require(compilation.program, "\(compilation.diagnostics.all.map(\.message))")
        let frame = DriverParityTests.frame
        let batch = program.evaluate(frame, params: program.ir.defaultParams, retainingAll: true)
        let stream = program.makeStream(params: program.ir.defaultParams)
        var mismatches: [String] = []
        for bar in 0..<frame.count {
            stream.push(frame.bar(bar))
            for output in program.ir.outputs(.expression) {
                let (a, b) = (batch.value(output.value, at: bar), stream.value(output.value))
                if a.bitPattern != b.bitPattern, mismatches.count < 5 { mismatches.append("\(output.name) at bar \(bar): \(a) vs \(b)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
