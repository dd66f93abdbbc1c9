import NZRuntime
import Testing

/// The kernels behind stdlib/neozork.nzs on hand-computed cases, and the shared batch =
/// stream = replay harness. Their outputs on real data are checked by NeoZorkParityTests.
@Suite struct NeoZorkKernelTests {
    static func run<K: UnaryKernel>(_ kernel: K, _ input: [Double]) -> [Double] { BatchDriver.column(kernel, input) }

    static func run<K: BinaryKernel>(_ kernel: K, _ a: [Double], _ b: [Double]) -> [Double] {
        var state = kernel
        return zip(a, b).map { state.step($0, $1) }
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    @Test func harness() {
        KernelChecks.checkUnary({ ExponentialSmoothingKernel(alpha: 0.1, initial: 0) }, warmup: 0, "ewm")
        KernelChecks.checkUnary({ RollingMeanKernel(length: 20, minPeriods: nil) }, warmup: 19, "rolling_mean")
        KernelChecks.checkUnary({ RollingMeanKernel(length: 20, minPeriods: 5) }, warmup: 4, "rolling_mean min 5")
        KernelChecks.checkUnary({ RostKernel(speed: 0.501) }, warmup: 0, "schr_rost_line")
        KernelChecks.checkUnary({ RostKernel(speed: 5) }, warmup: 0, "schr_rost_line speed 5")
    }

    @Test func ewmStartsFromInitialAndHoldsThroughNA() {
        #expect(Self.same(Self.run(ExponentialSmoothingKernel(alpha: 0.5, initial: 0), [.nan, 1, 2, .nan, 3]),
                          [0, 0.5, 1.25, 1.25, 2.125]))
        #expect(Self.same(Self.run(ExponentialSmoothingKernel(alpha: 1, initial: 7), [.nan, 1]), [7, 1]))
    }

    @Test func rollingMeanFollowsPandas() {
        // min_periods 1: an expanding mean first, na values skipped, not a reset.
        #expect(Self.same(Self.run(RollingMeanKernel(length: 2, minPeriods: 1), [1, 2, .nan, 4, 6]), [1, 1.5, 2, 4, 5]))
        // min_periods = length: na until the window holds `length` numbers.
        #expect(Self.same(Self.run(RollingMeanKernel(length: 2, minPeriods: nil), [1, 2, .nan, 4, 6]), [.nan, 1.5, .nan, .nan, 5]))
        // A run of equal values gives the value itself (0.1 + 0.1 + 0.1 = 0.30000000000000004).
        #expect(Self.same(Self.run(RollingMeanKernel(length: 3, minPeriods: nil), [0.1, 0.1, 0.1]), [.nan, .nan, 0.1]))
        // A window of zeros after a huge value is exactly 0, whatever the running sum kept.
        let mean = Self.run(RollingMeanKernel(length: 2, minPeriods: nil), [1e16, 1, 0, 0])
        #expect(mean[3] == 0 && mean[3].sign == .plus)
        // One value wide: the value.
        #expect(Self.same(Self.run(RollingMeanKernel(length: 1, minPeriods: nil), [3, .nan, -2]), [3, .nan, -2]))
    }

    @Test func rostLineByHand() {
        // speed 2 on 1, 2, 3, 2 (worked out in the kernel's doc comment's steps):
        // bar 1 takes x; bar 2: PDM 1.5, PDI 1, OUT 1, vi 1, VAL (1 × 2 + 1 × 3) / 2 = 2.5;
        // bar 3: OUT is the window's low, so vi = 0 and VAL stays 2.5.
        #expect(Self.same(Self.run(RostKernel(speed: 2), [1, 2, 3, 2]), [1, 2, 2.5, 2.5]))
        // An na input resets: the next bar starts over as bar 0.
        #expect(Self.same(Self.run(RostKernel(speed: 2), [1, 2, .nan, 5, 6]), [1, 2, .nan, 5, 6]))
    }

    @Test func waveBetterRulesByHand() {
        let wave: [Double] = [-1, 1, 2, 1.5, -1, -2, -1.5, -1.7]
        let fast: [Double] = [0, 0.5, 1, 2, 0, -1, -1.8, -1.6]
        // Up-cross above the fast line: buy; new high: buy; below the fast line: nothing;
        // down-cross: sell; new low: sell; then no new low: nothing.
        #expect(Self.run(WaveBetterKernel(rule: .betterTrend), wave, fast) == [0, 1, 1, 0, 2, 2, 0, 0])
        // BetterFast fills the gaps: sell above 0 under the fast line, buy below 0 over it, and
        // the opposite colour when a sell leg makes no new low.
        #expect(Self.run(WaveBetterKernel(rule: .betterFast), wave, fast) == [0, 1, 1, 2, 2, 2, 1, 1])
    }
}
