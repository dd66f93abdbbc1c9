import NZRuntime
import Testing

/// The shared kernel harness: for every kernel, on real data with injected `na`s, the batch
/// driver and a bar-by-bar run give bit-identical outputs, `reset()` replays the same run, and
/// the leading `na` count equals the documented warm-up.
@Suite struct KernelChecks {
    static let closes: [Double] = {
        let table = (try? Fixtures.csv("data/GOOG_1d.csv"))?.rows ?? []
        return table.prefix(600).compactMap { Double($0[4]) }
    }()

    static let highs: [Double] = ((try? Fixtures.csv("data/GOOG_1d.csv"))?.rows ?? []).prefix(600).compactMap { Double($0[2]) }
    static let lows: [Double] = ((try? Fixtures.csv("data/GOOG_1d.csv"))?.rows ?? []).prefix(600).compactMap { Double($0[3]) }

    /// The closes with a few `na`s inside, to exercise resets.
    static var withGaps: [Double] {
        var values = closes
        for index in [100, 101, 250, 400] where index < values.count { values[index] = .nan }
        return values
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    static func checkUnary<K: UnaryKernel>(_ make: () -> K, warmup: Int, _ name: String) {
        #expect(closes.count == 600, "fixture data")
        for input in [closes, withGaps] {
            let batch = BatchDriver.column(make(), input)
            var stream = make()
            let streamed = input.map { stream.step($0) }
            #expect(same(batch, streamed), "\(name): batch and stream differ")
            stream.reset()
            let replayed = input.map { stream.step($0) }
            #expect(same(batch, replayed), "\(name): reset does not replay the same run")
        }
        let leading = BatchDriver.column(make(), closes).prefix { $0.isNaN }.count
        #expect(leading == warmup, "\(name): warm-up \(leading), documented \(warmup)")
    }

    @Test func sma() { Self.checkUnary({ SMAKernel(length: 20) }, warmup: 19, "sma") }
    @Test func ema() { Self.checkUnary({ EMAKernel(length: 20) }, warmup: 19, "ema") }
    @Test func rsi() { Self.checkUnary({ RSIKernel(length: 14) }, warmup: 14, "rsi") }
    @Test func sum() { Self.checkUnary({ SumKernel(length: 7) }, warmup: 6, "sum") }
    @Test func stddev() { Self.checkUnary({ StdDevKernel(length: 20, k: 2) }, warmup: 19, "stddev") }
    @Test func highest() { Self.checkUnary({ WindowMaxKernel(length: 20, isMaximum: true) }, warmup: 19, "highest") }
    @Test func lowest() { Self.checkUnary({ WindowMaxKernel(length: 20, isMaximum: false) }, warmup: 19, "lowest") }
    @Test func extremumWithPosition() {
        Self.checkUnary({ ExtremumKernel(length: 20, isMaximum: true) }, warmup: 19, "extremum max")
        Self.checkUnary({ AroonKernel(length: 14, isUp: false) }, warmup: 14, "aroon down")
    }
    @Test func midpoint() {
        Self.checkUnary({ MidpointKernel(length: 14) }, warmup: 13, "midpoint")
        // Against a rescan of each window, through resets.
        for length in [1, 2, 5, 14] {
            var kernel = MidpointKernel(length: length)
            var since = 0
            for (index, x) in Self.withGaps.enumerated() {
                let value = kernel.step(x)
                since = x.isNaN ? 0 : since + 1
                guard since >= length else { #expect(value.isNaN, "midpoint(\(length)) bar \(index)"); continue }
                let window = Self.withGaps[(index - length + 1)...index]
                #expect(value == (window.max()! + window.min()!) / 2, "midpoint(\(length)) bar \(index)")
            }
        }
    }
    @Test func shift() { Self.checkUnary({ ShiftKernel(offset: 3) }, warmup: 3, "shift") }
    @Test func emaCascades() {
        Self.checkUnary({ EMACascadeKernel(length: 5, output: .dema) }, warmup: 8, "dema")
        Self.checkUnary({ EMACascadeKernel(length: 5, output: .tema) }, warmup: 12, "tema")
        Self.checkUnary({ EMACascadeKernel(length: 5, output: .trix) }, warmup: 13, "trix")
        Self.checkUnary({ EMACascadeKernel(length: 5, output: .t3, volumeFactor: 0.7) }, warmup: 24, "t3")
        Self.checkUnary({ MACDKernel(fast: 12, slow: 26, signal: 9, output: .histogram) }, warmup: 33, "macd")
    }
    @Test func lengthOne() { Self.checkUnary({ SMAKernel(length: 1) }, warmup: 0, "sma(1)") }

    @Test func atr() {
        var batch = [Double](repeating: .nan, count: Self.closes.count)
        var kernel = ATRKernel(length: 14)
        Self.highs.withUnsafeBufferPointer { h in
            Self.lows.withUnsafeBufferPointer { l in
                Self.closes.withUnsafeBufferPointer { c in
                    batch.withUnsafeMutableBufferPointer { out in BatchDriver.run(&kernel, high: h, low: l, close: c, into: out) }
                }
            }
        }
        var stream = ATRKernel(length: 14)
        let streamed = Self.closes.indices.map { stream.step(high: Self.highs[$0], low: Self.lows[$0], close: Self.closes[$0]) }
        #expect(Self.same(batch, streamed))
        #expect(batch.prefix { $0.isNaN }.count == 14)
    }

    @Test func crossoverFollowsPine() {
        var kernel = CrossKernel(isOver: true)
        // a <= b then a > b crosses; equal-then-above crosses; na never crosses.
        let a: [Double] = [1, 2, 3, 3, 4, .nan, 5, 4]
        let b: [Double] = [2, 2, 2, 3, 3, 3, 3, 3]
        let out = zip(a, b).map { kernel.step($0, $1) }
        #expect(out == [0, 0, 1, 0, 1, 0, 0, 0])
        var under = CrossKernel(isOver: false)
        let down = zip(b, a).map { under.step($0, $1) }
        #expect(down == [0, 0, 1, 0, 1, 0, 0, 0])
    }

    @Test func extremaMatchNaiveWindow() {
        for length in [1, 2, 5, 7] {
            var maximum = WindowMaxKernel(length: length, isMaximum: true)
            var minimum = WindowMaxKernel(length: length, isMaximum: false)
            var tracked = ExtremumKernel(length: length, isMaximum: true)
            let values = Self.closes
            for (index, value) in values.enumerated() {
                let high = maximum.step(value), low = minimum.step(value), other = tracked.step(value)
                guard index >= length - 1 else { #expect(high.isNaN && low.isNaN && other.isNaN); continue }
                let window = values[(index - length + 1)...index]
                #expect(high == window.max() && other == window.max() && low == window.min(), "length \(length), bar \(index)")
            }
        }
    }

    @Test func naResetsAndWarmsUpAgain() {
        var kernel = SMAKernel(length: 3)
        let out = [1, 2, 3, Double.nan, 4, 5, 6].map { kernel.step($0) }
        #expect(out[2] == 2)
        #expect(out[3].isNaN && out[4].isNaN && out[5].isNaN)
        #expect(out[6] == 5)
    }
}
