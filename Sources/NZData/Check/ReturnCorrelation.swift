/// The correlation matrix of close-to-close returns across several bar sets, for
/// `nzs data check A B ...`: returns are taken between consecutive times that every set has
/// (an inner join on time), so each pair is compared over the same intervals.
public enum ReturnCorrelation {
    /// Pearson correlations, `matrix[i][j]`, and the number of common returns; nil entries
    /// where a series has no variation or there are fewer than 3 common returns.
    public static func matrix(_ sets: [(times: [Int64?], close: [Double])]) -> (matrix: [[Double?]], returns: Int) {
        guard let first = sets.first else { return ([], 0) }
        var common = Set(first.times.compactMap { $0 })
        for set in sets.dropFirst() { common.formIntersection(set.times.compactMap { $0 }) }
        let times = common.sorted()
        let closes: [[Double]] = sets.map { set in
            var byTime: [Int64: Double] = [:]
            for (time, close) in zip(set.times, set.close) { if let time, byTime[time] == nil { byTime[time] = close } }
            return times.map { byTime[$0] ?? .nan }
        }
        let returns: [[Double]] = closes.map { values in
            zip(values, values.dropFirst()).map { $0 > 0 && $0.isFinite && $1.isFinite ? $1 / $0 - 1 : .nan }
        }
        let count = returns.first?.count ?? 0
        var matrix = [[Double?]](repeating: [Double?](repeating: nil, count: sets.count), count: sets.count)
        for i in sets.indices {
            for j in sets.indices where j >= i {
                let pairs = (0..<count).compactMap { k -> (Double, Double)? in
                    returns[i][k].isFinite && returns[j][k].isFinite ? (returns[i][k], returns[j][k]) : nil
                }
                let value = pearson(pairs)
                matrix[i][j] = value
                matrix[j][i] = value
            }
        }
        return (matrix, count)
    }

    static func pearson(_ pairs: [(Double, Double)]) -> Double? {
        guard pairs.count >= 3 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in pairs {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
