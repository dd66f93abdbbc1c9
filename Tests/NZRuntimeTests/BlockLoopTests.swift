import NZRuntime
import Testing

/// Kernels with a batch loop of their own (`run`) must give what their `step` gives, bit for
/// bit, whatever the block boundaries, window lengths and `na` gaps (the steady loops read
/// leaving values from the block and keep the window only at the block's end).
@Suite struct BlockLoopTests {
    /// GOOG closes with `na` gaps: single, double, and one longer than some windows.
    static var input: [Double] {
        var values = KernelChecks.closes
        for index in [3, 100, 101, 250, 333, 400] + Array(450..<460) where index < values.count { values[index] = .nan }
        values[520] = .infinity
        values[521] = -.infinity
        return values
    }

    static func blocked(_ input: [Double], blockSize: Int, _ run: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        var output = [Double](repeating: 0, count: input.count)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var start = 0
                while start < input.count {
                    let end = min(input.count, start + blockSize)
                    run(UnsafeBufferPointer(rebasing: source[start..<end]), UnsafeMutableBufferPointer(rebasing: target[start..<end]))
                    start = end
                }
            }
        }
        return output
    }

    static func checkUnary<K: UnaryBlockKernel>(_ make: (Int) -> K, lengths: [Int] = [1, 2, 3, 4, 5, 20, 97, 700], _ name: String,
                                                input: [Double] = input) {
        for length in lengths {
            for blockSize in [1, 3, 8, 64, 131, 600] {
                var stepped = make(length)
                let expected = input.map { stepped.step($0) }
                var kernel = make(length)
                let actual = blocked(input, blockSize: blockSize) { kernel.run($0, into: $1) }
                #expect(KernelChecks.same(actual, expected), "\(name)(\(length)) in blocks of \(blockSize)")
                // The state a block loop leaves must carry on as stepping would.
                let more = input.prefix(50).map { kernel.step($0) }
                let expectedMore = input.prefix(50).map { stepped.step($0) }
                #expect(KernelChecks.same(more, expectedMore), "\(name)(\(length)) after blocks of \(blockSize)")
            }
        }
    }

    @Test func smaBlocksEqualSteps() { Self.checkUnary({ SMAKernel(length: $0) }, "sma") }
    @Test func sumBlocksEqualSteps() { Self.checkUnary({ SumKernel(length: $0) }, "sum") }

    /// With flat runs (the variance collapses: the sums are rebuilt from the window) and
    /// lengths whose periodic rebuild falls inside the blocks.
    @Test func stddevBlocksEqualSteps() {
        var values = Self.input
        for index in 200..<240 { values[index] = 100 }
        for index in 560..<575 { values[index] = 1e9 }
        Self.checkUnary({ StdDevKernel(length: $0, k: 2) }, "stddev", input: values)
        Self.checkUnary({ StdDevKernel(length: $0, k: 1, isVariance: true) }, "variance", input: values)
    }
    @Test func emaCascadeBlocksEqualSteps() {
        for output in [EMACascadeKernel.Output.dema, .tema, .trix, .t3] {
            Self.checkUnary({ EMACascadeKernel(length: $0, output: output) }, lengths: [1, 2, 3, 5, 20, 30], "\(output)")
        }
    }

    static func checkBar<K: BarBlockKernel>(_ make: (Int) -> K, lengths: [Int], _ name: String) {
        let closes = input
        var highs = KernelChecks.highs, lows = KernelChecks.lows
        highs[180] = .nan
        lows[181] = .nan
        lows[301] = .infinity
        let columns = [highs, lows, closes]
        for length in lengths {
            for blockSize in [1, 2, 3, 8, 64, 131, 600] {
                var stepped = make(length)
                let expected = closes.indices.map { stepped.step(high: highs[$0], low: lows[$0], close: closes[$0]) }
                var kernel = make(length)
                var output = [Double](repeating: 0, count: closes.count)
                var start = 0
                while start < closes.count {
                    let end = min(closes.count, start + blockSize)
                    let block = columns.map { Array($0[start..<end]) }
                    var part = [Double](repeating: 0, count: end - start)
                    block[0].withUnsafeBufferPointer { h in
                        block[1].withUnsafeBufferPointer { l in
                            block[2].withUnsafeBufferPointer { c in
                                part.withUnsafeMutableBufferPointer { kernel.run(high: h, low: l, close: c, into: $0) }
                            }
                        }
                    }
                    output.replaceSubrange(start..<end, with: part)
                    start = end
                }
                #expect(KernelChecks.same(output, expected), "\(name)(\(length)) in blocks of \(blockSize)")
                let more = (0..<50).map { kernel.step(high: highs[$0], low: lows[$0], close: closes[$0]) }
                let expectedMore = (0..<50).map { stepped.step(high: highs[$0], low: lows[$0], close: closes[$0]) }
                #expect(KernelChecks.same(more, expectedMore), "\(name)(\(length)) after blocks of \(blockSize)")
            }
        }
    }

    @Test func ultoscBlocksEqualSteps() {
        Self.checkBar({ UltimateOscillatorKernel(fast: $0, medium: 2 * $0, slow: 4 * $0) }, lengths: [1, 2, 7, 40], "ultosc")
        Self.checkBar({ _ in UltimateOscillatorKernel(fast: 28, medium: 14, slow: 7) }, lengths: [0], "ultosc reversed")
    }

    @Test func atrBlocksEqualSteps() { Self.checkBar({ ATRKernel(length: $0) }, lengths: [1, 2, 14, 97], "atr") }

    @Test func natrBlocksEqualSteps() { Self.checkBar({ NATRKernel(length: $0) }, lengths: [1, 3, 14], "natr") }

    @Test func directionalBlocksEqualSteps() {
        for output in [DirectionalKernel.Output.plusDI, .minusDI, .adx] {
            Self.checkBar({ DirectionalKernel(length: $0, output: output) }, lengths: [1, 2, 14, 97], "\(output)")
        }
    }

    static let volumes: [Double] = ((try? Fixtures.csv("data/GOOG_1d.csv"))?.rows ?? []).prefix(600).compactMap { Double($0[5]) }

    @Test func adoscBlocksEqualSteps() {
        var highs = KernelChecks.highs, volumes = Self.volumes
        highs[180] = .nan
        volumes[300] = .nan
        volumes[302] = .infinity
        let columns = [highs, KernelChecks.lows, Self.input, volumes]
        #expect(columns.allSatisfy { $0.count == 600 }, "fixture data")
        for (fast, slow) in [(3, 10), (1, 2), (10, 3), (5, 5)] {
            for blockSize in [1, 2, 3, 8, 64, 131, 600] {
                var stepped = ChaikinOscillatorKernel(fast: fast, slow: slow)
                let expected = (0..<600).map { stepped.step(columns[0][$0], columns[1][$0], columns[2][$0], columns[3][$0]) }
                var kernel = ChaikinOscillatorKernel(fast: fast, slow: slow)
                var output: [Double] = []
                var start = 0
                while start < 600 {
                    let end = min(600, start + blockSize)
                    let block = columns.map { Array($0[start..<end]) }
                    var part = [Double](repeating: 0, count: end - start)
                    block[0].withUnsafeBufferPointer { a in
                        block[1].withUnsafeBufferPointer { b in
                            block[2].withUnsafeBufferPointer { c in
                                block[3].withUnsafeBufferPointer { d in
                                    part.withUnsafeMutableBufferPointer { kernel.run(a, b, c, d, into: $0) }
                                }
                            }
                        }
                    }
                    output += part
                    start = end
                }
                #expect(KernelChecks.same(output, expected), "adosc(\(fast), \(slow)) in blocks of \(blockSize)")
            }
        }
    }

    @Test func smaGroupsStayCloseToAPlainSum() {
        var kernel = SMAKernel(length: 20)
        let values = KernelChecks.closes
        for (index, value) in values.enumerated() {
            let mean = kernel.step(value)
            guard index >= 19 else { #expect(mean.isNaN); continue }
            let exact = values[(index - 19)...index].reduce(0, +) / 20
            #expect(abs(mean - exact) <= 1e-12 * abs(exact), "bar \(index)")
        }
    }
}
