/// One simulated equity path of a Monte Carlo study, summarized as it is generated: final
/// return, maximum drawdown, Sharpe ratio, the lowest equity relative to the start (for the
/// probability of ruin), and the equity at a fixed set of checkpoints (for the fan chart).
public struct PathSummary: Sendable {
    public let finalReturn: Double
    public let maxDrawdown: Double
    /// Mean over standard deviation of the path's step returns, times √(steps per year); NaN
    /// when the returns do not vary.
    public let sharpe: Double
    /// min(equity) / starting equity.
    public let lowest: Double
    /// Equity / starting equity at each checkpoint.
    public let checkpoints: [Double]
}

/// Accumulates a path step by step (no array of the whole path is kept).
struct PathAccumulator {
    private let start: Double
    private var equity: Double
    private var peak: Double
    private var lowest: Double
    private var maxDrawdown = 0.0
    private var sum = 0.0, squares = 0.0, count = 0
    private let checkpointSteps: [Int]
    private var checkpoints: [Double] = []
    private var step = 0

    /// `checkpointSteps`: the step numbers (0 = the start) whose equity is recorded, ascending.
    init(start: Double, checkpointSteps: [Int]) {
        self.start = start
        equity = start
        peak = start
        lowest = start
        self.checkpointSteps = checkpointSteps
        checkpoints.reserveCapacity(checkpointSteps.count)
        record()
    }

    /// The next step, by its return.
    mutating func add(return r: Double) {
        equity *= 1 + r
        sum += r
        squares += r * r
        count += 1
        step += 1
        if equity > peak { peak = equity } else if peak > 0 { maxDrawdown = max(maxDrawdown, (peak - equity) / peak) }
        lowest = min(lowest, equity)
        record()
    }

    /// The next step, by the equity it reached.
    mutating func add(equity next: Double) {
        add(return: equity != 0 ? next / equity - 1 : 0)
        equity = next
    }

    private mutating func record() {
        while checkpoints.count < checkpointSteps.count, checkpointSteps[checkpoints.count] == step {
            checkpoints.append(start != 0 ? equity / start : .nan)
        }
    }

    func summary(stepsPerYear: Double) -> PathSummary {
        let n = Double(count)
        let mean = count > 0 ? sum / n : 0
        let variance = count > 1 ? (squares - sum * mean) / (n - 1) : 0
        let sharpe = variance > 0 ? mean / variance.squareRoot() * stepsPerYear.squareRoot() : .nan
        var points = checkpoints
        while points.count < checkpointSteps.count { points.append(points.last ?? 1) }
        return PathSummary(finalReturn: start != 0 ? equity / start - 1 : .nan, maxDrawdown: maxDrawdown, sharpe: sharpe,
                           lowest: start != 0 ? lowest / start : .nan, checkpoints: points)
    }

    /// Up to `limit` evenly spaced steps from 0 to `steps`, both included.
    static func checkpointSteps(steps: Int, limit: Int = 200) -> [Int] {
        guard steps > 0 else { return [0] }
        let count = min(steps + 1, limit)
        var result = (0..<count).map { Int((Double($0) * Double(steps) / Double(count - 1)).rounded()) }
        result = Array(Set(result)).sorted()
        return result
    }
}

/// Percentiles by linear interpolation between order statistics (numpy's default).
public enum Percentiles {
    public static let levels: [Double] = [5, 25, 50, 75, 95]

    /// The values at `levels` (percent) of `values` (NaN values left out); NaN when none is left.
    public static func of(_ values: [Double], levels: [Double] = levels) -> [Double] {
        let sorted = values.filter { !$0.isNaN }.sorted()
        return levels.map { quantile(sorted, $0 / 100) }
    }

    /// The q-quantile of already sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Double(sorted.count - 1) * q
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Historical VaR and CVaR of `values` (returns) at `level` (0.95): VaR = −q with q the
    /// (1 − level) quantile, CVaR = −mean(values ≤ q); both positive for losses.
    public static func valueAtRisk(_ values: [Double], level: Double) -> (var: Double, cvar: Double)? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        let q = quantile(sorted, 1 - level)
        let tail = sorted.prefix { $0 <= q }
        return (-q, -(tail.reduce(0, +) / Double(max(tail.count, 1))))
    }
}
