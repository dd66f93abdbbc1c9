/// Lloyd iterations and the importance of `KMeans`.
extension KMeans {
    /// Lloyd's algorithm from `centres` to a fixed point of the assignment.
    static func lloyd(_ data: TrainingData, centres initial: [Double], maxIterations: Int) -> (centres: [Double], inertia: Double, iterations: Int) {
        let n = data.rowCount, p = data.columnCount, k = initial.count / max(1, p)
        var centres = initial
        var labels = [Int](repeating: 0, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0
        data.x.values.withUnsafeBufferPointer { x in
            func assign() -> Bool {
                var changed = false
                centres.withUnsafeBufferPointer { c in
                    for r in 0..<n {
                        var best = 0
                        var bestDistance = Double.infinity
                        for index in 0..<k {
                            let d = distance(x, r, c, index, p)
                            if d < bestDistance {
                                bestDistance = d
                                best = index
                            }
                        }
                        if labels[r] != best {
                            labels[r] = best
                            changed = true
                        }
                        distances[r] = bestDistance
                    }
                }
                return changed
            }
            _ = assign()
            while iterations < maxIterations {
                iterations += 1
                var sums = [Double](repeating: 0, count: k * p)
                var counts = [Int](repeating: 0, count: k)
                for r in 0..<n {
                    counts[labels[r]] += 1
                    for j in 0..<p { sums[labels[r] * p + j] += x[r * p + j] }
                }
                var relocated = false
                for index in 0..<k where counts[index] == 0 {
                    // An empty cluster takes the row farthest from its centre (from a cluster of
                    // more than one row), which then belongs to it.
                    var far = -1
                    for r in 0..<n where counts[labels[r]] > 1 && (far < 0 || distances[r] > distances[far]) { far = r }
                    guard far >= 0 else { continue }
                    counts[labels[far]] -= 1
                    for j in 0..<p { sums[labels[far] * p + j] -= x[far * p + j] }
                    labels[far] = index
                    distances[far] = 0
                    counts[index] = 1
                    for j in 0..<p { sums[index * p + j] = x[far * p + j] }
                    relocated = true
                }
                for index in 0..<k where counts[index] > 0 {
                    for j in 0..<p { centres[index * p + j] = sums[index * p + j] / Double(counts[index]) }
                }
                if !assign(), !relocated { break }
            }
        }
        return (centres, distances.reduce(0, +), iterations)
    }

    /// Each feature's share of the between-cluster sum of squares of the final assignment.
    static func importances(_ data: TrainingData, centres: [Double], k: Int) -> [Double] {
        let n = data.rowCount, p = data.columnCount
        var counts = [Double](repeating: 0, count: k)
        var means = [Double](repeating: 0, count: p)
        data.x.values.withUnsafeBufferPointer { x in
            centres.withUnsafeBufferPointer { c in
                for r in 0..<n {
                    var best = 0
                    var bestDistance = Double.infinity
                    for index in 0..<k {
                        let d = distance(x, r, c, index, p)
                        if d < bestDistance {
                            bestDistance = d
                            best = index
                        }
                    }
                    counts[best] += 1
                    for j in 0..<p { means[j] += x[r * p + j] }
                }
            }
        }
        for j in 0..<p { means[j] /= Double(n) }
        var between = [Double](repeating: 0, count: p)
        for index in 0..<k {
            for j in 0..<p {
                let d = centres[index * p + j] - means[j]
                between[j] += counts[index] * d * d
            }
        }
        return normalizedImportances(between)
    }
}
