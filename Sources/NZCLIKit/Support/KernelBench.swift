import NZEval
import NZSema

/// `nzs bench --kernels N`: each indicator over N synthetic bars (a log random walk from a
/// fixed seed), through the batch driver as `nzs eval` runs it, median of repeats.
struct KernelBench {
    let count: Int
    let repeats: Int

    static let expressions = ["sma(close, 20)", "ema(close, 20)", "rsi(close, 14)", "atr(14)", "wma(close, 20)", "stddev(close, 20)",
                              "highest(close, 20)", "sum(close, 20)", "macd(close, 12, 26, 9).hist", "bbands(close, 20, 2, 2).upper",
                              "cci(14)", "adx(14)", "mfi(14)", "sar(0.02, 0.2)", "kama(close, 30)", "linreg(close, 14)", "obv()"]

    func frame() -> Frame {
        var state: UInt64 = 12_345
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var price = 100.0
        var time: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        for index in 0..<count {
            let next = price * (1 + (uniform() - 0.5) * 0.02)
            time.append(Int64(index) * 60_000)
            open.append(price)
            high.append(max(price, next) * (1 + uniform() * 0.005))
            low.append(min(price, next) * (1 - uniform() * 0.005))
            close.append(next)
            volume.append(1_000 + uniform() * 1_000)
            price = next
        }
        return Frame(time: time, open: open, high: high, low: low, close: close, volume: volume)
    }

    func run(_ io: CommandIO) -> Int32 {
        let bars = frame()
        let clock = ContinuousClock()
        io.out("kernel                                    median s   ns/value\n")
        for expression in Self.expressions {
            let compilation = Compiler.compile(path: "<bench>", text: "", expressions: [expression])
            guard let program = compilation.program else { continue }
            var samples: [Double] = []
            for _ in 0..<max(1, repeats) {
                let start = clock.now
                _ = program.evaluate(bars, params: program.ir.defaultParams)
                samples.append(Compiler.seconds(clock.now - start))
            }
            samples.sort()
            let median = samples[samples.count / 2]
            io.out(expression.padding(toLength: 42, withPad: " ", startingAt: 0) + String(format: "%9.4f   %.2f\n", median, median / Double(count) * 1e9))
        }
        return ExitStatus.success
    }
}
