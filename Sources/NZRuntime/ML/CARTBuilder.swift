/// Grows one CART tree (Breiman et al. 1984) for a random forest, as scikit-learn's
/// `DecisionTreeClassifier`/`Regressor` with the best splitter do: at each node up to
/// `triedFeatures` features, drawn at random without replacement, are searched (features
/// constant within the node are skipped and do not count); for each, the node's samples are
/// sorted by the feature and every boundary between distinct values with at least `minLeaf`
/// samples on either side is scored; the threshold is the midpoint of the two values.
///
/// Criteria: Gini impurity 2p(1 − p) for 0/1 targets, variance for real targets, both weighted
/// by the bootstrap counts; the split maximizing the weighted impurity decrease wins (the first
/// one found on ties). A node becomes a leaf at `maxDepth`, below 2·`minLeaf` samples, when pure,
/// or when no feature can be split. Nodes are built depth-first from an explicit stack (no
/// recursion, whatever the depth). - Complexity: O(triedFeatures · m log m) per node of m samples.
struct CARTBuilder {
    /// Feature j of row r at `columns[j * rowCount + r]`.
    let columns: UnsafeBufferPointer<Double>
    let targets: UnsafeBufferPointer<Double>
    let rowCount: Int
    let featureCount: Int
    let maxDepth: Int
    let minLeaf: Int
    let triedFeatures: Int
    let isClassification: Bool

    private struct Pending {
        var node: Int
        var start: Int
        var end: Int
        var depth: Int
    }

    private struct Split {
        var feature = -1
        var threshold = 0.0
        var score = -Double.infinity
        var leftWeight = 0.0
        var leftSum = 0.0
        var leftSquares = 0.0
    }

    private struct Entry {
        var value: Double
        var sample: Int32
    }

    /// A tree over the rows in `samples` with weights `weights[row]`, and each feature's total
    /// weighted impurity decrease in it.
    func build(samples initial: [Int32], weights: [Double], generator: inout SeededGenerator) -> (tree: DecisionTree, importance: [Double]) {
        var samples = initial
        var scratch = [Int32](repeating: 0, count: samples.count)
        var entries = [Entry](repeating: Entry(value: 0, sample: 0), count: samples.count)
        var features = Array(0..<featureCount)
        var importance = [Double](repeating: 0, count: featureCount)
        var tree = DecisionTree(nodes: [.leaf(0)])
        var stack = [Pending(node: 0, start: 0, end: samples.count, depth: 0)]
        while let item = stack.popLast() {
            var weight = 0.0, sum = 0.0, squares = 0.0
            for k in item.start..<item.end {
                let s = Int(samples[k]), w = weights[s], y = targets[s]
                weight += w
                sum += w * y
                squares += w * y * y
            }
            tree.nodes[item.node] = .leaf(weight > 0 ? sum / weight : 0)
            let impurity = self.impurity(weight, sum, squares)
            let count = item.end - item.start
            guard item.depth < maxDepth, count >= max(2, 2 * minLeaf), impurity > Double.ulpOfOne, weight > 0 else { continue }
            let split = bestSplit(samples[item.start..<item.end], weights, total: (weight, sum, squares), entries: &entries,
                                  features: &features, generator: &generator)
            guard split.feature >= 0 else { continue }
            // Stable partition: rows going left keep their order, then rows going right.
            var left = item.start, right = 0
            let column = split.feature * rowCount
            for k in item.start..<item.end {
                let s = samples[k]
                if columns[column + Int(s)] <= split.threshold {
                    samples[left] = s
                    left += 1
                } else {
                    scratch[right] = s
                    right += 1
                }
            }
            for k in 0..<right { samples[left + k] = scratch[k] }
            let rightWeight = weight - split.leftWeight
            let decrease = weight * impurity - split.leftWeight * self.impurity(split.leftWeight, split.leftSum, split.leftSquares)
                - rightWeight * self.impurity(rightWeight, sum - split.leftSum, squares - split.leftSquares)
            importance[split.feature] += max(0, decrease)
            let leftNode = tree.nodes.count
            tree.nodes[item.node] = DecisionTree.Node(feature: Int32(split.feature), threshold: split.threshold, left: Int32(leftNode),
                                                      right: Int32(leftNode + 1), value: 0)
            tree.nodes.append(.leaf(0))
            tree.nodes.append(.leaf(0))
            stack.append(Pending(node: leftNode + 1, start: left, end: item.end, depth: item.depth + 1))
            stack.append(Pending(node: leftNode, start: item.start, end: left, depth: item.depth + 1))
        }
        return (tree, importance)
    }

    /// Gini 2p(1 − p) (classification) or the variance (regression) from weighted sums.
    private func impurity(_ weight: Double, _ sum: Double, _ squares: Double) -> Double {
        guard weight > 0 else { return 0 }
        let mean = sum / weight
        return isClassification ? 2 * mean * (1 - mean) : max(0, squares / weight - mean * mean)
    }

    private func bestSplit(_ node: ArraySlice<Int32>, _ weights: [Double], total: (weight: Double, sum: Double, squares: Double),
                           entries: inout [Entry], features: inout [Int], generator: inout SeededGenerator) -> Split {
        var best = Split()
        let m = node.count
        var drawn = 0, searched = 0
        while drawn < featureCount, searched < triedFeatures {
            let pick = drawn + generator.uniform(below: featureCount - drawn)
            features.swapAt(drawn, pick)
            let feature = features[drawn]
            drawn += 1
            let column = feature * rowCount
            var low = Double.infinity, high = -Double.infinity
            for (k, s) in node.enumerated() {
                let v = columns[column + Int(s)]
                entries[k] = Entry(value: v, sample: s)
                low = min(low, v)
                high = max(high, v)
            }
            guard low < high else { continue }
            searched += 1
            entries.withUnsafeMutableBufferPointer { buffer in
                var sorted = UnsafeMutableBufferPointer(rebasing: buffer[0..<m])
                sorted.sort { $0.value < $1.value }
                scan(sorted, feature: feature, weights, total: total, best: &best)
            }
        }
        return best
    }

    private func scan(_ sorted: UnsafeMutableBufferPointer<Entry>, feature: Int, _ weights: [Double],
                      total: (weight: Double, sum: Double, squares: Double), best: inout Split) {
        let m = sorted.count
        var leftWeight = 0.0, leftSum = 0.0, leftSquares = 0.0
        for k in 0..<(m - 1) {
            let s = Int(sorted[k].sample), w = weights[s], y = targets[s]
            leftWeight += w
            leftSum += w * y
            leftSquares += w * y * y
            let leftCount = k + 1
            guard sorted[k].value < sorted[k + 1].value, leftCount >= minLeaf, m - leftCount >= minLeaf else { continue }
            let rightWeight = total.weight - leftWeight, rightSum = total.sum - leftSum
            guard leftWeight > 0, rightWeight > 0 else { continue }
            let score: Double
            if isClassification {
                let leftZeros = leftWeight - leftSum, rightZeros = rightWeight - rightSum
                score = (leftSum * leftSum + leftZeros * leftZeros) / leftWeight + (rightSum * rightSum + rightZeros * rightZeros) / rightWeight
            } else {
                score = leftSum * leftSum / leftWeight + rightSum * rightSum / rightWeight
            }
            if score > best.score {
                let a = sorted[k].value, b = sorted[k + 1].value
                var threshold = a / 2 + b / 2
                if threshold >= b || !threshold.isFinite { threshold = a }
                best = Split(feature: feature, threshold: threshold, score: score, leftWeight: leftWeight, leftSum: leftSum,
                             leftSquares: leftSquares)
            }
        }
    }
}
