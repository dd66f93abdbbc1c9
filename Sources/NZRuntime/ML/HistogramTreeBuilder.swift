/// One bin of a gradient histogram: the sums of the gradients, hessians and rows in the bin, as
/// the lanes (gradient, hessian, count, 0), so adding a row is one vector addition.
typealias HistogramBin = SIMD4<Double>

/// Grows the trees of `GradientBoosting` on binned features, LightGBM-style (Ke et al. 2017):
///
/// - **Leaf-wise with a depth limit**: the leaf whose best split has the largest gain is split
///   next, until `maxLeaves` leaves, no split with a positive gain, or every leaf at `maxDepth`.
///   With `maxLeaves` = 2^depth this grows the same splits as depth-wise growth would, in a
///   different order.
/// - **Histograms**: a leaf's rows are a contiguous range of `indices`; one pass over them reads
///   each row's (gradient, hessian) pair and its record of bins and adds (g, h, 1) to every
///   feature's histogram (row-wise, as LightGBM's `force_row_wise`). The features are split into
///   contiguous ranges among worker threads; each feature is summed by one thread in row order,
///   so the sums do not depend on the thread count.
/// - **Subtraction**: only the smaller child's histogram is built; the larger child's is the
///   parent's minus it, in the parent's storage.
/// - **Split gain** (XGBoost/LightGBM second-order): G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ),
///   each side needing `minLeaf` rows and `minHessian` hessian; leaf value −G/(H + λ) × rate.
struct HistogramTreeBuilder {
    let binned: BinnedFeatures
    let maxDepth: Int
    let maxLeaves: Int
    let minLeaf: Int
    let minHessian: Double
    let l2: Double
    let team: ThreadTeam
    var threads: Int { team.threads }

    /// Rows below which a histogram is built on one thread (forking costs more than it saves).
    static let parallelRowThreshold = 2_048

    struct Candidate {
        var feature = -1
        var bin = 0
        var gain = 0.0
        var leftGradient = 0.0
        var leftHessian = 0.0
        var leftCount = 0.0
    }

    struct Leaf {
        var start: Int
        var count: Int
        var depth: Int
        var gradient: Double
        var hessian: Double
        var slot: Int
        var node: Int
        var split: Candidate?
    }

    /// A grown tree: nodes with raw-value thresholds, each node's split bin (for rows routed by
    /// bins), the leaves (row ranges of `indices`, with their values) and the gain per feature.
    struct Grown {
        var tree = DecisionTree()
        var splitBins: [Int] = []
        var leaves: [(start: Int, count: Int, node: Int)] = []
    }

    // Scratch reused from tree to tree (the extension in +Histograms uses them too).
    var indices: [Int32]
    var scratch: [Int32]
    /// Each feature's number of bins.
    let binCounts: [Int]
    /// `slotCount` histograms of `binned.totalBins` bins each, one after the other.
    var histograms: [HistogramBin] = []
    var freeSlots: [Int] = []
    var slotCount = 0

    init(binned: BinnedFeatures, maxDepth: Int, maxLeaves: Int, minLeaf: Int, minHessian: Double, l2: Double, team: ThreadTeam) {
        self.binned = binned
        self.maxDepth = maxDepth
        self.maxLeaves = maxLeaves
        self.minLeaf = minLeaf
        self.minHessian = minHessian
        self.l2 = l2
        self.team = team
        indices = Array(0..<Int32(binned.rowCount))
        scratch = indices
        binCounts = binned.upperBounds.map(\.count)
    }

    /// Grows one tree over `rows` (ascending row numbers; nil for every row) with these
    /// (gradient, hessian) pairs; adds each split's gain to `importance`. Leaf values are
    /// −G/(H + λ) × `rate`.
    mutating func grow(_ pairs: [SIMD2<Double>], rows: [Int32]?, rate: Double, importance: inout [Double]) -> Grown {
        let rowCount = rows?.count ?? binned.rowCount
        if let rows {
            for k in 0..<rows.count { indices[k] = rows[k] }
        } else {
            for k in 0..<rowCount { indices[k] = Int32(k) }
        }
        freeSlots = Array((0..<slotCount).reversed())
        var sums = SIMD2<Double>()
        for k in 0..<rowCount { sums += pairs[Int(indices[k])] }
        let (gradient, hessian) = (sums.x, sums.y)
        var grown = Grown()
        grown.tree.nodes = [.leaf(0)]
        grown.splitBins = [0]
        var root = Leaf(start: 0, count: rowCount, depth: 0, gradient: gradient, hessian: hessian, slot: -1, node: 0, split: nil)
        if canSplit(root), maxLeaves > 1 {
            root.slot = takeSlot()
            root.split = buildAndSearch(slot: root.slot, start: 0, count: rowCount, all: rows == nil, pairs, subtractFrom: nil,
                                        search: [root])[0]
        }
        var leaves = [root]
        while leaves.count < maxLeaves {
            var chosen = -1
            var bestGain = 0.0
            for (i, leaf) in leaves.enumerated() {
                if let split = leaf.split, split.gain > bestGain {
                    chosen = i
                    bestGain = split.gain
                }
            }
            guard chosen >= 0, let split = leaves[chosen].split else { break }
            let parent = leaves[chosen]
            let leftCount = partition(start: parent.start, count: parent.count, feature: split.feature, bin: split.bin)
            let leftNode = grown.tree.nodes.count
            var left = Leaf(start: parent.start, count: leftCount, depth: parent.depth + 1, gradient: split.leftGradient,
                            hessian: split.leftHessian, slot: -1, node: leftNode, split: nil)
            var right = Leaf(start: parent.start + leftCount, count: parent.count - leftCount, depth: parent.depth + 1,
                             gradient: parent.gradient - split.leftGradient, hessian: parent.hessian - split.leftHessian,
                             slot: -1, node: leftNode + 1, split: nil)
            grown.tree.nodes[parent.node] = DecisionTree.Node(feature: Int32(split.feature),
                                                              threshold: binned.upperBounds[split.feature][split.bin],
                                                              left: Int32(leftNode), right: Int32(leftNode + 1), value: 0)
            grown.splitBins[parent.node] = split.bin
            grown.tree.nodes.append(.leaf(0))
            grown.tree.nodes.append(.leaf(0))
            grown.splitBins.append(0)
            grown.splitBins.append(0)
            importance[split.feature] += split.gain
            let isLastSplit = leaves.count + 1 >= maxLeaves
            if !isLastSplit, canSplit(left) || canSplit(right) {
                let leftIsSmaller = left.count <= right.count
                let small = leftIsSmaller ? left : right
                let smallSlot = takeSlot()
                if leftIsSmaller { (left.slot, right.slot) = (smallSlot, parent.slot) } else { (left.slot, right.slot) = (parent.slot, smallSlot) }
                let searched = [left, right].filter(canSplit)
                let found = buildAndSearch(slot: smallSlot, start: small.start, count: small.count, all: false, pairs,
                                           subtractFrom: parent.slot, search: searched)
                for (leaf, split) in zip(searched, found) {
                    if leaf.node == left.node { left.split = split } else { right.split = split }
                }
                if left.split == nil { freeSlots.append(left.slot); left.slot = -1 }
                if right.split == nil { freeSlots.append(right.slot); right.slot = -1 }
            } else if parent.slot >= 0 {
                freeSlots.append(parent.slot)
            }
            leaves[chosen] = left
            leaves.append(right)
        }
        for leaf in leaves {
            if leaf.slot >= 0 { freeSlots.append(leaf.slot) }
            let denominator = leaf.hessian + l2
            let value = denominator > 0 ? -leaf.gradient / denominator * rate : 0
            grown.tree.nodes[leaf.node] = .leaf(value.isFinite ? value : 0)
            grown.leaves.append((leaf.start, leaf.count, leaf.node))
        }
        return grown
    }

    private func canSplit(_ leaf: Leaf) -> Bool { leaf.depth < maxDepth && leaf.count >= 2 * minLeaf && leaf.count >= 2 }

    private mutating func takeSlot() -> Int {
        if let slot = freeSlots.popLast() { return slot }
        histograms.append(contentsOf: [HistogramBin](repeating: .zero, count: binned.totalBins))
        slotCount += 1
        return slotCount - 1
    }

    /// Stable partition of `indices[start ..< start + count]`: rows whose bin of `feature` is
    /// ≤ `bin` first. Returns how many went left. Reads the feature's column of bins (one byte
    /// per row, contiguous), which stays in cache where the row records would not.
    ///
    /// A large range is cut into one chunk per worker; each chunk is partitioned in parallel
    /// (lefts in place, rights into `scratch` at the same offsets), then the lefts are moved
    /// together and the rights copied after them, chunk by chunk: the same order a single pass
    /// gives, whatever the number of chunks.
    private mutating func partition(start: Int, count: Int, feature: Int, bin: Int) -> Int {
        let n = binned.rowCount
        let chunks = count >= Self.parallelRowThreshold * 4 ? max(1, threads) : 1
        var lefts = [Int](repeating: 0, count: chunks)
        binned.columns.withUnsafeBufferPointer { columns in
            indices.withUnsafeMutableBufferPointer { indices in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    lefts.withUnsafeMutableBufferPointer { lefts in
                        guard let bins = columns.baseAddress?.advanced(by: feature * n), let indices = indices.baseAddress,
                              let scratch = scratch.baseAddress else { return }
                        team.forEach(chunks) { c in
                            let from = start + count * c / chunks, to = start + count * (c + 1) / chunks
                            var left = from, right = from
                            // Branch-free: each row is written to both sides and only one cursor
                            // moves (indices[left] is at or behind the row being read).
                            for k in from..<to {
                                let row = indices[k]
                                // −1 when the row goes right, 0 when it goes left (arithmetic, so
                                // the compiler cannot turn it into an unpredictable branch).
                                let goesRight = (bin &- Int(bins[Int(row)])) &>> 63
                                indices[left] = row
                                scratch[right] = row
                                left &+= 1 &+ goesRight
                                right &-= goesRight
                            }
                            lefts[c] = left - from
                        }
                        var target = start + lefts[0]
                        for c in 1..<max(1, chunks) {
                            let from = start + count * c / chunks
                            for k in 0..<lefts[c] { indices[target + k] = indices[from + k] }  // moves down: safe forwards
                            target += lefts[c]
                        }
                        for c in 0..<chunks {
                            let from = start + count * c / chunks, to = start + count * (c + 1) / chunks
                            let rights = to - from - lefts[c]
                            (indices + target).update(from: scratch + from, count: rights)
                            target += rights
                        }
                    }
                }
            }
        }
        return lefts.reduce(0, +)
    }
}
