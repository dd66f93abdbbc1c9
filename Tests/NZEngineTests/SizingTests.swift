@testable import NZEngine
import Testing

/// The sizings and instrument rounding on inputs small enough to work out by hand
/// (docs/conventions.md#sizing, #instrument).
@Suite struct SizingTests {
    static func inputs(price: Double = 10, equity: Double = 1000, stop: Double? = nil, kelly: Double? = nil,
                       volatility: Double? = nil, leverage: Double = 1, fee: Double = 0) -> SizingInputs {
        SizingInputs(price: price, fee: fee, feeFixed: 0, equity: equity, freeMargin: equity, leverage: leverage,
                     stopDistance: stop, kellyShare: kelly, volatility: volatility)
    }

    @Test func riskPercentLosesTheFractionAtTheStop() {
        // 1% of 10,000 at risk over a stop 2 away: 50 units.
        #expect(Sizing.riskPercent(0.01).quantity(Self.inputs(price: 100, equity: 10_000, stop: 2)) == 50)
        // No stop distance (na): zero, which the broker rejects.
        #expect(Sizing.riskPercent(0.01).quantity(Self.inputs(price: 100, equity: 10_000)) == 0)
    }

    @Test func kellyShareFromTheTrailingTrades() throws {
        var statistics = SizingStatistics(.kelly(fraction: 0.5, trades: 4))
        for pnl in [10.0, -5, 10] { statistics.addTrade(pnl: pnl) }
        #expect(statistics.kellyShare == nil)                     // window not full yet
        // Until then the share is 1: half of 1,000 at 10 = 50 units.
        #expect(Sizing.kelly(fraction: 0.5, trades: 4).quantity(Self.inputs(kelly: statistics.kellyShare)) == 50)
        statistics.addTrade(pnl: -5)
        // W = 0.5, R = 10 / 5 = 2: K = 0.5 − 0.5 / 2 = 0.25; 1,000 × 0.5 × 0.25 / 10 = 12.5.
        let share = try #require(statistics.kellyShare)
        #expect(abs(share - 0.25) < 1e-15)
        #expect(Sizing.kelly(fraction: 0.5, trades: 4).quantity(Self.inputs(kelly: share)) == 12.5)
        // The window slides: the oldest win leaves, three losses and a win give K < 0: no entry.
        for pnl in [-5.0, -5] { statistics.addTrade(pnl: pnl) }
        let negative = try #require(statistics.kellyShare)       // W = 0.25, R = 2: 0.25 − 0.75 / 2
        #expect(abs(negative - -0.125) < 1e-15)
        #expect(Sizing.kelly(fraction: 0.5, trades: 4).quantity(Self.inputs(kelly: negative)) == nil)
    }

    @Test func volTargetScalesByRealizedVolatility() throws {
        var statistics = SizingStatistics(.volTarget(annualVol: 0.5, lookback: 3))
        for close in [100.0, 110, 99] { statistics.addClose(close) }
        #expect(statistics.volatility(periodsPerYear: 100) == nil)  // two returns of three
        statistics.addClose(108.9)
        // Returns 0.1, −0.1, 0.1: sample sd = √(0.08 / 3 / 2) = 0.11547; × √100 = 1.1547.
        let sigma = try #require(statistics.volatility(periodsPerYear: 100))
        let expected = (0.08 / 3 / 2).squareRoot() * 10
        #expect(abs(sigma - expected) < 1e-12)
        // Share 0.5 / 1.1547 of 1,000 at 10.
        let quantity = try #require(Sizing.volTarget(annualVol: 0.5, lookback: 3).quantity(Self.inputs(volatility: sigma)))
        #expect(abs(quantity - 1000 * (0.5 / expected) / 10) < 1e-9)
        // The share is capped at the leverage (1 here).
        let capped = Sizing.volTarget(annualVol: 5, lookback: 3).quantity(Self.inputs(volatility: sigma))
        #expect(capped == 100)
    }

    @Test func leverageDividesTheMarginPerUnit() {
        // all_in with 4x: 1,000 of margin at 10 per unit and a 0.1% fee: 1000 / (10/4 + 0.01).
        let quantity = Sizing.allIn(wholeUnits: false).quantity(Self.inputs(leverage: 4, fee: 0.001))
        #expect(quantity == 1000 / (2.5 + 0.01))
    }

    @Test func instrumentRounding() {
        var instrument = InstrumentSpec()
        instrument.lotStep = 0.1
        instrument.tickSize = 0.05
        #expect(instrument.roundQuantity(0.3) == 0.3)                // 0.3 / 0.1 is 2.9999999999999996
        #expect(instrument.roundQuantity(0.29) == 0.2)
        #expect(instrument.roundLevel(98.963) == 98.95)
        #expect(instrument.roundFill(100.01, buying: true) == 100.05)
        #expect(instrument.roundFill(100.01, buying: false) == 100)
        #expect(instrument.roundFill(98.85000000000001, buying: false) == 98.85)
    }

    @Test func fundingSettlementsEveryEightHours() {
        let hour: Int64 = 3_600_000
        #expect(Funding.settlements(after: 4 * hour, upTo: 8 * hour) == 1)       // 08:00 counts
        #expect(Funding.settlements(after: 8 * hour, upTo: 12 * hour) == 0)
        #expect(Funding.settlements(after: 0, upTo: 24 * hour) == 3)             // a daily bar: 08, 16, 24
        #expect(Funding.settlements(after: -4 * hour, upTo: 4 * hour) == 1)      // before 1970: 00:00
    }
}
