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

    /// The number of edges on the longest root-to-leaf path.
    var depth: Int {
        guard !nodes.isEmpty else { return 0 }
        var depths = [Int](repeating: 0, count: nodes.count)
        var deepest = 0
        for (index, node) in nodes.enumerated() where node.feature >= 0 {
            for child in [node.left, node.right] where nodes.indices.contains(Int(child)) {
                depths[Int(child)] = depths[index] + 1
                deepest = max(deepest, depths[index] + 1)
            }
        }
        return deepest
    }
}

/// The trees of a forest or a boosted model in one flat array, laid out for fast prediction.
///
/// A leaf points to itself on both sides, so every tree is walked for exactly its depth in
/// steps with no data-dependent branch (`left` or `right` is chosen by a conditional move), and
/// four trees are walked side by side so their loads overlap. Children always follow their
/// parent (builders number nodes that way), so a walk only moves forward.
struct TreeEnsemble: Sendable {
    struct Node: Sendable {
        var threshold: Double
        var feature: Int32
        var left: Int32
        var right: Int32
    }

    private(set) var nodes: [Node] = []
    private(set) var values: [Double] = []
    private(set) var roots: [Int32] = []
    private(set) var depths: [Int32] = []

    var treeCount: Int { roots.count }
    var nodeCount: Int { nodes.count }

    mutating func append(_ tree: DecisionTree) {
        let offset = Int32(nodes.count)
        roots.append(offset)
        depths.append(Int32(tree.depth))
        for (index, node) in tree.nodes.enumerated() {
            let me = offset + Int32(index)
            if node.feature < 0 {
                nodes.append(Node(threshold: 0, feature: 0, left: me, right: me))
                values.append(node.value)
            } else {
                nodes.append(Node(threshold: node.threshold, feature: node.feature, left: offset + node.left, right: offset + node.right))
                values.append(0)
            }
        }
    }

    /// The sum over trees of the leaf value each reaches. - Precondition: `row` has every
    /// feature the trees split on, none of them NaN.
    func sum(_ row: UnsafePointer<Double>) -> Double {
        nodes.withUnsafeBufferPointer { nodes in
            values.withUnsafeBufferPointer { values in
                roots.withUnsafeBufferPointer { roots in
                    depths.withUnsafeBufferPointer { depths in
                        Self.walk(row, nodes, values, roots, depths)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func step(_ node: Int32, _ row: UnsafePointer<Double>, _ nodes: UnsafeBufferPointer<Node>) -> Int32 {
        let n = nodes[Int(node)]
        return row[Int(n.feature)] <= n.threshold ? n.left : n.right
    }

    private static func walk(_ row: UnsafePointer<Double>, _ nodes: UnsafeBufferPointer<Node>, _ values: UnsafeBufferPointer<Double>,
                             _ roots: UnsafeBufferPointer<Int32>, _ depths: UnsafeBufferPointer<Int32>) -> Double {
        var total = 0.0
        let count = roots.count
        var t = 0
        while t + 4 <= count {
            var a = roots[t], b = roots[t + 1], c = roots[t + 2], d = roots[t + 3]
            let steps = max(max(depths[t], depths[t + 1]), max(depths[t + 2], depths[t + 3]))
            for _ in 0..<steps {
                a = step(a, row, nodes)
                b = step(b, row, nodes)
                c = step(c, row, nodes)
                d = step(d, row, nodes)
            }
            total += (values[Int(a)] + values[Int(b)]) + (values[Int(c)] + values[Int(d)])
            t += 4
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
