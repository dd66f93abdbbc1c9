import NZRuntime
import Foundation

/// Bayesian search over the grid by a tree-structured Parzen estimator (Bergstra, Bardenet,
/// Bengio and Kégl, "Algorithms for Hyper-Parameter Optimization", 2011).
///
/// The trials so far are split into the best quarter (by objective; na counts as worst) and
/// the rest. For each param, two densities over its values are built: l from the good trials
/// and g from the rest, each a mixture of a uniform prior (weight 1) and a Gaussian kernel on
/// the value's index around every trial (bandwidth max(1, values/10) indices). Candidates are
/// drawn from l, and the one with the largest Σ log l − log g that is valid and new is proposed.
/// Params are treated as independent, as in the original TPE.
struct TreeParzenEstimator {
    let space: ParamSpace
    /// The share of trials counted as good.
    static let goodShare = 0.25
    /// Candidates drawn per proposal.
    static let candidates = 24

    /// `count` proposals from the history (each point with its objective).
    func propose(_ count: Int, history: [(choice: [Int], objective: Double)], sampler: inout GridSampler,
                 using generator: inout SeededGenerator) -> [[Int]] {
        let ranked = history.enumerated().sorted { a, b in
            Objective.isBetter(a.element.objective, than: b.element.objective)
                || (!Objective.isBetter(b.element.objective, than: a.element.objective) && a.offset < b.offset)
        }.map(\.element.choice)
        let goodCount = max(1, Int((Double(ranked.count) * Self.goodShare).rounded(.up)))
        let good = Array(ranked.prefix(goodCount)), bad = Array(ranked.dropFirst(goodCount))
        let densities = space.dimensions.indices.map { dimension in
            (good: density(dimension, good), bad: density(dimension, bad))
        }
        var proposals: [[Int]] = []
        for _ in 0..<count {
            var best: (choice: [Int], score: Double)?
            for _ in 0..<Self.candidates {
                let choice = densities.map { Self.sample($0.good, using: &generator) }
                guard !sampler.seen.contains(choice) else { continue }
                var score = 0.0
                for (index, value) in choice.enumerated() { score += log(densities[index].good[value]) - log(densities[index].bad[value]) }
                if best.map({ score > $0.score }) ?? true { best = (choice, score) }
            }
            if let best, sampler.accept(best.choice) {
                proposals.append(best.choice)
            } else {
                proposals += sampler.draw(1, using: &generator)
            }
        }
        return proposals
    }

    /// The probability of each value index of one param under a Parzen estimator of `points`.
    private func density(_ dimension: Int, _ points: [[Int]]) -> [Double] {
        let count = space.dimensions[dimension].values.count
        let bandwidth = max(1, Double(count) / 10)
        var weights = [Double](repeating: 1 / Double(count), count: count)  // the prior, weight 1
        let reach = Int((4 * bandwidth).rounded(.up))
        for point in points {
            let center = point[dimension]
            let range = max(0, center - reach)...min(count - 1, center + reach)
            var kernel = range.map { index -> Double in
                let distance = Double(index - center) / bandwidth
                return exp(-0.5 * distance * distance)
            }
            let total = kernel.reduce(0, +)
            for offset in kernel.indices { kernel[offset] /= total }
            for (offset, index) in range.enumerated() { weights[index] += kernel[offset] }
        }
        let total = Double(points.count + 1)
        return weights.map { $0 / total }
    }

    /// A value index drawn from a discrete distribution.
    private static func sample(_ probabilities: [Double], using generator: inout SeededGenerator) -> Int {
        var target = generator.uniformUnit()
        for (index, probability) in probabilities.enumerated() {
            target -= probability
            if target < 0 { return index }
        }
        return probabilities.count - 1
    }
}
