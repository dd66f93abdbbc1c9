import Foundation
import NZIR
import NZSema
import NZSyntax
import Testing

/// Robustness: 200,000 random and mutated scripts (byte flips, truncations, token insertions,
/// deletions and swaps, span duplication, and deep nesting of every nesting construct) go
/// through the lexer, parser, checker and, when they compile, lowering with the IR verifier.
/// None may crash, take over a second, produce an invalid IR, or report a diagnostic whose
/// location is not inside its file. Deterministic: the seed is fixed.
@Suite struct FuzzTests {
    static let casesPerShard = 25_000
    static let shards = Array(0..<8)

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let corpus: [String] = {
        var texts: [String] = []
        for folder in ["strategies", "stdlib", "Tests/Golden"] {
            let base = root.appendingPathComponent(folder).path
            let files = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
            for file in files.sorted() where file.hasSuffix(".nzs") {
                if let text = try? String(contentsOfFile: base + "/" + file, encoding: .utf8) { texts.append(text) }
            }
        }
        texts.append("""
        param n: int = 14 in 2...50 step 1
        fn z(x, k: int) -> series<float> { let m = sma(x, k) return (x - m) / stddev(x, k) }
        strategy "s" { enter long when z(close, n) < -2 and not (close[1] > open) exit long when crossover(z(close, n), 0)
          stop_loss 2 * atr(14) take_profit 5% size percent_of_equity(95%) costs fee 0.1%, slippage 0.05% plot z(close, n), bbands(close).upper }
        """)
        return texts
    }()

    static let fragments = ["(", ")", "[", "]", "{", "}", ",", ":", ".", "...", "->", "=", "==", "!=", "<", ">", "+", "-", "*", "/", "%",
                            "let", "param", "fn", "return", "import", "strategy", "if", "then", "else", "and", "or", "not", "na", "true",
                            "in", "step", "when", "model", "on", "enter", "exit", "long", "short", "size", "plot", "costs", "stop_loss",
                            "close", "sma", "future_return(3)", "x", "1", "2.5", "5%", "15m", "\"s\"", "\n", "//", "/*", "\"", "\u{7F}", "é", "\0"]

    /// SplitMix64: a small deterministic generator.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
    }

    static func mutate(_ text: String, _ random: inout Random) -> String {
        var bytes = Array(text.utf8)
        let rounds = 1 + random.below(4)
        for _ in 0..<rounds {
            switch random.below(9) {
            case 0 where !bytes.isEmpty:  // byte flip
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            case 1 where !bytes.isEmpty:  // truncation
                bytes = Array(bytes.prefix(random.below(bytes.count)))
            case 2:  // token insertion
                let fragment = Array(fragments[random.below(fragments.count)].utf8) + [0x20]
                bytes.insert(contentsOf: fragment, at: random.below(bytes.count + 1))
            case 3 where bytes.count > 2:  // deletion of a span
                let start = random.below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(12)))
            case 4 where bytes.count > 4:  // swap two spans
                let a = random.below(bytes.count / 2), b = bytes.count / 2 + random.below(bytes.count / 2)
                let length = min(1 + random.below(8), bytes.count - b, b - a)
                if length > 0 {
                    let first = Array(bytes[a..<a + length])
                    bytes.replaceSubrange(a..<a + length, with: bytes[b..<b + length])
                    bytes.replaceSubrange(b..<b + length, with: first)
                }
            case 5 where bytes.count > 2:  // duplicate a span
                let start = random.below(bytes.count)
                let span = Array(bytes[start..<min(bytes.count, start + 1 + random.below(40))])
                bytes.insert(contentsOf: span, at: random.below(bytes.count + 1))
            case 6:  // deep nesting around the limit
                bytes = Array(deepNesting(&random, maximumDepth: 400).utf8)
            default:  // random bytes appended
                bytes += (0..<random.below(16)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func deepNesting(_ random: inout Random, maximumDepth: Int = 5_000) -> String {
        let depth = 50 + random.below(maximumDepth)
        let shapes: [(String, String)] = [("(", ")"), ("-", ""), ("not ", ""), ("if true then ", " else 1"), ("abs(", ")"),
                                          ("[", "]"), ("x[", "]"), ("sma(", ", 2)")]
        let (open, close) = shapes[random.below(shapes.count)]
        let body = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
        if random.below(3) == 0 { return "fn f(x: " + String(repeating: "series<", count: depth) + "float" + String(repeating: ">", count: depth) + ") = x" }
        return "let x = " + body + "\n"
    }

    @Test("fuzz shard", arguments: shards)
    func shard(_ index: Int) {
        var random = Random(state: 0x4E5A_5300 + UInt64(index))
        let clock = ContinuousClock()
        var slowest = Duration.zero
        var slowestText = ""
        var compiled = 0
        for case_ in 0..<Self.casesPerShard {
            let seed = Self.corpus[random.below(Self.corpus.count)]
            let text = case_ % 50 == 0 ? Self.deepNesting(&random) : Self.mutate(seed, &random)
            let start = clock.now
            let output = TypeChecker.check(path: "fuzz.nzs", text: text)
            if let program = output.program {
                compiled += 1
                switch Lowering.lower(program) {
                case .success(let ir): #expect(IRVerifier.verify(ir) == nil, "invalid IR for: \(text)")
                case .failure(let diagnostic): Issue.record("lowering failed: \(diagnostic.message) for: \(text)")
                }
            }
            let elapsed = clock.now - start
            if elapsed > slowest { slowest = elapsed; slowestText = String(text.prefix(120)) }
            #expect(elapsed < .seconds(1), "took \(elapsed) on: \(text.debugDescription)")
            if elapsed > .milliseconds(300) { try? text.write(toFile: "/tmp/nzs-fuzz-slow-\(index)-\(case_).nzs", atomically: true, encoding: .utf8) }
            for diagnostic in output.diagnostics.all {
                let file = output.sources[diagnostic.range.file]
                #expect(diagnostic.range.start >= 0 && diagnostic.range.end <= file.bytes.count && diagnostic.range.start <= diagnostic.range.end,
                        "diagnostic outside its file: \(diagnostic.message)")
                for note in diagnostic.notes {
                    if let range = note.range { #expect(range.end <= output.sources[range.file].bytes.count) }
                }
            }
        }
        #expect(compiled > 0, "some mutants should still compile")
        print("fuzz shard \(index): \(Self.casesPerShard) scripts, \(compiled) compiled, slowest \(slowest): \(slowestText.debugDescription)")
    }
}
