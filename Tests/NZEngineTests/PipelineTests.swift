import Foundation
import NZCLIKit
import NZEngine
import NZEval
@testable import NZModes
import Testing

/// A pipelined backtest (evaluation and the metrics' curve pass on a second thread, the broker on
/// this one) gives the serial run's trades, equity and metrics bit for bit, on bars long enough
/// for several blocks.
@Suite struct PipelineTests {
    /// `count` hourly bars of a seeded random walk (the same bars on every run).
    static func walk(_ count: Int, seed: UInt64 = 7) -> Frame {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var time: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        var price = 100.0
        for index in 0..<count {
            let start = price
            price *= 1 + (uniform() - 0.5) * 0.02
            time.append(1_577_836_800_000 + Int64(index) * 3_600_000)
            open.append(start)
            high.append(max(start, price) * (1 + uniform() * 0.004))
            low.append(min(start, price) * (1 - uniform() * 0.004))
            close.append(price)
            volume.append(1_000 + uniform() * 500)
        }
        return Frame(time: time, open: open, high: high, low: low, close: close, volume: volume)
    }

    static func csv(_ frame: Frame) -> String {
        var text = "time,open,high,low,close,volume\n"
        for index in 0..<frame.count {
            text += "\(frame.time[index]),\(frame.open[index]),\(frame.high[index]),\(frame.low[index]),\(frame.close[index]),\(frame.volume[index])\n"
        }
        return text
    }

    @Test func pipelinedEqualsSerial() throws {
        let program = try ResearchTests.program(ResearchTests.smaCross)
        let frame = Self.walk(3 * program.blockSize + 123)
        let params = program.ir.defaultParams
        guard case .success(let plan) = StrategyPlan.make(program.ir, params: params) else {
            Issue.record("no plan")
            return
        }
        var settings = plan.settings
        settings.returnProfileBlocks = 16  // the return profile is summed in the curve pass too
        for bars in [nil, 5_000..<frame.count, (program.blockSize + 7)..<(2 * program.blockSize + 9)] as [Range<Int>?] {
            let serial = Backtest.stream(program, frame: frame, params: params, plan: plan, settings: settings, bars: bars)
            var timing = Backtest.StreamTiming()
            let pipelined = Backtest.stream(program, frame: frame, params: params, plan: plan, settings: settings, bars: bars,
                                            pipelined: true, timing: &timing)
            #expect(serial.trades.count > 20 && pipelined.trades == serial.trades, "bars \(String(describing: bars))")
            #expect(pipelined.equity.count == serial.equity.count
                    && zip(pipelined.equity, serial.equity).allSatisfy { $0.bitPattern == $1.bitPattern })
            // The metrics' curve pass, taken on the evaluating thread, gives the serial figures.
            #expect(pipelined.metrics.named.map { $0.value?.bitPattern } == serial.metrics.named.map { $0.value?.bitPattern })
            #expect(serial.returnProfile != nil && pipelined.returnProfile == serial.returnProfile)
            #expect(timing.evaluation > 0 && timing.simulation > 0)
        }
    }

    /// Every bundled strategy, through `nzs run` (pipelined) and the bar-by-bar paper replay, on
    /// bars that span several evaluation blocks.
    @Test func everyStrategyPipelinedEqualsPaper() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-pipeline-\(ProcessInfo.processInfo.processIdentifier).csv")
        try Self.csv(Self.walk(20_000)).write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        for script in PaperParityTests.strategies {
            let backtest = NZSEntryPoint.run(["run", script, "--data", path.path, "--json"], workingDirectory: PaperParityTests.root.path)
            let paper = NZSEntryPoint.run(["run", script, "--data", path.path, "--json", "--mode", "paper"],
                                          workingDirectory: PaperParityTests.root.path)
            #expect(backtest.status == 0 && paper.status == 0, "\(script): \(backtest.error)\(paper.error)")
            #expect(backtest.out == paper.out, "\(script): the pipelined backtest and the paper replay differ")
            #expect(backtest.out.contains("\"exit_time\""), "\(script) should trade on these bars")
        }
    }
}
