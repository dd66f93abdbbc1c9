/// The TA-Lib indicators built from chained EMAs, each as one kernel so that their EMAs run
/// in one loop and overlap (their dependency chains are independent of each other from bar to
/// bar). Each stage is an `EMAKernel` fed the previous stage's output, and the outputs are
/// combined in the same order of operations as the IR composition they replace, so the values
/// are the composition's exactly:
///
/// - DEMA = 2·e1 − e2; TEMA = (3·e1 − 3·e2) + e3, eᵢ = ema(eᵢ₋₁, n), e0 = x;
/// - TRIX = (e3 / e3[1] − 1) × 100;
/// - T3 = ((c1·e6 + c2·e5) + c3·e4) + c4·e3 with c1 = −v³, c2 = 3v² + 3v³,
///   c3 = −6v² − 3v − 3v³, c4 = 1 + 3v + v³ + 3v².
///
/// T3, once all six stages are seeded, runs the six recursions directly, one bar at a time, with
/// no per-stage na or warm-up tests, on the stages scaled by 1/kⁱ: with fᵢ = eᵢ/kⁱ the recursion
/// eᵢ = eᵢ·(1 − k) + eᵢ₋₁·k becomes fᵢ = fᵢ·(1 − k) + fᵢ₋₁ (f₀ = x), one multiply a stage instead
/// of two, and T3 = ((c1k⁶·f6 + c2k⁵·f5) + c3k⁴·f4) + c4k³·f3. Its values differ from six chained
/// `ema`s by a few ulps.
///
/// Warm-up: DEMA 2(n − 1), TEMA 3(n − 1), TRIX 3(n − 1) + 1, T3 6(n − 1).
public struct EMACascadeKernel: UnaryBlockKernel {
    public enum Output: Sendable { case dema, tema, trix, t3 }

    public let output: Output
    @usableFromInline var e1: EMAKernel
    @usableFromInline var e2: EMAKernel
    @usableFromInline var e3: EMAKernel
    @usableFromInline var e4: EMAKernel
    @usableFromInline var e5: EMAKernel
    @usableFromInline var e6: EMAKernel
    @usableFromInline var previous = Double.nan
    @usableFromInline let c1: Double, c2: Double, c3: Double, c4: Double
    @usableFromInline let k: Double, decay: Double
    /// k¹…k⁶, and T3's coefficients times k⁶, k⁵, k⁴, k³ (for the scaled stages).
    @usableFromInline let powers: (Double, Double, Double, Double, Double, Double)
    @usableFromInline let scaled: (Double, Double, Double, Double)
    /// T3's steady state: the six stage values scaled by 1/kⁱ, valid once `seeded`.
    @usableFromInline var stages = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    @usableFromInline var seeded = false

    public init(length: Int, output: Output, volumeFactor v: Double = 0.7) {
        self.output = output
        // Each stage made on its own (a copied kernel would share any window it had).
        e1 = EMAKernel(length: length)
        e2 = EMAKernel(length: length)
        e3 = EMAKernel(length: length)
        e4 = EMAKernel(length: length)
        e5 = EMAKernel(length: length)
        e6 = EMAKernel(length: length)
        k = 2.0 / Double(max(1, length) + 1)
        decay = 1 - k
        let v2 = v * v, v3 = v2 * v
        c1 = -v3
        c2 = 3 * v2 + 3 * v3
        c3 = (-6 * v2 - 3 * v) - 3 * v3
        c4 = ((1 + 3 * v) + v3) + 3 * v2
        let k2 = k * k, k3 = k2 * k
        powers = (k, k2, k3, k3 * k, k3 * k2, k3 * k3)
        scaled = (c1 * powers.5, c2 * powers.4, c3 * powers.3, c4 * powers.2)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        if seeded { return steadyT3(x) }
        let a = e1.step(x)
        let b = e2.step(a)
        switch output {
        case .dema:
            return 2 * a - b
        case .tema:
            let c = e3.step(b)
            return (3 * a - 3 * b) + c
        case .trix:
            let c = e3.step(b)
            let ratio = c / previous
            previous = c
            return (ratio - 1) * 100
        case .t3:
            let c = e3.step(b), d = e4.step(c), e = e5.step(d), f = e6.step(e)
            if !f.isNaN {
                stages = (a / powers.0, b / powers.1, c / powers.2, d / powers.3, e / powers.4, f / powers.5)
                seeded = true
            }
            return ((c1 * f + c2 * e) + c3 * d) + c4 * c
        }
    }

    @inlinable @inline(__always)
    mutating func steadyT3(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        stages.0 = stages.0 * decay + x
        stages.1 = stages.1 * decay + stages.0
        stages.2 = stages.2 * decay + stages.1
        stages.3 = stages.3 * decay + stages.2
        stages.4 = stages.4 * decay + stages.3
        stages.5 = stages.5 * decay + stages.4
        return ((scaled.0 * stages.5 + scaled.1 * stages.4) + scaled.2 * stages.3) + scaled.3 * stages.2
    }

    /// The batch driver's loop for DEMA, TEMA and TRIX: `step` until every stage is seeded,
    /// then two bars per iteration through all stages at once (`EMAKernel.smoothPair`, `step`'s
    /// arithmetic), until a pair would feed a stage an na (then `step` takes that pair and the
    /// rest of the block, resetting as it does). T3 steps bar by bar.
    @inlinable
    public mutating func run(_ input: UnsafeBufferPointer<Double>, into target: UnsafeMutableBufferPointer<Double>) {
        let count = min(input.count, target.count)
        var index = 0
        let stages = output == .dema ? 2 : 3
        if output != .t3 {
            while index < count, !(e1.isSmoothing && e2.isSmoothing && (stages == 2 || e3.isSmoothing)) {
                target[index] = step(input[index])
                index += 1
            }
            var first = e1, second = e2, third = e3, last = previous
            while index + 2 <= count {
                var n1 = first, n2 = second, n3 = third
                let x0 = input[index], x1 = input[index + 1]
                let (a0, a1) = n1.smoothPair(x0, x1)
                let (b0, b1) = n2.smoothPair(a0, a1)
                var check = (x0 + x1) + ((a0 + a1) + (b0 + b1))
                var c0 = 0.0, c1 = 0.0
                if stages == 3 {
                    (c0, c1) = n3.smoothPair(b0, b1)
                    check += c0 + c1
                }
                if check.isNaN { break }
                switch output {
                case .dema:
                    target[index] = 2 * a0 - b0
                    target[index + 1] = 2 * a1 - b1
                case .tema:
                    target[index] = (3 * a0 - 3 * b0) + c0
                    target[index + 1] = (3 * a1 - 3 * b1) + c1
                default:
                    target[index] = (c0 / last - 1) * 100
                    target[index + 1] = (c1 / c0 - 1) * 100
                    last = c1
                }
                first = n1
                second = n2
                third = n3
                index += 2
            }
            e1 = first
            e2 = second
            e3 = third
            previous = last
        }
        while index < count {
            target[index] = step(input[index])
            index += 1
        }
    }

    public mutating func reset() {
        e1.reset()
        e2.reset()
        e3.reset()
        e4.reset()
        e5.reset()
        e6.reset()
        previous = .nan
        seeded = false
    }
}

/// TA-Lib MACD as one kernel: line = ema(x delayed to bar slow − fast, fast) − ema(x, slow) (the
/// fast EMA's seed ends where the slow one's does), signal = ema(line, signal), and the line and
/// histogram shown only where the signal exists, in the order of operations of the IR
/// composition it replaces. `bar` counts every bar the kernel sees, as `bar_index` does.
/// Warm-up: slow − 1 + signal − 1 for all three outputs.
public struct MACDKernel: UnaryKernel {
    public enum Output: Sendable { case line, signal, histogram }

    public let output: Output
    @usableFromInline let start: Double
    @usableFromInline var fast: EMAKernel
    @usableFromInline var slow: EMAKernel
    @usableFromInline var signalEMA: EMAKernel
    @usableFromInline var bar = 0.0

    public init(fast: Int, slow: Int, signal: Int, output: Output) {
        self.output = output
        start = Double(slow) - Double(fast)
        self.fast = EMAKernel(length: fast)
        self.slow = EMAKernel(length: slow)
        signalEMA = EMAKernel(length: signal)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        let delayed = bar >= start ? x : .nan
        bar += 1
        let line = fast.step(delayed) - slow.step(x)
        let signal = signalEMA.step(line)
        let aligned = signal.isNaN ? .nan : line
        switch output {
        case .line: return aligned
        case .signal: return signal
        case .histogram: return aligned - signal
        }
    }

    /// Starts over as a fresh kernel (the drivers never call it; na inputs reset the EMAs).
    public mutating func reset() {
        fast.reset()
        slow.reset()
        signalEMA.reset()
        bar = 0
    }
}
