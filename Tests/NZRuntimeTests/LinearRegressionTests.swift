import NZRuntime
import Testing

/// LINEARREG's sliding sums (TA-Lib 0.8's arithmetic): exact on lines, and rebuilt from the
/// window when a huge value leaves it, so later bars equal a fresh computation.
@Suite struct LinearRegressionTests {
    @Test func exactOnALine() {
        let line = (0..<40).map { 2.5 * Double($0) + 1 }
        let slopes = BatchDriver.column(LinearRegressionKernel(length: 5, isSlope: true), line)
        let values = BatchDriver.column(LinearRegressionKernel(length: 5, isSlope: false), line)
        #expect(slopes.prefix(4).allSatisfy { $0.isNaN })
        #expect(slopes.dropFirst(4).allSatisfy { $0 == 2.5 })
        #expect(zip(values, line).dropFirst(4).allSatisfy { $0 == $1 })
    }

    @Test func aSpikeLeavingTheWindowTriggersAFreshScan() {
        let input: [Double] = [1, 2, 3, 1e15, 4, 5.5, 6, 7.25, 8, 9.5]
        for isSlope in [true, false] {
            let sliding = BatchDriver.column(LinearRegressionKernel(length: 3, isSlope: isSlope), input)
            // Bars 7...9 have windows without the spike; a kernel started on them agrees bit for bit.
            for bar in 7...9 {
                let fresh = BatchDriver.column(LinearRegressionKernel(length: 3, isSlope: isSlope), Array(input[(bar - 2)...bar]))
                #expect(sliding[bar] == fresh[2], "bar \(bar), slope \(isSlope)")
            }
        }
    }

    @Test func periodicRebuildKeepsLongRunsAccurate() {
        // 32 × length bars after the first window, the sums are rebuilt: a long series of a
        // line with noise stays within a few ulps of the exact slope.
        var input: [Double] = []
        for t in 0..<5000 { input.append(1.1 + 1e-5 * Double(t) + (t % 7 == 0 ? 1e-4 : 0)) }
        let slopes = BatchDriver.column(LinearRegressionKernel(length: 14, isSlope: true), input)
        let fresh = BatchDriver.column(LinearRegressionKernel(length: 14, isSlope: true), Array(input[4986...]))
        #expect(abs(slopes[4999] - fresh[13]) < 1e-12)
    }
}
