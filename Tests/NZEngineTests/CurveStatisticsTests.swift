import Testing
@testable import NZEngine

/// The one-pass curve statistics (drawdowns taken with the returns, flat stretches as one step,
/// the deviation from pieces combined) against textbook definitions written out bar by bar.
@Suite struct CurveStatisticsTests {
    /// Curves with flat stretches at a new peak, below a peak and across sub-blocks, runs
    /// equal to the peak, and one that falls to 0.
    static func curves() -> [[Double]] {
        var state: UInt64 = 2026_12_05
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var curves: [[Double]] = []
        for (flatShare, drift) in [(0.0, 0.001), (0.6, 0.0), (0.9, -0.002), (0.3, 0.004)] {
            var equity = [1000.0]
            while equity.count < 20_000 {
                let last = equity[equity.count - 1]
                if uniform() < flatShare {
                    // A flat stretch of 1 to 300 bars (several whole 32-return sub-blocks).
                    equity += repeatElement(last, count: 1 + Int(uniform() * 300))
                } else {
                    for _ in 0..<(1 + Int(uniform() * 80)) {
                        equity.append(equity[equity.count - 1] * (1 + drift + 0.02 * (uniform() - 0.5)))
                    }
                }
            }
            curves.append(equity)
        }
        // Back exactly at the peak, then flat there; a new high only after a long stretch.
        curves.append([100, 110, 110, 105] + Array(repeating: 110, count: 100) + [120] + Array(repeating: 90, count: 70) + [130])
        var ruined = Array(curves[1][0..<5000])
        ruined += Array(repeating: 0, count: 40)
        ruined += curves[1][5000..<6000]
        curves.append(ruined)
        curves.append([1000])
        curves.append([])
        return curves
    }

    @Test func drawdownsAgreeWithTheDefinition() throws {
        for equity in Self.curves() {
            var peak = -Double.infinity, peakBar = 0, deepest = 0.0, underWater = 0, longest = 0
            for (index, value) in equity.enumerated() {
                if value >= peak {
                    (peak, peakBar) = (value, index)
                } else {
                    underWater += 1
                    longest = max(longest, index - peakBar)
                    if peak > 0 { deepest = max(deepest, (peak - value) / peak) }
                }
            }
            let m = Metrics.compute(trades: [], open: nil, equity: equity, cash: 1000, periodsPerYear: 252, barsInMarket: 0)
            #expect(m.maxDrawdown == deepest, "\(equity.count) bars")
            #expect(m.maxDrawdownBars == longest, "\(equity.count) bars")
            #expect(m.timeUnderWater == (equity.isEmpty ? nil : Double(underWater) / Double(equity.count)))
        }
    }

    @Test func deviationAgreesWithTwoPasses() throws {
        for equity in Self.curves() where !equity.contains(0) {
            let returns = zip(equity, equity.dropFirst()).map { $1 == $0 ? 0 : $1 / $0 - 1 }
            let statistics = ReturnStatistics(equity: equity)
            guard returns.count >= 2 else {
                #expect(statistics.deviation == nil)
                continue
            }
            // Compensated sums: a reference more exact than the statistics it checks.
            let mean = Self.compensatedSum(returns) / Double(returns.count)
            let squares = Self.compensatedSum(returns.map { ($0 - mean) * ($0 - mean) })
            let deviation = (squares / Double(returns.count - 1)).squareRoot()
            let value = try #require(statistics.deviation)
            #expect(abs(value - deviation) <= 1e-13 * deviation, "\(value) against \(deviation)")
            #expect(abs(try #require(statistics.mean) - mean) <= 1e-13 * abs(mean) + 1e-18)
        }
    }

    /// Kahan's compensated sum.
    static func compensatedSum(_ values: [Double]) -> Double {
        var sum = 0.0, lost = 0.0
        for value in values {
            let term = value - lost
            let next = sum + term
            lost = (next - sum) - term
            sum = next
        }
        return sum
    }

    /// A constant non-zero return has no spread: the combined pieces must not make one up.
    @Test func constantReturnsHaveNoSpread() throws {
        var equity = [1000.0]
        for _ in 0..<999 { equity.append(equity[equity.count - 1] * 2) }
        let statistics = ReturnStatistics(equity: equity)
        #expect(try #require(statistics.deviation) == 0)
    }
    /// The curve fed in pieces of any size (as a pipelined run feeds it, a block at a time)
    /// gives the whole curve's figures to the bit.
    @Test func piecesGiveTheWholeCurvesFigures() {
        var state: UInt64 = 12
        func piece() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return [1, 2, 31, 32, 33, 64, 100, 4097, 16384][Int(state >> 33) % 9]
        }
        for (number, equity) in Self.curves().enumerated() {
            let whole = ReturnStatistics(equity: equity, profileBlocks: 16)
            var accumulator = CurveAccumulator(expectedCount: equity.count, profileBlocks: 16)
            var start = 0
            while start < equity.count {
                let end = min(equity.count, start + piece())
                accumulator.add(Array(equity[start..<end]))
                start = end
            }
            let pieces = ReturnStatistics(equity: equity, accumulated: accumulator, profileBlocks: 16)
            func same(_ a: Double?, _ b: Double?) -> Bool { a?.bitPattern == b?.bitPattern }
            #expect(same(whole.mean, pieces.mean) && same(whole.deviation, pieces.deviation)
                    && same(whole.downsideDeviation, pieces.downsideDeviation), "curve \(number)")
            #expect(same(whole.maxDrawdown, pieces.maxDrawdown) && whole.maxDrawdownBars == pieces.maxDrawdownBars
                    && whole.barsUnderWater == pieces.barsUnderWater, "curve \(number)")
            #expect(whole.negatives.map(\.bitPattern) == pieces.negatives.map(\.bitPattern) && whole.zeros == pieces.zeros, "curve \(number)")
            #expect(whole.profile == pieces.profile, "curve \(number)")
        }
    }
}
