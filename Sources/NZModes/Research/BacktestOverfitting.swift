import NZRuntime
import Foundation
import NZEval

/// The probability of backtest overfitting by combinatorially symmetric cross-validation
/// (Bailey, Borwein, López de Prado and Zhu, "The Probability of Backtest Overfitting", 2015).
///
/// The bars are cut into S = 16 blocks. For each of the C(16, 8) = 12,870 ways to choose half
/// the blocks as in-sample (the rest out-of-sample): the trial with the best in-sample Sharpe
/// ratio n* is found; ω = its out-of-sample rank among the N trials / (N + 1) (rank 1 the
/// worst; ties share the mean rank); λ = ln(ω / (1 − ω)). PBO is the share of splits with
/// λ ≤ 0: how often the in-sample winner is no better than the median out of sample.
public enum BacktestOverfitting {
    public struct Result: Sendable {
        public let probability: Double
        /// The splits evaluated (12,870 for 16 blocks).
        public let splits: Int
        /// The median logit λ over the splits.
        public let medianLogit: Double
    }

    /// Nil with fewer than two trials or fewer than two returns per block.
    public static func compute(_ trials: [ReturnSummary], jobs: Int = 1) -> Result? {
        let blocks = ReturnSummary.blockCount
        guard trials.count >= 2, let first = trials.first, first.blockCounts.allSatisfy({ $0 >= 2 }),
              trials.allSatisfy({ $0.blockCounts == first.blockCounts }),
              // Trials that never move (no trade) have no Sharpe ratio to rank.
              trials.filter({ $0.blockSquares.contains { $0 > 0 } }).count >= 2 else { return nil }
        let splits = combinations(of: blocks / 2, from: blocks)
        let n = trials.count
        // Block-major columns (one value per trial), so each split's sums run over contiguous
        // memory; the sums are added in block order, as a trial's own loop would.
        let sums = (0..<blocks).map { block in trials.map { $0.blockSums[block] } }
        let squares = (0..<blocks).map { block in trials.map { $0.blockSquares[block] } }
        let totalSums = trials.map { $0.blockSums.reduce(0, +) }, totalSquares = trials.map { $0.blockSquares.reduce(0, +) }
        let totalCount = first.count
        // Splits in chunks so that each thread's share is large; λ per split, in split order.
        let chunk = 256
        let chunks = (splits.count + chunk - 1) / chunk
        let logits = ParallelWork.map(chunks, jobs: jobs) { part -> [Double] in
            var result: [Double] = []
            var inSum = [Double](repeating: 0, count: n), inSquares = [Double](repeating: 0, count: n)
            var inSample = [Double](repeating: 0, count: n), outOfSample = [Double](repeating: 0, count: n)
            for mask in splits[(part * chunk)..<min(splits.count, (part + 1) * chunk)] {
                var count = 0
                for index in 0..<n { inSum[index] = 0; inSquares[index] = 0 }
                for block in 0..<blocks where mask & (1 << block) != 0 {
                    count += first.blockCounts[block]
                    sums[block].withUnsafeBufferPointer { values in
                        for index in 0..<n { inSum[index] += values[index] }
                    }
                    squares[block].withUnsafeBufferPointer { values in
                        for index in 0..<n { inSquares[index] += values[index] }
                    }
                }
                for index in 0..<n {
                    inSample[index] = ReturnSummary.sharpe(count: count, sum: inSum[index], squares: inSquares[index])
                    outOfSample[index] = ReturnSummary.sharpe(count: totalCount - count, sum: totalSums[index] - inSum[index],
                                                              squares: totalSquares[index] - inSquares[index])
                }
                var best = 0
                for index in 1..<n where inSample[index] > inSample[best] { best = index }
                let chosen = outOfSample[best]
                var below = 0.0, ties = 0.0
                for value in outOfSample { if value < chosen { below += 1 } else if value == chosen { ties += 1 } }
                let rank = below + (ties + 1) / 2  // 1-based; ties (itself included) share the mean rank
                let omega = rank / Double(n + 1)
                result.append(log(omega / (1 - omega)))
            }
            return result
        }
        let all = logits.compactMap { $0 }.flatMap { $0 }
        guard !all.isEmpty else { return nil }
        let sorted = all.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return Result(probability: Double(all.filter { $0 <= 0 }.count) / Double(all.count), splits: all.count, medianLogit: median)
    }

    /// Every subset of `size` elements of 0..<`count`, as bit masks, in increasing order.
    static func combinations(of size: Int, from count: Int) -> [Int] {
        (0..<(1 << count)).filter { $0.nonzeroBitCount == size }
    }
}
