import Foundation
import NZEval
import NZSema

/// `nzs bench --kernels N`: each indicator over N synthetic bars (a log random walk from a
/// fixed seed), through the batch driver as `nzs eval` runs it, median of repeats.
struct KernelBench {
    let count: Int
    let repeats: Int
    var expressions: [String] = Self.expressions

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

    /// Five little-endian float64 columns of equal length, one after the other.
    static func readRaw(_ path: String) -> Frame? {
        guard let data = FileManager.default.contents(atPath: path), data.count % 40 == 0, !data.isEmpty else { return nil }
        let count = data.count / 40
        var columns: [[Double]] = []
        data.withUnsafeBytes { raw in
            for column in 0..<5 {
                columns.append((0..<count).map { row in
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: (column * count + row) * 8, as: UInt64.self)))
                })
            }
        }
        return Frame(time: (0..<count).map { Int64($0) * 60_000 }, open: columns[0], high: columns[1], low: columns[2],
                     close: columns[3], volume: columns[4])
    }

    /// Times each expression over `bars`, in rounds: every expression runs once per round, so
    /// that its samples are spread over the whole measurement (this kind of machine slows down
    /// for a fraction of a second at a time, which would otherwise land on one expression's
    /// every sample). The first round (cold: pages faulted in) is discarded; the column buffers
    /// are recycled between runs, as an optimizer sweep reuses them. Medians per expression.
    func run(_ io: CommandIO, frame bars: Frame) -> Int32 {
        let clock = ContinuousClock()
        var programs: [Program] = []
        for expression in expressions {
            guard let program = Compiler.compile(path: "<bench>", text: "", expressions: [expression]).program else {
                io.error("error: cannot compile `\(expression)`\n")
                return ExitStatus.compileError
            }
            programs.append(program)
        }
        var pool = ColumnPool()
        var samples = [[Double]](repeating: [], count: programs.count)
        for round in 0...max(1, repeats) {
            for (index, program) in programs.enumerated() {
                let start = clock.now
                let evaluation = program.evaluate(bars, params: program.ir.defaultParams, pool: &pool)
                let seconds = Compiler.seconds(clock.now - start)
                evaluation.recycle(into: &pool)
                if round > 0 { samples[index].append(seconds) }
            }
        }
        io.out("kernel                                    median s   ns/value\n")
        for (expression, times) in zip(expressions, samples) {
            let median = times.sorted()[times.count / 2]
            io.out(expression.padding(toLength: 42, withPad: " ", startingAt: 0) + String(format: "%9.4f   %.2f\n", median, median / Double(bars.count) * 1e9))
        }
        return ExitStatus.success
    }
}
