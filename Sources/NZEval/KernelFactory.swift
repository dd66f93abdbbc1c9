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

    /// Runs the kernel over whole columns.
    static func runBatch(_ kind: KernelKind, arguments: [Double], inputs: [UnsafeBufferPointer<Double>],
                         into output: UnsafeMutableBufferPointer<Double>) {
        let n = length(arguments)
        switch kind {
        case .sma: var k = SMAKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .ema: var k = EMAKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .rsi: var k = RSIKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .sum: var k = SumKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .stddev:
            var k = StdDevKernel(length: n, k: arguments[1])
            BatchDriver.run(&k, inputs[0], into: output)
        case .highest: var k = ExtremumKernel(length: n, isMaximum: true); BatchDriver.run(&k, inputs[0], into: output)
        case .lowest: var k = ExtremumKernel(length: n, isMaximum: false); BatchDriver.run(&k, inputs[0], into: output)
        case .atr:
            var k = ATRKernel(length: n)
            BatchDriver.run(&k, high: inputs[0], low: inputs[1], close: inputs[2], into: output)
        case .crossover: var k = CrossKernel(isOver: true); BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .crossunder: var k = CrossKernel(isOver: false); BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .wma: var k = WMAKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .cum: var k = CumulativeKernel(); BatchDriver.run(&k, inputs[0], into: output)
        case .linreg: var k = LinearRegressionKernel(length: n, isSlope: false); BatchDriver.run(&k, inputs[0], into: output)
        case .linregSlope: var k = LinearRegressionKernel(length: n, isSlope: true); BatchDriver.run(&k, inputs[0], into: output)
        case .cci: var k = CCIKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .emaFirstSeeded: var k = FirstSeededEMAKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .cmo: var k = RSIKernel(length: n, isCMO: true); BatchDriver.run(&k, inputs[0], into: output)
        case .variance: var k = StdDevKernel(length: n, k: 1, isVariance: true); BatchDriver.run(&k, inputs[0], into: output)
        case .kama: var k = KAMAKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .mfi: var k = MFIKernel(length: n); BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .sar:
            var k = SARKernel(acceleration: arguments[0], maximum: arguments[1])
            BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .plusDI, .minusDI, .adx:
            var k = DirectionalKernel(length: n, output: directionalOutput(kind))
            BatchDriver.run(&k, high: inputs[0], low: inputs[1], close: inputs[2], into: output)
        case .aroonUp: var k = AroonKernel(length: n, isUp: true); BatchDriver.run(&k, inputs[0], into: output)
        case .aroonDown: var k = AroonKernel(length: n, isUp: false); BatchDriver.run(&k, inputs[0], into: output)
        case .barsSince: var k = BarsSinceKernel(); BatchDriver.run(&k, inputs[0], into: output)
        case .valueWhen:
            var k = ValueWhenKernel(occurrence: offset(arguments.first))
            BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .percentRank: var k = PercentRankKernel(length: n); BatchDriver.run(&k, inputs[0], into: output)
        case .correlation: var k = CorrelationKernel(length: n, isBeta: false); BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .beta: var k = CorrelationKernel(length: n, isBeta: true); BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .vwap: var k = VWAPKernel(); BatchDriver.run(&k, inputs[0], inputs[1], inputs[2], into: output)
        case .supertrendLine, .supertrendDirection:
            var k = SupertrendKernel(factor: arguments[0], isDirection: kind == .supertrendDirection)
            BatchDriver.run(&k, inputs[0], inputs[1], inputs[2], into: output)
        case .ewm: var k = ExponentialSmoothingKernel(alpha: arguments[0], initial: arguments[1]); BatchDriver.run(&k, inputs[0], into: output)
        case .rollingMean: var k = RollingMeanKernel(length: n, minPeriods: minPeriods(arguments)); BatchDriver.run(&k, inputs[0], into: output)
        case .schrRostLine: var k = RostKernel(speed: arguments[0]); BatchDriver.run(&k, inputs[0], into: output)
        case .waveBetterTrend: var k = WaveBetterKernel(rule: .betterTrend); BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        case .waveBetterFast: var k = WaveBetterKernel(rule: .betterFast); BatchDriver.run(&k, inputs[0], inputs[1], into: output)
        }
    }

    /// A stepper holding the kernel's state for the streaming driver.
    static func makeStepper(_ kind: KernelKind, arguments: [Double]) -> any StreamStepper {
        let n = length(arguments)
        switch kind {
        case .sma: return UnaryStepper(SMAKernel(length: n))
        case .ema: return UnaryStepper(EMAKernel(length: n))
        case .rsi: return UnaryStepper(RSIKernel(length: n))
        case .sum: return UnaryStepper(SumKernel(length: n))
        case .stddev: return UnaryStepper(StdDevKernel(length: n, k: arguments[1]))
        case .highest: return UnaryStepper(ExtremumKernel(length: n, isMaximum: true))
        case .lowest: return UnaryStepper(ExtremumKernel(length: n, isMaximum: false))
        case .atr: return BarStepper(ATRKernel(length: n))
        case .crossover: return BinaryStepper(CrossKernel(isOver: true))
        case .crossunder: return BinaryStepper(CrossKernel(isOver: false))
        case .wma: return UnaryStepper(WMAKernel(length: n))
        case .cum: return UnaryStepper(CumulativeKernel())
        case .linreg: return UnaryStepper(LinearRegressionKernel(length: n, isSlope: false))
        case .linregSlope: return UnaryStepper(LinearRegressionKernel(length: n, isSlope: true))
        case .cci: return UnaryStepper(CCIKernel(length: n))
        case .emaFirstSeeded: return UnaryStepper(FirstSeededEMAKernel(length: n))
        case .cmo: return UnaryStepper(RSIKernel(length: n, isCMO: true))
        case .variance: return UnaryStepper(StdDevKernel(length: n, k: 1, isVariance: true))
        case .kama: return UnaryStepper(KAMAKernel(length: n))
        case .mfi: return BinaryStepper(MFIKernel(length: n))
        case .sar: return BinaryStepper(SARKernel(acceleration: arguments[0], maximum: arguments[1]))
        case .plusDI, .minusDI, .adx: return BarStepper(DirectionalKernel(length: n, output: directionalOutput(kind)))
        case .aroonUp: return UnaryStepper(AroonKernel(length: n, isUp: true))
        case .aroonDown: return UnaryStepper(AroonKernel(length: n, isUp: false))
        case .barsSince: return UnaryStepper(BarsSinceKernel())
        case .valueWhen: return BinaryStepper(ValueWhenKernel(occurrence: offset(arguments.first)))
        case .percentRank: return UnaryStepper(PercentRankKernel(length: n))
        case .correlation: return BinaryStepper(CorrelationKernel(length: n, isBeta: false))
        case .beta: return BinaryStepper(CorrelationKernel(length: n, isBeta: true))
        case .vwap: return TernaryStepper(VWAPKernel())
        case .supertrendLine, .supertrendDirection:
            return TernaryStepper(SupertrendKernel(factor: arguments[0], isDirection: kind == .supertrendDirection))
        case .ewm: return UnaryStepper(ExponentialSmoothingKernel(alpha: arguments[0], initial: arguments[1]))
        case .rollingMean: return UnaryStepper(RollingMeanKernel(length: n, minPeriods: minPeriods(arguments)))
        case .schrRostLine: return UnaryStepper(RostKernel(speed: arguments[0]))
        case .waveBetterTrend: return BinaryStepper(WaveBetterKernel(rule: .betterTrend))
        case .waveBetterFast: return BinaryStepper(WaveBetterKernel(rule: .betterFast))
        }
    }
}

/// A kernel's state in the streaming driver, boxed so that stepping mutates it in place.
protocol StreamStepper: AnyObject {
    func step(_ a: Double, _ b: Double, _ c: Double) -> Double
}

final class UnaryStepper<K: UnaryKernel>: StreamStepper {
    var kernel: K
    init(_ kernel: K) { self.kernel = kernel }
    func step(_ a: Double, _ b: Double, _ c: Double) -> Double { kernel.step(a) }
}

final class BinaryStepper<K: BinaryKernel>: StreamStepper {
    var kernel: K
    init(_ kernel: K) { self.kernel = kernel }
    func step(_ a: Double, _ b: Double, _ c: Double) -> Double { kernel.step(a, b) }
}

final class TernaryStepper<K: TernaryKernel>: StreamStepper {
    var kernel: K
    init(_ kernel: K) { self.kernel = kernel }
    func step(_ a: Double, _ b: Double, _ c: Double) -> Double { kernel.step(a, b, c) }
}

final class BarStepper<K: BarKernel>: StreamStepper {
    var kernel: K
    init(_ kernel: K) { self.kernel = kernel }
    func step(_ a: Double, _ b: Double, _ c: Double) -> Double { kernel.step(high: a, low: b, close: c) }
}
