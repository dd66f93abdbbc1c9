import NZRuntime
/// How an optimizer chooses the params to try.
public enum SearchMethod: String, Sendable, CaseIterable {
    /// Every valid point of the grid, in grid order (the first param outermost).
    case grid
    /// `trials` distinct valid points drawn uniformly from the grid with the seed.
    case random
    /// Sequential model-based search: a tree-structured Parzen estimator (`TreeParzenEstimator`)
    /// proposes points likely to beat the best quarter seen so far, after random start-up trials.
    case bayes

    /// The default trial count of `random` and `bayes`.
    public static let defaultTrials = 100
    /// The largest grid `grid` enumerates; beyond it, use `random` or `bayes`.
    public static let maximumGrid = 1_000_000
}

/// The draws of the random and Bayesian searches: uniform grid points, distinct and valid.
struct GridSampler {
    let space: ParamSpace
    var seen: Set<[Int]> = []

    init(space: ParamSpace) { self.space = space }

    /// Up to `count` new valid points; fewer when the grid runs out (a bounded number of draws
    /// per point, then a scan of the grid in order if it is small enough to scan).
    mutating func draw(_ count: Int, using generator: inout SeededGenerator) -> [[Int]] {
        var points: [[Int]] = []
        var attempts = 0
        while points.count < count, attempts < 200 * count {
            attempts += 1
            let choice = space.dimensions.map { generator.uniform(below: $0.values.count) }
            if accept(choice) { points.append(choice) }
        }
        if points.count < count, space.gridSize <= SearchMethod.maximumGrid {
            for ordinal in 0..<space.gridSize where points.count < count {
                let choice = space.choice(ordinal: ordinal)
                if accept(choice) { points.append(choice) }
            }
        }
        return points
    }

    /// Marks a point as used; true when it is new and valid.
    mutating func accept(_ choice: [Int]) -> Bool {
        guard !seen.contains(choice) else { return false }
        seen.insert(choice)
        return space.isValid(space.params(choice))
    }
}
