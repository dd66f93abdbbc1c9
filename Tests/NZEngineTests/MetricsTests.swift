@testable import NZEngine
import Testing

/// Every metric on a curve and trades small enough to work out by hand.
@Suite struct MetricsTests {
    static func trade(_ pnl: Double, quantity: Double = 1, entry: Double = 10, exit: Double = 12, fees: Double = 0.5) -> Trade {
        Trade(side: .long, entryTime: 0, entryPrice: entry, exitTime: 1, exitPrice: exit, quantity: quantity, pnl: pnl,
              fees: fees, funding: 0, exitReason: "signal", bestCasePnL: nil)
    }

    @Test func byHand() throws {
        // Equity 100 → 110 → 99 → 121 → 121: returns 0.1, −0.1, 2/9, 0.
        let equity: [Double] = [100, 110, 99, 121, 121]
        let trades = [Self.trade(30), Self.trade(-10), Self.trade(20, quantity: 2, entry: 5, exit: 6)]
        let m = Metrics.compute(trades: trades, open: nil, equity: equity, cash: 100, periodsPerYear: 4, barsInMarket: 3)
        let returns: [Double] = [110.0 / 100 - 1, 99.0 / 110 - 1, 121.0 / 99 - 1, 0]
        let mean = returns.reduce(0, +) / 4
        let sd = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        #expect(abs(m.totalReturn - 0.21) < 1e-12)
        #expect(abs(try #require(m.cagr) - (pow121(4.0 / 5.0) - 1)) < 1e-12)          // 1.21^(P/bars) − 1
        #expect(abs(try #require(m.sharpe) - mean / sd * 2) < 1e-12)                     // √P = 2
        #expect(abs(try #require(m.volatility) - sd * 2) < 1e-12)
        let downside = (returns[1] * returns[1] / 4).squareRoot()                        // dd = √(0.1² / 4)
        #expect(abs(try #require(m.sortino) - mean / downside * 2) < 1e-12)
        #expect(abs(m.maxDrawdown - 0.1) < 1e-12)                                       // 110 → 99
        #expect(m.maxDrawdownBars == 1)                                                 // back above 110 on the next bar
        #expect(abs(try #require(m.timeUnderWater) - 0.2) < 1e-12)                      // one bar of five
        let calmar: Double = (pow121(0.8) - 1) / 0.1
        #expect(abs(try #require(m.calmar) - calmar) < 1e-12)
        #expect(try #require(m.expectancy) == 40.0 / 3)
        #expect(m.averageWin == 25)
        #expect(m.averageLoss == -10)
        #expect(m.payoffRatio == 2.5)
        let kelly: Double = 2.0 / 3 - (1.0 / 3) / 2.5
        #expect(abs(try #require(m.kelly) - kelly) < 1e-12)
        let pnl = [30.0, -10, 20], average = 40.0 / 3
        let pnlSD = (pnl.map { ($0 - average) * ($0 - average) }.reduce(0, +) / 2).squareRoot()
        let sqn: Double = 3.0.squareRoot() * average / pnlSD
        #expect(abs(try #require(m.sqn) - sqn) < 1e-12)
        #expect(try #require(m.exposure) == 0.6)
        let turnover: Double = (22.0 + 22.0 + 2.0 * 11.0) / 100                        // Σ q × (entry + exit) / cash
        #expect(m.turnover == turnover)
        #expect(m.fees == 1.5)
        // VaR 95%: position (4 − 1) × 0.05 = 0.15 between the two lowest returns −0.1 and 0.
        let low = returns[1]
        let var95: Double = -(low + 0.15 * (0 - low))
        #expect(abs(try #require(m.var95) - var95) < 1e-12)
        #expect(abs(try #require(m.cvar95) - -low) < 1e-12)                             // mean of r ≤ q: only the −0.1
    }

    @Test func undefinedWithoutData() {
        let m = Metrics.compute(trades: [], open: nil, equity: [], cash: 100, periodsPerYear: 252, barsInMarket: 0)
        #expect(m.cagr == nil && m.sharpe == nil && m.sortino == nil)
        #expect(m.exposure == nil && m.var95 == nil)
        #expect(m.expectancy == nil && m.kelly == nil && m.sqn == nil)
        #expect(m.trades == 0 && m.fees == 0)
    }

    func pow121(_ exponent: Double) -> Double { exp(log(1.21) * exponent) }

    @Test func selectionAgreesWithSorting() {
        // A deterministic sequence with many ties (values modulo 97) and a sorted run.
        var state: UInt64 = 12345
        var values: [Double] = (0..<5000).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % 97) - 48
        }
        values += (0..<300).map(Double.init)
        let sorted = values.sorted()
        for k in [0, 1, 49, 262, 2650, 5299] {
            var scratch = values
            #expect(OrderStatistic.select(&scratch, k) == sorted[k], "k = \(k)")
        }
    }

    /// VaR and CVaR by sorting every return (numpy's linear interpolation; the tail summed in
    /// time order), against the engine's selections over the negative returns, padded with
    /// zeros or not, on curves that are mostly flat, mostly falling and mostly rising.
    @Test func valueAtRiskAgreesWithSorting() throws {
        var state: UInt64 = 987654321
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for (flat, down) in [(0.97, 0.5), (0.9, 0.3), (0.0, 0.9), (0.0, 0.02), (0.5, 0.01)] {
            var equity = [1000.0]
            for _ in 0..<4000 {
                let last = equity[equity.count - 1]
                let draw = uniform()
                if draw < flat { equity.append(last); continue }
                let size = 0.001 + 0.02 * uniform()
                equity.append(last * (uniform() < down ? 1 - size : 1 + size))
            }
            let returns = zip(equity, equity.dropFirst()).map { $1 == $0 ? 0 : $1 / $0 - 1 }
            let sorted = returns.sorted()
            let m = Metrics.compute(trades: [], open: nil, equity: equity, cash: 1000, periodsPerYear: 365, barsInMarket: 0)
            for (level, value, tail) in [(0.95, m.var95, m.cvar95), (0.99, m.var99, m.cvar99)] {
                let position = Double(sorted.count - 1) * (1 - level)
                let lower = Int(position.rounded(.down))
                let q = sorted[lower] + (position - Double(lower)) * (sorted[lower + 1] - sorted[lower])
                let inTail = returns.filter { $0 <= q }
                let cvar = -(inTail.reduce(0, +) / Double(inTail.count))
                #expect(try #require(value) == -q, "flat \(flat), down \(down), level \(level)")
                #expect(try #require(tail) == cvar, "flat \(flat), down \(down), level \(level)")
            }
        }
    }

    /// The per-block return sums the research guards read, against sums written out here, on a
    /// curve with flat stretches and on one that hits 0 (returns after a zero equity count as 0).
    @Test func returnProfileAgreesWithPlainSums() throws {
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var rising = [1000.0]
        for step in 0..<3000 {
            let last = rising[rising.count - 1]
            rising.append(step % 300 < 120 ? last : last * (1 + 0.02 * (uniform() - 0.48)))
        }
        var ruined = Array(rising[0..<1500])
        ruined += [0, 0, 0]
        ruined += rising[1500..<2000]
        for equity in [rising, ruined] {
            let made = ReturnProfile.of(equity: equity, blocks: 16)
            let profile = try #require(made)
            let returns = zip(equity, equity.dropFirst()).map { $0 != 0 && $1 != $0 ? $1 / $0 - 1 : 0 }
            var sums = [Double](repeating: 0, count: 16), squares = sums, counts = [Int](repeating: 0, count: 16)
            var cubes = 0.0, fourths = 0.0
            for (index, r) in returns.enumerated() {
                let block = index * 16 / returns.count
                sums[block] += r
                squares[block] += r * r
                counts[block] += 1
                cubes += r * r * r
                fourths += r * r * (r * r)
            }
            #expect(profile.count == returns.count)
            #expect(profile.blockCounts == counts)
            #expect(profile.blockSums == sums)
            #expect(profile.blockSquares == squares)
            #expect(profile.cubes == cubes && profile.fourths == fourths)
        }
    }

    /// A NaN mark makes its two returns NaN: VaR and CVaR are then taken over the other returns.
    @Test func valueAtRiskLeavesNaNReturnsOut() throws {
        var equity = [1000.0]
        for step in 0..<400 { equity.append(equity[equity.count - 1] * (1 + 0.01 * sin(Double(step) * 1.7))) }
        equity[200] = .nan
        let returns = zip(equity, equity.dropFirst()).map { $1 == $0 ? 0 : $1 / $0 - 1 }.filter { !$0.isNaN }
        #expect(returns.count == equity.count - 3)
        let sorted = returns.sorted()
        let m = Metrics.compute(trades: [], open: nil, equity: equity, cash: 1000, periodsPerYear: 365, barsInMarket: 0)
        let position = Double(sorted.count - 1) * 0.05
        let lower = Int(position.rounded(.down))
        let q = sorted[lower] + (position - Double(lower)) * (sorted[lower + 1] - sorted[lower])
        let tail = returns.filter { $0 <= q }
        #expect(try #require(m.var95) == -q)
        #expect(try #require(m.cvar95) == -(tail.reduce(0, +) / Double(tail.count)))
    }
}

import Foundation
