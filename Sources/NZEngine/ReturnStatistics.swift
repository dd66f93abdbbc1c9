import Foundation

/// The statistics of an equity curve (one value per bar, at the close): per-bar returns
/// r = e[i] / e[i−1] − 1 (bars whose previous equity is 0 are skipped), their mean, sample
/// standard deviation and downside deviation, historical VaR and CVaR, and the drawdown
/// profile. Formulas: docs/conventions.md#metrics.
struct ReturnStatistics {
    var returns: [Double] = []
    var mean: Double?
    /// Sample standard deviation (n − 1).
    var deviation: Double?
    /// √(Σ min(r, 0)² / n): the deviation of returns below 0.
    var downsideDeviation: Double?
    var maxDrawdown = 0.0
    /// The longest run of bars from a peak until equity is back at it (or the data ends).
    var maxDrawdownBars = 0
    /// Bars with equity below its running peak.
    var barsUnderWater = 0
    /// The per-block sums of the returns, when asked for.
    var profile: ReturnProfile?

    /// The negative returns in time order (what VaR selects among), gathered with the variance.
    var negatives: [Double] = []

    /// `profileBlocks` above 0 also sums the returns per block (`ReturnProfile`).
    init(equity: [Double], profileBlocks: Int = 0) {
        let hasZero = equity.withUnsafeBufferPointer { e in measureDrawdowns(e) }
        returns = Self.returns(equity, skippingZeros: hasZero)
        if profileBlocks > 0 {
            // The profile counts a return after a zero equity as 0; it is built from the curve
            // itself only in that rare case.
            profile = hasZero ? Self.profile(equity: equity, blocks: profileBlocks) : Self.profile(returns: returns, blocks: profileBlocks)
        }
        guard !returns.isEmpty else { return }
        let count = Double(returns.count)
        let (sums, downside) = returns.withUnsafeBufferPointer { r in
            (Self.laneSums(r) { $0 }, Self.laneSums(r) { min($0, 0) * min($0, 0) })
        }
        let average = sums / count
        mean = average
        downsideDeviation = (downside / count).squareRoot()
        // One more pass: the squared deviations, and the negative returns kept for VaR.
        var squares = 0.0, kept = 0
        negatives = [Double](unsafeUninitializedCapacity: returns.count) { buffer, initialized in
            returns.withUnsafeBufferPointer { r in
                squares = Self.laneSums(r) { (r: Double) -> Double in (r - average) * (r - average) }
                // Branch-free compaction: the sign of a return is as good as random.
                for value in r {
                    buffer[kept] = value
                    kept += value < 0 ? 1 : 0
                }
            }
            initialized = kept
        }
        guard returns.count >= 2 else { return }
        deviation = (squares / (count - 1)).squareRoot()
    }

    /// The drawdown figures of the curve. The drawdown from a peak is largest at the lowest
    /// equity before the next peak, so (peak − lowest) / peak is divided out once per peak.
    /// Returns whether some equity is 0.
    private mutating func measureDrawdowns(_ e: UnsafeBufferPointer<Double>) -> Bool {
        var hasZero = false
        var peak = -Double.infinity, lowest = Double.infinity
        var peakBar = 0, underWater = 0, longest = 0
        var deepest = 0.0
        for index in e.indices {
            let value = e[index]
            if value >= peak {
                if peak > 0, lowest < peak { deepest = max(deepest, (peak - lowest) / peak) }
                peak = value
                peakBar = index
                lowest = .infinity
            } else {
                underWater &+= 1
                lowest = min(lowest, value)
                longest = max(longest, index &- peakBar)
            }
            hasZero = hasZero || value == 0
        }
        if peak > 0, lowest < peak { deepest = max(deepest, (peak - lowest) / peak) }
        maxDrawdown = deepest
        barsUnderWater = underWater
        maxDrawdownBars = longest
        return hasZero
    }

    /// r = e[i] / e[i−1] − 1, skipping bars whose previous equity is 0 (0 on flat bars without
    /// a division; the loop has no dependency from bar to bar, so it vectorizes).
    private static func returns(_ equity: [Double], skippingZeros: Bool) -> [Double] {
        guard equity.count >= 2 else { return [] }
        if skippingZeros {
            return zip(equity, equity.dropFirst()).compactMap { previous, value in
                previous != 0 ? (value == previous ? 0 : value / previous - 1) : nil
            }
        }
        return [Double](unsafeUninitializedCapacity: equity.count - 1) { buffer, initialized in
            equity.withUnsafeBufferPointer { e in
                for index in 1..<e.count {
                    let previous = e[index - 1], value = e[index]
                    buffer[index - 1] = value == previous ? 0 : value / previous - 1
                }
            }
            initialized = equity.count - 1
        }
    }

    /// Σ f(r) accumulated in four interleaved partial sums (return i into sum i mod 4), added
    /// as (s0 + s1) + (s2 + s3): four independent chains of additions instead of one, and a
    /// fixed order, so the result is the same on every run (docs/conventions.md#metrics).
    @inline(__always)
    static func laneSums(_ values: UnsafeBufferPointer<Double>, _ f: (Double) -> Double) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var index = 0
        let count = values.count
        while index + 4 <= count {
            s0 += f(values[index])
            s1 += f(values[index + 1])
            s2 += f(values[index + 2])
            s3 += f(values[index + 3])
            index += 4
        }
        if index < count { s0 += f(values[index]) }
        if index + 1 < count { s1 += f(values[index + 1]) }
        if index + 2 < count { s2 += f(values[index + 2]) }
        return (s0 + s1) + (s2 + s3)
    }

    /// The per-block sums of the returns (position i in block ⌊i · blocks / n⌋), each block
    /// summed in order; zero returns add nothing and are skipped.
    private static func profile(returns: [Double], blocks: Int) -> ReturnProfile {
        let n = returns.count
        var counts = [Int](repeating: 0, count: blocks), sums = [Double](repeating: 0, count: blocks)
        var squares = [Double](repeating: 0, count: blocks)
        var cubes = 0.0, fourths = 0.0
        returns.withUnsafeBufferPointer { r in
            for block in 0..<blocks {
                let range = (block * n + blocks - 1) / blocks..<((block + 1) * n + blocks - 1) / blocks
                var sum = 0.0, square = 0.0
                for index in range where r[index] != 0 {
                    let value = r[index], value2 = value * value
                    sum += value
                    square += value2
                    cubes += value2 * value
                    fourths += value2 * value2
                }
                counts[block] = range.count
                sums[block] = sum
                squares[block] = square
            }
        }
        return ReturnProfile(count: n, blockCounts: counts, blockSums: sums, blockSquares: squares, cubes: cubes, fourths: fourths)
    }

    /// The same from the curve, a return after a zero equity counted as 0.
    private static func profile(equity: [Double], blocks: Int) -> ReturnProfile {
        profile(returns: zip(equity, equity.dropFirst()).map { $0 != 0 && $1 != $0 ? $1 / $0 - 1 : 0 }, blocks: blocks)
    }

    /// Historical value at risk and conditional value at risk at each level (0.95, 0.99): with
    /// q the (1 − level) quantile of the returns (linear interpolation between order
    /// statistics, numpy's default), VaR = −q and CVaR = −mean(r ≤ q), the tail summed in time
    /// order; both positive for losses. NaN returns are left out.
    /// - Complexity: O(n) per level (selection, not a sort).
    func valueAtRisk(_ levels: [Double]) -> [(var: Double, cvar: Double)?] {
        // A NaN return makes the mean NaN: only then is there anything to filter.
        let values = mean?.isNaN == true ? returns.filter { !$0.isNaN } : returns
        let total = values.count
        guard total > 0 else { return levels.map { _ in nil } }
        // The quantiles sit in the lower tail: when every order statistic they need is among the
        // negative returns, only those take part in the selections (often a quarter of all,
        // the rest being flat bars and gains), which makes them several times cheaper.
        let needed = levels.map { Int((Double(total - 1) * (1 - $0)).rounded(.down)) + 1 }.max() ?? 0
        // Every order statistic needed, and so every tail value, is in `pool` (NaN is never
        // negative, so `negatives` holds no NaN).
        let pool = negatives.count > needed ? negatives : values
        var candidates = pool
        // Largest level first: the smaller quantiles then lie in the prefix it leaves below the
        // selected position, so each later selection works on that prefix only.
        var quantiles = [Double](repeating: .nan, count: levels.count)
        var limit = candidates.count
        for index in levels.indices.sorted(by: { levels[$0] < levels[$1] }) {
            let position = Double(total - 1) * (1 - levels[index])
            let lower = min(Int(position.rounded(.down)), limit - 1)
            let low = OrderStatistic.select(&candidates, lower, below: limit)
            // The next order statistic is the smallest value after `lower` (below `limit`, or
            // beyond it when `lower` is its last position: those are at least `low`).
            var high = low
            if lower + 1 < candidates.count {
                high = .infinity
                for value in candidates[(lower + 1)..<(lower + 1 < limit ? limit : candidates.count)] where value < high { high = value }
            }
            quantiles[index] = low + (position - Double(lower)) * (high - low)
            limit = lower + 1
        }
        // Each tail, summed in time order (the pool holds all of it, in time order).
        return quantiles.map { quantile in
            var sum = 0.0, count = 0
            pool.withUnsafeBufferPointer { buffer in
                for value in buffer {
                    let inTail = value <= quantile
                    sum += inTail ? value : 0
                    count += inTail ? 1 : 0
                }
            }
            return (-quantile, -(sum / Double(max(count, 1))))
        }
    }
}

/// The k-th smallest value of an array (0-based), by Floyd and Rivest's SELECT ("Algorithm
/// 489", CACM 18(3), 1975): a recursive selection on a sample brackets the k-th value closely,
/// so the partitions that follow touch little more than n elements in all. The array is
/// reordered so that every value before k is at most the result and every value after it at
/// least it. Values must not be NaN.
enum OrderStatistic {
    /// - Complexity: O(n) expected, n + min(k, n − k) + o(n) comparisons.
    /// Only `values[..<below]` takes part (default: all of them).
    static func select(_ values: inout [Double], _ k: Int, below: Int? = nil) -> Double {
        let end = below ?? values.count
        return values.withUnsafeMutableBufferPointer { buffer in
            select(buffer, left: 0, right: end - 1, k)
            return buffer[k]
        }
    }

    private static func select(_ a: UnsafeMutableBufferPointer<Double>, left: Int, right: Int, _ k: Int) {
        var left = left, right = right
        while right > left {
            if right - left > 600 {
                // Select within a sample of the range first: its bounds bracket the k-th value.
                let n = Double(right - left + 1), i = Double(k - left + 1)
                let z = Foundation.log(n), s = 0.5 * Foundation.exp(2 * z / 3)
                let spread = 0.5 * (z * s * (n - s) / n).squareRoot() * (i < n / 2 ? -1 : 1)
                select(a, left: max(left, Int(Double(k) - i * s / n + spread)), right: min(right, Int(Double(k) + (n - i) * s / n + spread)), k)
            }
            let pivot = a[k]
            var i = left, j = right
            a.swapAt(left, k)
            if a[right] > pivot { a.swapAt(right, left) }
            while i < j {
                a.swapAt(i, j)
                i += 1
                j -= 1
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
            }
            if a[left] == pivot {
                a.swapAt(left, j)
            } else {
                j += 1
                a.swapAt(j, right)
            }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }
}
