import NZEngine
import NZEval
import NZIR

/// Backtest against paper replay on the same bars: every trading output of the program
/// (rules, stops, sizing, costs) from the batch driver and from the streaming driver, bar by
/// bar, then the two broker runs' equity and trades. By construction they agree; `nzs parity`
/// shows the first place they do not, if any.
public enum Parity {
    /// Where the two runs first differ.
    public struct Difference: Sendable {
        /// The bar index and time.
        public let bar: Int
        public let time: Int64
        /// What differs: an output's name (`enter long`, `stop_loss`), `equity` or `trades`.
        public let what: String
        public let backtest: Double
        public let paper: Double
    }

    public struct Report: Sendable {
        public let bars: Int
        public let backtest: BacktestResult
        public let paper: BacktestResult
        /// The outputs compared per bar.
        public let outputs: [String]
        public let difference: Difference?
    }

    public static func compare(_ program: Program, frame: Frame, params: [Double], plan: StrategyPlan,
                               settings: EngineSettings) -> Report {
        let evaluation = program.evaluate(frame, params: params)
        let outputs = program.ir.outputs
        let columns = outputs.map { evaluation.column($0.value) }
        let stream = program.makeStream(params: params)
        var difference: Difference?
        for index in 0..<frame.count where difference == nil {
            stream.push(frame.bar(index))
            for (output, column) in zip(outputs, columns) {
                let batch = column[index], streamed = stream.value(output.value)
                if batch.bitPattern != streamed.bitPattern, !(batch.isNaN && streamed.isNaN) {
                    difference = Difference(bar: index, time: frame.time[index], what: output.name, backtest: batch, paper: streamed)
                    break
                }
            }
        }
        let backtest = Backtest.simulate(evaluation, frame: frame, plan: plan, settings: settings)
        let paper = PaperReplay.run(program, frame: frame, params: params, plan: plan, settings: settings)
        if difference == nil {
            for index in 0..<min(backtest.equity.count, paper.equity.count)
            where backtest.equity[index].bitPattern != paper.equity[index].bitPattern {
                difference = Difference(bar: index, time: frame.time[index], what: "equity", backtest: backtest.equity[index],
                                        paper: paper.equity[index])
                break
            }
        }
        if difference == nil, backtest.trades != paper.trades || backtest.openPosition != paper.openPosition {
            let first = zip(backtest.trades, paper.trades).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(backtest.trades.count, paper.trades.count)
            let time = first < backtest.trades.count ? backtest.trades[first].exitTime : (frame.time.last ?? 0)
            let bar = frame.time.firstIndex(of: time) ?? frame.count - 1
            difference = Difference(bar: bar, time: time, what: "trades", backtest: Double(backtest.trades.count),
                                    paper: Double(paper.trades.count))
        }
        return Report(bars: frame.count, backtest: backtest, paper: paper, outputs: outputs.map(\.name), difference: difference)
    }
}
