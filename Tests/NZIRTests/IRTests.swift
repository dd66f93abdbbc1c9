import NZIR
import NZSema
import NZSyntax
import Testing

/// Lowering and the IR passes: sharing, folding, dead nodes, param dependence, verification.
@Suite struct IRTests {
    static func lower(_ source: String) throws -> IRProgram {
        let output = TypeChecker.check(path: "test.nzs", text: source)
        let checked = try #require(output.program, "compile errors: \(output.diagnostics.all.map(\.message))")
        switch Lowering.lower(checked) {
        case .success(let program): return program
        case .failure(let diagnostic): throw diagnostic
        }
    }

    static func count(_ program: IRProgram, _ matches: (IROp) -> Bool) -> Int {
        program.nodes.filter { matches($0.op) }.count
    }

    @Test func sharesCommonSubexpressions() throws {
        let program = try Self.lower("""
        let a = sma(close, 20) + 1
        let b = sma(close, 20) * 2
        fn twice(x) = x + x
        let c = twice(sma(close, 20))
        """)
        #expect(Self.count(program) { $0 == .kernel(.sma) } == 1)
        #expect(IRVerifier.verify(program) == nil)
    }

    @Test func foldsConstantsWithoutChangingIEEEResults() throws {
        let program = try Self.lower("""
        let a = close * (2 * 7)
        let b = 0 / 0
        let c = 1 - 1
        let d = if 1 > 2 then open else close
        """)
        // 2 * 7 folds; 0 / 0 (NaN) and 1 - 1 (zero) stay computed at run time; the `if` picks `close`.
        #expect(program.nodes.contains { $0.op == .constant(IRConstant(14)) })
        #expect(Self.count(program) { $0 == .binary(.div) } == 1)
        #expect(Self.count(program) { $0 == .binary(.sub) } == 1)
        #expect(Self.count(program) { $0 == .select } == 0)
        let d = try #require(program.outputs.first { $0.name == "d" })
        #expect(program.node(d.value).op == .column(.close))
    }

    @Test func removesDeadNodes() throws {
        let program = try Self.lower("""
        let unused_label = future_return(3) > 0
        strategy "s" {
            let f = sma(close, 5)
            let g = ema(open, 9)
            enter long when close > f
            plot g
        }
        """)
        let trading = program.restricted { role in
            if case .enter = role { return true } else { return false }
        }
        #expect(trading.outputs.count == 1)
        #expect(IRVerifier.verify(trading) == nil)
        #expect(trading.nodes.count < program.nodes.count)
        #expect(!trading.nodes.contains { $0.op == .column(.open) || $0.op == .kernel(.ema) })
        #expect(program.nodes.contains { $0.op == .kernel(.ema) })
    }

    @Test func marksParamDependence() throws {
        let program = try Self.lower("""
        param fast: int = 10 in 5...50 step 5
        param slow: int = 30 in 20...200 step 10
        let f = sma(close, fast)
        let s = sma(close, slow)
        let r = rsi(close, 14)
        let both = f - s
        """)
        func params(_ name: String) throws -> [Int] {
            let output = try #require(program.outputs.first { $0.name == name })
            return program.node(output.value).params.members
        }
        #expect(try params("f") == [0])
        #expect(try params("s") == [1])
        #expect(try params("r") == [])
        #expect(try params("both") == [0, 1])
    }

    @Test func verifierRejectsBrokenPrograms() {
        let range = SourceRange(file: SourceFileID(0), start: 0, end: 0)
        let close = IRNode(op: .column(.close), inputs: [], shape: .series, element: .float, params: ParamSet(), range: range)
        let forward = IRNode(op: .unary(.negate), inputs: [IRValue(2)], shape: .series, element: .float, params: ParamSet(), range: range)
        let badArity = IRNode(op: .binary(.add), inputs: [IRValue(0)], shape: .series, element: .float, params: ParamSet(), range: range)
        let seriesLength = IRNode(op: .kernel(.sma), inputs: [IRValue(0), IRValue(0)], shape: .series, element: .float,
                                  params: ParamSet(), range: range)
        let wrongShape = IRNode(op: .column(.open), inputs: [], shape: .scalar, element: .float, params: ParamSet(), range: range)
        let cases: [[IRNode]] = [[close, forward, close], [close, badArity], [close, seriesLength], [wrongShape], [close, close]]
        for nodes in cases {
            let program = IRProgram(nodes: nodes, params: [], outputs: [IROutput(name: "x", role: .letValue, value: IRValue(0))],
                                    strategyName: nil)
            #expect(IRVerifier.verify(program) != nil, "accepted \(nodes.map(\.op))")
        }
        let dangling = IRProgram(nodes: [close], params: [], outputs: [IROutput(name: "x", role: .letValue, value: IRValue(5))],
                                 strategyName: nil)
        #expect(IRVerifier.verify(dangling) != nil)
    }

    @Test func warmupsFollowKernelsAndHistory() throws {
        let program = try Self.lower("""
        param n: int = 10 in 2...50
        let a = sma(close, n)
        let b = ema(sma(close, 5), 3)
        let c = rsi(close, 14)[2]
        let d = crossover(a, b)
        let e = nz(a, 0)
        let f = atr(14) + stddev(close, 20)
        """)
        let warmups = WarmupAnalysis.warmups(program, params: [10])
        func warmup(_ name: String) -> Int? { program.outputs.first { $0.name == name }.map { warmups[$0.value.index] } }
        #expect(warmup("a") == 9)
        #expect(warmup("b") == 6)
        #expect(warmup("c") == 16)
        #expect(warmup("d") == 0)
        #expect(warmup("e") == 0)
        #expect(warmup("f") == 19)
        let wider = WarmupAnalysis.warmups(program, params: [30])
        #expect(wider[program.outputs[0].value.index] == 29)
    }
}

/// Which input columns a program reads: what a run loads (a column no node reads is left out).
@Suite struct ColumnUseTests {
    @Test func findsTheColumnsThatNodesRead() throws {
        let cross = try IRTests.lower("let a = sma(close, 5) - sma(high, 20)")
        #expect(cross.reads(.close) && cross.reads(.high) && !cross.reads(.volume) && !cross.reads(.open))
        // Indicators of several series read theirs through column nodes: obv reads the volume.
        #expect(try IRTests.lower("let a = obv()").reads(.volume))
        #expect(try IRTests.lower("let a = mfi(14)").reads(.volume))
        // An `on` block's program counts.
        #expect(try IRTests.lower("let w = on 1w { sma(volume, 3) }").reads(.volume))
        #expect(try !IRTests.lower("let w = on 1w { sma(close, 3) }").reads(.volume))
    }
}
