import Foundation

/// One binary decision tree as a builder produces it: node 0 is the root; an internal node sends
/// a row to `left` when `row[feature] <= threshold` and to `right` otherwise; a leaf has
/// `feature == -1` and its prediction in `value`.
struct DecisionTree: Sendable {
    struct Node: Sendable {
        var feature: Int32
        var threshold: Double
        var left: Int32
        var right: Int32
        var value: Double

        static func leaf(_ value: Double) -> Node { Node(feature: -1, threshold: 0, left: -1, right: -1, value: value) }
    }

    var nodes: [Node] = []
}

/// The trees of a forest or a boosted model in one flat array, laid out for fast prediction.
///
/// Each tree is laid out breadth-first with the two children of a node side by side, so a node
/// is 16 bytes (threshold, feature, left child; the right child is left + 1) and the top levels
/// of a tree share cache lines. A leaf has threshold +∞ and itself as left child, so once a walk
/// reaches a leaf every further step stays there: trees are walked with no data-dependent
/// branch (the child is picked by a conditional move), eight side by side so their memory
/// loads overlap, for as many steps as the deepest of the eight, stopping early when a step
/// moves none of them.
struct TreeEnsemble: Sendable {
    struct Node: Sendable {
        var threshold: Double
        var feature: Int32
        var left: Int32
    }

    private(set) var nodes: [Node] = []
    private(set) var values: [Double] = []
    private(set) var roots: [Int32] = []
    private(set) var depths: [Int32] = []

    var treeCount: Int { roots.count }
    var nodeCount: Int { nodes.count }

    /// Adds a tree (any numbering of its nodes; it is re-laid out breadth-first).
    mutating func append(_ tree: DecisionTree) {
        guard !tree.nodes.isEmpty else { return }
        let offset = nodes.count
        roots.append(Int32(offset))
        // Breadth-first order, children allocated in pairs: order[i] is the tree's node at
        // position offset + i.
        var order = [0]
        var depthOf = [0]
        var deepest = 0
        var head = 0
        var placed: [Node] = []
        var placedValues: [Double] = []
        while head < order.count {
            let node = tree.nodes[order[head]]
            let me = Int32(offset + head)
            if node.feature >= 0, tree.nodes.indices.contains(Int(node.left)), tree.nodes.indices.contains(Int(node.right)),
               order.count + 2 <= tree.nodes.count {  // a malformed tree (a cycle) cannot loop forever
                placed.append(Node(threshold: node.threshold, feature: node.feature, left: Int32(offset + order.count)))
                placedValues.append(0)
                order.append(Int(node.left))
                order.append(Int(node.right))
                depthOf.append(depthOf[head] + 1)
                depthOf.append(depthOf[head] + 1)
                deepest = max(deepest, depthOf[head] + 1)
            } else {
                placed.append(Node(threshold: .infinity, feature: 0, left: me))
                placedValues.append(node.feature >= 0 ? 0 : node.value)
            }
            head += 1
        }
        nodes.append(contentsOf: placed)
        values.append(contentsOf: placedValues)
        depths.append(Int32(deepest))
    }

    /// The sum over trees of the leaf value each reaches. - Precondition: `row` has every
    /// feature the trees split on, none of them NaN.
    func sum(_ row: UnsafePointer<Double>) -> Double {
        nodes.withUnsafeBufferPointer { nodes in
            values.withUnsafeBufferPointer { values in
                roots.withUnsafeBufferPointer { roots in
                    depths.withUnsafeBufferPointer { depths in
                        guard let nodes = nodes.baseAddress, let values = values.baseAddress, let rootBase = roots.baseAddress,
                              let depths = depths.baseAddress else { return 0 }
                        return Self.walk(row, nodes, values, rootBase, depths, roots.count)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func step(_ index: Int32, _ row: UnsafePointer<Double>, _ nodes: UnsafePointer<Node>) -> Int32 {
        let node = nodes[Int(index)]
        return row[Int(node.feature)] <= node.threshold ? node.left : node.left &+ 1
    }

    private static func walk(_ row: UnsafePointer<Double>, _ nodes: UnsafePointer<Node>, _ values: UnsafePointer<Double>,
                             _ roots: UnsafePointer<Int32>, _ depths: UnsafePointer<Int32>, _ count: Int) -> Double {
        var total = 0.0
        var t = 0
        while t + 8 <= count {
            var a = roots[t], b = roots[t + 1], c = roots[t + 2], d = roots[t + 3]
            var e = roots[t + 4], f = roots[t + 5], g = roots[t + 6], h = roots[t + 7]
            var steps = Int(depths[t])
            for i in 1..<8 { steps = max(steps, Int(depths[t + i])) }
            while steps > 0 {
                let (a0, b0, c0, d0, e0, f0, g0, h0) = (a, b, c, d, e, f, g, h)
                a = step(a, row, nodes); b = step(b, row, nodes); c = step(c, row, nodes); d = step(d, row, nodes)
                e = step(e, row, nodes); f = step(f, row, nodes); g = step(g, row, nodes); h = step(h, row, nodes)
                steps -= 1
                // Every walk is at its leaf once a step moves none of them.
                if (a == a0) && (b == b0) && (c == c0) && (d == d0) && (e == e0) && (f == f0) && (g == g0) && (h == h0) { break }
            }
            total += ((values[Int(a)] + values[Int(b)]) + (values[Int(c)] + values[Int(d)]))
                + ((values[Int(e)] + values[Int(f)]) + (values[Int(g)] + values[Int(h)]))
            t += 8
        }
        while t < count {
            var a = roots[t]
            for _ in 0..<depths[t] { a = step(a, row, nodes) }
            total += values[Int(a)]
            t += 1
        }
        return total
    }
}

/// A fitted tree ensemble: a random forest (the mean of its trees' leaf values: the class-1
/// fraction or the mean target) or a gradient-boosted model (an initial score plus the sum of
/// its trees' shrunken leaf values, through the logistic function for classification).
///
/// Importance is each feature's total impurity reduction (forest) or total split gain
/// (boosting) over all splits, normalized to sum 1 (see `RandomForest` and `GradientBoosting`).
public struct TreeEnsembleModel: FittedModel {
    public let task: ModelTask
    public let featureCount: Int
    public let importances: [Double]
    let ensemble: TreeEnsemble
    let base: Double
    let scale: Double
    let isLogistic: Bool

    init(task: ModelTask, featureCount: Int, importances: [Double], ensemble: TreeEnsemble, base: Double, scale: Double, isLogistic: Bool) {
        self.task = task
        self.featureCount = featureCount
        self.importances = importances
        self.ensemble = ensemble
        self.base = base
        self.scale = scale
        self.isLogistic = isLogistic
    }

    /// The number of trees.
    public var treeCount: Int { ensemble.treeCount }
    /// The number of nodes over all trees (leaves included).
    public var nodeCount: Int { ensemble.nodeCount }

    public func predict(_ row: UnsafeBufferPointer<Double>) -> Double {
        guard row.count >= featureCount, let base = row.baseAddress else { return .nan }
        for i in 0..<featureCount where row[i].isNaN { return .nan }
        let score = self.base + scale * ensemble.sum(base)
        return isLogistic ? logistic(score) : score
    }
}
