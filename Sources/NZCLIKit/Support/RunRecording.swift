import Foundation
import NZData
import NZEngine
import NZEval

/// Turns a finished run into the store's record (`nzs run --save`): content hashes of the
/// script and data, params, settings and metrics as JSON, trades, and the per-bar series.
enum RunRecording {
    static func record(_ result: BacktestResult, setup: StrategySetup, frame: Frame, mode: String, scriptPath: String,
                       scriptText: String, dataPath: String, dataBytes: [UInt8]) -> StoredRun {
        let params = zip(setup.program.ir.params, setup.params).filter { !$0.0.isInstrument || $0.0.name == "point" }
            .map { "\(Formatting.jsonString($0.0.name)): \(Formatting.jsonNumber($0.1))" }
        let m = result.metrics
        let trades = result.trades.map(stored)
        return StoredRun(createdAt: Int64(Date().timeIntervalSince1970 * 1000), strategy: setup.program.ir.strategyName ?? scriptPath,
                         scriptPath: scriptPath, scriptHash: ContentHash.fnv1a(Array(scriptText.utf8)), dataPath: dataPath,
                         dataHash: ContentHash.fnv1a(dataBytes), mode: mode, paramsJSON: "{" + params.joined(separator: ", ") + "}",
                         settingsJSON: settingsJSON(setup.settings), metricsJSON: RunReport.metricsJSON(m),
                         finalEquity: m.finalEquity, totalReturn: m.totalReturn, sharpe: m.sharpe ?? .nan, maxDrawdown: m.maxDrawdown,
                         trades: trades, times: frame.time, equity: result.equity, close: frame.close)
    }

    /// A closed trade as the store keeps it.
    static func stored(_ trade: Trade) -> StoredTrade {
        StoredTrade(side: trade.side.rawValue, entryTime: trade.entryTime, entryPrice: trade.entryPrice, exitTime: trade.exitTime,
                    exitPrice: trade.exitPrice, quantity: trade.quantity, pnl: trade.pnl, fees: trade.fees, funding: trade.funding,
                    exitReason: trade.exitReason, ambiguous: trade.isAmbiguous)
    }

    /// The engine settings as one JSON object (docs/cli.md#nzs-runs).
    static func settingsJSON(_ settings: EngineSettings) -> String {
        let instrument = settings.instrument
        let fields: [(String, String)] = [
            ("cash", Formatting.jsonNumber(settings.cash)), ("fee", Formatting.jsonNumber(settings.fee)),
            ("fee_fixed", Formatting.jsonNumber(settings.feeFixed)), ("slippage", Formatting.jsonNumber(settings.slippage)),
            ("slippage_ticks", Formatting.jsonNumber(settings.slippageTicks)), ("funding", Formatting.jsonNumber(settings.funding)),
            ("sizing", Formatting.jsonString(describe(settings.sizing))), ("pyramiding", "\(settings.pyramiding)"),
            ("fill", Formatting.jsonString(settings.fill.rawValue)), ("tick_size", Formatting.jsonNumber(instrument.tickSize)),
            ("lot_step", Formatting.jsonNumber(instrument.lotStep)), ("min_qty", Formatting.jsonNumber(instrument.minQty)),
            ("leverage", Formatting.jsonNumber(instrument.leverage)),
            ("maintenance_margin", Formatting.jsonNumber(instrument.maintenanceMargin)),
            ("periods_per_year", Formatting.jsonNumber(settings.periodsPerYear)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func describe(_ sizing: Sizing) -> String {
        let number = Formatting.number
        switch sizing {
        case .fixed(let quantity): return "fixed(\(number(quantity)))"
        case .cash(let amount): return "cash(\(number(amount)))"
        case .percentOfEquity(let fraction): return "percent_of_equity(\(number(fraction)))"
        case .allIn(let whole): return "all_in(whole_units: \(whole))"
        case .riskPercent(let fraction): return "risk_percent(\(number(fraction)))"
        case .kelly(let fraction, let trades): return "kelly(\(number(fraction)), trades: \(trades))"
        case .volTarget(let vol, let lookback): return "vol_target(\(number(vol)), lookback: \(lookback))"
        }
    }
}
