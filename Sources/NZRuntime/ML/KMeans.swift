import Foundation

/// Hyperparameters of k-means.
public struct KMeansParameters: Sendable, Hashable {
    /// Number of clusters (≥ 1, at most the usable rows).
    public var k: Int
    /// The seed of the k-means++ draws.
    public var seed: UInt64
    /// Independent k-means++ starts; the run with the lowest inertia is kept (scikit-learn
    /// `n_init`, here 10 by default).
    public var initializations: Int
    /// Lloyd iterations allowed per start.
    public var maxIterations: Int

    public init(k: Int, seed: UInt64 = 0, initializations: Int = 10, maxIterations: Int = 300) {
        self.k = k
        self.seed = seed
        self.initializations = initializations
        self.maxIterations = maxIterations
    }
}

/// A fitted k-means model: `k` centroids in feature space. `predict`, `predictClass` and
/// `cluster` all return the index (0 ..< k) of the nearest centroid by Euclidean distance, the
/// lowest index on a tie.
///
/// Importance of feature j is its share of the between-cluster sum of squares,
/// Σ_c n_c (μ_cj − μ_j)², normalized to sum 1: how much of the separation the feature carries.
public struct KMeansModel: FittedModel {
    /// Row c is centroid c.
    public let centroids: FeatureMatrix
    /// The sum of squared distances of the training rows to their centroids.
    public let inertia: Double
    /// Lloyd iterations of the kept start.
    public let iterations: Int
    public let importances: [Double]

    public var task: ModelTask { .clustering }
    public var featureCount: Int { centroids.columnCount }

    public func predict(_ row: UnsafeBufferPointer<Double>) -> Double { cluster(row) }

    public func cluster(_ row: UnsafeBufferPointer<Double>) -> Double {
        let p = featureCount
        guard row.count >= p else { return .nan }
        for j in 0..<p where row[j].isNaN { return .nan }
        return centroids.values.withUnsafeBufferPointer { c in
            var best = 0
            var bestDistance = Double.infinity
            for index in 0..<centroids.rowCount {
                var distance = 0.0
                for j in 0..<p {
                    let d = row[j] - c[index * p + j]
                    distance += d * d
                }
                if distance < bestDistance {
                    bestDistance = distance
                    best = index
                }
            }
            return Double(best)
        }
    }
}

/// k-means (Lloyd's algorithm) with greedy k-means++ starts (Arthur & Vassilvitskii 2007), as
/// scikit-learn's `KMeans(init="k-means++", algorithm="lloyd")`:
///
/// - **Start**: the first centre is a uniformly drawn row; each next one is the best, by total
///   squared distance, of 2 + ⌊ln k⌋ rows drawn with probability proportional to the squared
///   distance to the nearest centre so far.
/// - **Lloyd**: assign every row to its nearest centre, move each centre to the mean of its
///   rows, until no assignment changes (exact convergence) or `maxIterations`. A centre left
///   with no rows moves to the row farthest from its own centre.
/// - **Restarts**: `initializations` starts, start i drawing from
///   `SeededGenerator(seed: seed, stream: i)`; the lowest inertia wins (the first on a tie).
///
/// Rows with an `na` or infinite feature are skipped. - Complexity: O(n·k·p) per iteration.
public enum KMeans {
    public static func fit(_ x: FeatureMatrix, parameters: KMeansParameters) -> Result<KMeansModel, MLError> {
        guard parameters.k >= 1 else { return .failure(.invalidParameter(name: "k", value: Double(parameters.k), expected: "at least 1")) }
        guard parameters.initializations >= 1 else {
            return .failure(.invalidParameter(name: "n_init", value: Double(parameters.initializations), expected: "at least 1"))
        }
        guard parameters.maxIterations >= 1 else {
            return .failure(.invalidParameter(name: "max_iterations", value: Double(parameters.maxIterations), expected: "at least 1"))
        }
        return TrainingData.make(x, targets: nil).flatMap { data in
            guard data.rowCount >= parameters.k else { return .failure(.tooFewRows(needed: parameters.k, found: data.rowCount)) }
            var best: (centres: [Double], inertia: Double, iterations: Int)?
            for start in 0..<parameters.initializations {
                var generator = SeededGenerator(seed: parameters.seed, stream: UInt64(start))
                let initial = initialCentres(data, k: parameters.k, generator: &generator)
                let run = lloyd(data, centres: initial, maxIterations: parameters.maxIterations)
                if best.map({ run.inertia < $0.inertia }) ?? true { best = run }
            }
            guard let best, best.inertia.isFinite,
                  let centroids = FeatureMatrix(rowCount: parameters.k, columnCount: data.columnCount, values: best.centres) else {
                return .failure(.solverFailed("k-means overflowed"))
            }
            return .success(KMeansModel(centroids: centroids, inertia: best.inertia, iterations: best.iterations,
                                        importances: importances(data, centres: best.centres, k: parameters.k)))
        }
    }

    /// Squared Euclidean distance between row `r` of the data and centre `c`.
    @inline(__always)
    static func distance(_ x: UnsafeBufferPointer<Double>, _ r: Int, _ centres: UnsafeBufferPointer<Double>, _ c: Int, _ p: Int) -> Double {
        var sum = 0.0
        for j in 0..<p {
            let d = x[r * p + j] - centres[c * p + j]
            sum += d * d
        }
        return sum
    }

    /// Greedy k-means++ (scikit-learn's `_kmeans_plusplus`).
    static func initialCentres(_ data: TrainingData, k: Int, generator: inout SeededGenerator) -> [Double] {
        let n = data.rowCount, p = data.columnCount
        let trials = 2 + Int(log(Double(k)))
        var chosen = [generator.uniform(below: n)]
        data.x.values.withUnsafeBufferPointer { x in
            func distances(to row: Int) -> [Double] {
                (0..<n).map { r in
                    var sum = 0.0
                    for j in 0..<p {
                        let d = x[r * p + j] - x[row * p + j]
                        sum += d * d
                    }
                    return sum
                }
            }
            var closest = distances(to: chosen[0])
            for _ in 1..<max(k, 1) {
                var cumulative = [Double](repeating: 0, count: n)
                var running = 0.0
                for r in 0..<n {
                    running += closest[r]
                    cumulative[r] = running
                }
                var bestCandidate = -1
                var bestPotential = Double.infinity
                var bestDistances: [Double] = []
                for _ in 0..<trials {
                    let target = generator.uniformUnit() * running
                    var low = 0, high = n - 1
                    while low < high {
                        let mid = (low + high) / 2
                        if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
                    }
                    let candidate = distances(to: low)
                    var candidatePotential = 0.0
                    var merged = candidate
                    for r in 0..<n {
                        merged[r] = min(closest[r], candidate[r])
                        candidatePotential += merged[r]
                    }
                    if candidatePotential < bestPotential || bestCandidate < 0 {
                        bestCandidate = low
                        bestPotential = candidatePotential
                        bestDistances = merged
                    }
                }
                chosen.append(bestCandidate)
                closest = bestDistances
            }
        }
        return chosen.flatMap { data.x.row($0) }
    }
}
