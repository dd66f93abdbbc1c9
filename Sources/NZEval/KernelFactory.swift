import NZIR
import NZRuntime

/// The one place that maps an IR kernel op and its run-constant arguments to a runtime
/// kernel, for both drivers.
enum KernelFactory {
    static func length(_ arguments: [Double]) -> Int {
        let value = arguments.first ?? 1
        return value.isFinite ? Int(max(1, min(value, 1e9))) : 1
    }

    /// A history offset as an Int (Sema guarantees a non-negative int; clamp anyway).
    static func offset(_ value: Double?) -> Int {
        guard let value, value.isFinite, value >= 0 else { return 0 }
        return Int(min(value, 1e9))
    }

    /// `rolling_mean`'s min_periods, nil (= the length) when not a number.
    static func minPeriods(_ arguments: [Double]) -> Int? {
        guard arguments.count > 1, arguments[1].isFinite else { return nil }
        return Int(max(0, min(arguments[1], 1e9)))
    }

    static func directionalOutput(_ kind: KernelKind) -> DirectionalKernel.Output {
        switch kind {
        case .plusDI: return .plusDI
        case .minusDI: return .minusDI
        default: return .adx
        }
    }

    /// A kernel's state for the batch driver, run block after block over whole columns.
    static func makeRunner(_ kind: KernelKind, arguments: [Double]) -> BlockRunner {
        let n = length(arguments)
        switch kind {
        case .sma: return .unaryBlock(SMAKernel(length: n))
        case .ema: return .unary(EMAKernel(length: n))
        case .rsi: return .unary(RSIKernel(length: n))
        case .sum: return .unaryBlock(SumKernel(length: n))
        case .stddev: return .unaryBlock(StdDevKernel(length: n, k: arguments[1]))
        case .highest: return .unary(WindowMaxKernel(length: n, isMaximum: true))
        case .lowest: return .unary(WindowMaxKernel(length: n, isMaximum: false))
        case .atr: return .barBlock(ATRKernel(length: n))
        case .crossover: return .cross(CrossKernel(isOver: true))
        case .crossunder: return .cross(CrossKernel(isOver: false))
        case .wma: return .unary(WMAKernel(length: n))
        case .cum: return .unary(CumulativeKernel())
        case .linreg: return .unary(LinearRegressionKernel(length: n, isSlope: false))
        case .linregSlope: return .unary(LinearRegressionKernel(length: n, isSlope: true))
        case .cci: return .unary(CCIKernel(length: n))
        case .emaFirstSeeded: return .unary(FirstSeededEMAKernel(length: n))
        case .cmo: return .unary(RSIKernel(length: n, isCMO: true))
        case .variance: return .unaryBlock(StdDevKernel(length: n, k: 1, isVariance: true))
        case .kama: return .unary(KAMAKernel(length: n))
        case .mfi: return .binary(MFIKernel(length: n))
        case .sar: return .binary(SARKernel(acceleration: arguments[0], maximum: arguments[1]))
        case .plusDI, .minusDI, .adx: return .barBlock(DirectionalKernel(length: n, output: directionalOutput(kind)))
        case .aroonUp: return .unary(AroonKernel(length: n, isUp: true))
        case .aroonDown: return .unary(AroonKernel(length: n, isUp: false))
        case .barsSince: return .unary(BarsSinceKernel())
        case .valueWhen: return .binary(ValueWhenKernel(occurrence: offset(arguments.first)))
        case .percentRank: return .unary(PercentRankKernel(length: n))
        case .skew: return .unary(MomentKernel(length: n, isKurtosis: false))
        case .kurtosis: return .unary(MomentKernel(length: n, isKurtosis: true))
        case .rollingRank: return .unary(RollingRankKernel(length: n))
        case .correlation: return .binary(CorrelationKernel(length: n, isBeta: false))
        case .beta: return .binary(CorrelationKernel(length: n, isBeta: true))
        case .vwap: return .ternary(VWAPKernel())
        case .supertrendLine, .supertrendDirection: return .ternary(SupertrendKernel(factor: arguments[0], isDirection: kind == .supertrendDirection))
        case .trueRange: return .bar(TrueRangeKernel())
        case .natr: return .barBlock(NATRKernel(length: n))
        case .ad: return .quad(AccumulationDistributionKernel())
        case .adosc: return .quadBlock(ChaikinOscillatorKernel(fast: n, slow: length(Array(arguments.dropFirst()))))
        case .bop: return .quad(BalanceOfPowerKernel())
        case .willr: return .bar(WilliamsRKernel(length: n))
        case .midpoint: return .unary(MidpointKernel(length: n))
        case .ultosc:
            return .barBlock(UltimateOscillatorKernel(fast: n, medium: length(Array(arguments.dropFirst())),
                                                 slow: length(Array(arguments.dropFirst(2)))))
        case .dema: return .unaryBlock(EMACascadeKernel(length: n, output: .dema))
        case .tema: return .unaryBlock(EMACascadeKernel(length: n, output: .tema))
        case .trix: return .unaryBlock(EMACascadeKernel(length: n, output: .trix))
        case .t3: return .unary(EMACascadeKernel(length: n, output: .t3, volumeFactor: arguments[1]))
        case .macdLine, .macdSignal, .macdHist:
            let output: MACDKernel.Output = kind == .macdLine ? .line : kind == .macdSignal ? .signal : .histogram
            return .unary(MACDKernel(fast: n, slow: length(Array(arguments.dropFirst())), signal: length(Array(arguments.dropFirst(2))),
                                     output: output))
        case .ewm: return .unary(ExponentialSmoothingKernel(alpha: arguments[0], initial: arguments[1]))
        case .rollingMean: return .unary(RollingMeanKernel(length: n, minPeriods: minPeriods(arguments)))
        case .schrRostLine: return .unary(RostKernel(speed: arguments[0]))
        case .waveBetterTrend: return .binary(WaveBetterKernel(rule: .betterTrend))
        case .waveBetterFast: return .binary(WaveBetterKernel(rule: .betterFast))
        }
    }
}

/// One kernel's state, shared by the batch driver (which runs it over a block of each input
/// at a time; the state carries over to the next block) and the streaming driver (one bar at
/// a time). The two closures are made in a context specialized for the concrete kernel type,
/// so the loops inline its step function instead of calling it through a witness table.
final class BlockRunner {
    typealias Block = (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>,
                       UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    private let runBlock: Block
    private let stepBar: (Double, Double, Double, Double) -> Double

    private init(runBlock: @escaping Block, stepBar: @escaping (Double, Double, Double, Double) -> Double) {
        self.runBlock = runBlock
        self.stepBar = stepBar
    }

    /// Unused inputs repeat `a`.
    func run(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ c: UnsafeBufferPointer<Double>,
             _ d: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        runBlock(a, b, c, d, output)
    }

    /// Steps the kernel one bar (the streaming driver). Unused inputs repeat `a`.
    func step(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double { stepBar(a, b, c, d) }

    /// The kernel's mutable state, captured by both closures.
    private final class Box<K> {
        var kernel: K
        init(_ kernel: K) { self.kernel = kernel }
    }

    static func unary<K: UnaryKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, _, _, _, out in
            var local = box.kernel
            BatchDriver.run(&local, a, into: out)
            box.kernel = local
        },
                           stepBar: { a, _, _, _ in box.kernel.step(a) })
    }

    static func binary<K: BinaryKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, b, _, _, out in
            var local = box.kernel
            BatchDriver.run(&local, a, b, into: out)
            box.kernel = local
        },
                           stepBar: { a, b, _, _ in box.kernel.step(a, b) })
    }

    /// Kernels with a block loop of their own (`UnaryBlockKernel.run`).
    static func unaryBlock<K: UnaryBlockKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, _, _, _, out in
            var local = box.kernel
            local.run(a, into: out)
            box.kernel = local
        },
                           stepBar: { a, _, _, _ in box.kernel.step(a) })
    }

    /// Crossings run their own vectorizable block loop (`CrossKernel.run`).
    static func cross(_ kernel: CrossKernel) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, b, _, _, out in box.kernel.run(a, b, into: out) },
                           stepBar: { a, b, _, _ in box.kernel.step(a, b) })
    }

    static func ternary<K: TernaryKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, b, c, _, out in
            var local = box.kernel
            BatchDriver.run(&local, a, b, c, into: out)
            box.kernel = local
        },
                           stepBar: { a, b, c, _ in box.kernel.step(a, b, c) })
    }

    static func bar<K: BarKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, b, c, _, out in
            var local = box.kernel
            BatchDriver.run(&local, high: a, low: b, close: c, into: out)
            box.kernel = local
        },
                           stepBar: { a, b, c, _ in box.kernel.step(high: a, low: b, close: c) })
    }

    /// Bar kernels with a block loop of their own (`BarBlockKernel.run`).
    static func barBlock<K: BarBlockKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, b, c, _, out in
            var local = box.kernel
            local.run(high: a, low: b, close: c, into: out)
            box.kernel = local
        },
                           stepBar: { a, b, c, _ in box.kernel.step(high: a, low: b, close: c) })
    }

    /// Four-input kernels with a block loop of their own (`QuadBlockKernel.run`).
    static func quadBlock<K: QuadBlockKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, b, c, d, out in
            var local = box.kernel
            local.run(a, b, c, d, into: out)
            box.kernel = local
        }, stepBar: { a, b, c, d in box.kernel.step(a, b, c, d) })
    }

    static func quad<K: QuadKernel>(_ kernel: K) -> BlockRunner {
        let box = Box(kernel)
        return BlockRunner(runBlock: { a, b, c, d, out in
            var local = box.kernel
            BatchDriver.run(&local, a, b, c, d, into: out)
            box.kernel = local
        }, stepBar: { a, b, c, d in box.kernel.step(a, b, c, d) })
    }
}
