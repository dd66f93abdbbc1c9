/// Histogram construction, subtraction and split search of `HistogramTreeBuilder`, fused into one
/// parallel pass per split.
extension HistogramTreeBuilder {
    /// Builds histogram `slot` from the rows `indices[start ..< start + count]` (`all`: every row,
    /// in order), subtracts it from histogram `subtractFrom` if given (the larger sibling), and
    /// returns the best split of each leaf in `search` (whose slots must be those histograms).
    ///
    /// The features are split into contiguous ranges, one per worker; a worker does all three
    /// steps for its features, so there is one fork per split. Every row is added in row order
    /// (column by column over the column-major bins for all rows, row by row over the row records
    /// for a leaf's rows: the same additions in the same order), and the per-range best splits
    /// are merged in feature order keeping the first of equal gains, exactly as one sequential
    /// scan would: the result does not depend on the thread count.
    mutating func buildAndSearch(slot: Int, start: Int, count: Int, all: Bool, _ pairs: [SIMD2<Double>], subtractFrom: Int?,
                                 search: [Leaf]) -> [Candidate?] {
        let p = binned.featureCount, n = binned.rowCount, total = binned.totalBins
        let workers = count >= Self.parallelRowThreshold ? min(threads, p) : 1
        var found = [Candidate](repeating: Candidate(), count: workers * search.count)
        let rules = SplitRules(minLeaf: Double(minLeaf), minHessian: minHessian, l2: l2)
        let binCounts = self.binCounts
        let team = self.team
        histograms.withUnsafeMutableBufferPointer { histograms in
            binned.bins.withUnsafeBufferPointer { bins in
                binned.columns.withUnsafeBufferPointer { columns in
                    indices.withUnsafeBufferPointer { indices in
                        pairs.withUnsafeBufferPointer { pairs in
                            found.withUnsafeMutableBufferPointer { found in
                                guard let histogramBase = histograms.baseAddress, let bins = bins.baseAddress, let columns = columns.baseAddress,
                                      let rows = indices.baseAddress?.advanced(by: start), let pairs = pairs.baseAddress else { return }
                                let target = histogramBase + slot * total
                                team.forEach(workers) { worker in
                                    // Worker w owns the contiguous features [p·w/workers, p·(w+1)/workers).
                                    let features = (p * worker / workers)..<(p * (worker + 1) / workers)
                                    for j in features { (target + j &<< 8).update(repeating: .zero, count: binCounts[j]) }
                                    if all {
                                        Self.accumulateColumns(target, columns, n, features, pairs)
                                    } else {
                                        Self.accumulateRows(target, bins, p, features, rows, pairs, count)
                                    }
                                    if let larger = subtractFrom {
                                        let minuend = histogramBase + larger * total
                                        for j in features { for b in (j &<< 8)..<((j &<< 8) + binCounts[j]) { minuend[b] -= target[b] } }
                                    }
                                    for (i, leaf) in search.enumerated() {
                                        found[worker * search.count + i] = Self.bestSplit(leaf, histogramBase + leaf.slot * total, binCounts,
                                                                                          features: features, rules)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return search.indices.map { i in
            var best = Candidate()
            for worker in 0..<workers where found[worker * search.count + i].gain > best.gain { best = found[worker * search.count + i] }
            return best.feature >= 0 && best.gain.isFinite ? best : nil
        }
    }

    /// Every row's (g, h, 1) into the bins of `features`, feature by feature over the
    /// column-major bins (sequential reads).
    @inline(__always)
    static func accumulateColumns(_ histogram: UnsafeMutablePointer<HistogramBin>, _ columns: UnsafePointer<UInt8>, _ rowCount: Int,
                                  _ features: Range<Int>, _ pairs: UnsafePointer<SIMD2<Double>>) {
        for j in features {
            let base = histogram + j &<< 8
            let column = columns + j &* rowCount
            for k in 0..<rowCount {
                let pair = pairs[k]
                base[Int(column[k])] += HistogramBin(pair.x, pair.y, 1, 0)
            }
        }
    }

    /// The (g, h, 1) of `rows[0 ..< count]` into the bins of `features`, row by row over the
    /// row-major records (one record and one gradient pair read per row).
    @inline(__always)
    static func accumulateRows(_ histogram: UnsafeMutablePointer<HistogramBin>, _ bins: UnsafePointer<UInt8>, _ stride: Int,
                               _ features: Range<Int>, _ rows: UnsafePointer<Int32>, _ pairs: UnsafePointer<SIMD2<Double>>, _ count: Int) {
        for k in 0..<count {
            let row = Int(rows[k])
            let pair = pairs[row]
            let value = HistogramBin(pair.x, pair.y, 1, 0)
            let record = bins + row &* stride
            for j in features { histogram[(j &<< 8) &+ Int(record[j])] += value }
        }
    }

    /// The constraints and penalty of a split.
    struct SplitRules {
        var minLeaf: Double
        var minHessian: Double
        var l2: Double
    }

    /// The split of `leaf` (its histogram at `histogram`) with the largest positive gain over
    /// `features`, the first one on ties; `feature == -1` when there is none.
    ///
    /// Per feature: the running (G, H, count) of the left side at each non-empty bin go into
    /// small arrays, every gain is computed in one branch-free loop (which the compiler
    /// vectorizes, divisions included), then one pass keeps the best split that satisfies the
    /// constraints.
    static func bestSplit(_ leaf: Leaf, _ histogram: UnsafePointer<HistogramBin>, _ binCounts: [Int], features: Range<Int>,
                          _ rules: SplitRules) -> Candidate {
        let (minimum, minHessian, l2) = (rules.minLeaf, rules.minHessian, rules.l2)
        let parentScore = leaf.gradient * leaf.gradient / (leaf.hessian + l2)
        let rows = Double(leaf.count), totalGradient = leaf.gradient, totalHessian = leaf.hessian
        var best = Candidate()
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * 256) { scratch in
            guard let base = scratch.baseAddress else { return }
            let gradients = base, hessians = base + 256, counts = base + 512, gains = base + 768
            let bins = UnsafeMutablePointer<Int>.allocate(capacity: 256)
            defer { bins.deallocate() }
            for feature in features {
                let source = histogram + feature &<< 8
                var left = HistogramBin.zero
                var m = 0
                for b in 0..<(binCounts[feature] - 1) {
                    let bin = source[b]
                    guard bin[2] > 0 else { continue }  // an empty bin adds no new split point
                    left += bin
                    gradients[m] = left[0]
                    hessians[m] = left[1]
                    counts[m] = left[2]
                    bins[m] = b
                    m &+= 1
                }
                for i in 0..<m {
                    let g = gradients[i], h = hessians[i]
                    let rightGradient = totalGradient - g, rightHessian = totalHessian - h
                    gains[i] = g * g / (h + l2) + rightGradient * rightGradient / (rightHessian + l2) - parentScore
                }
                for i in 0..<m where gains[i] > best.gain {
                    let count = counts[i], hessian = hessians[i]
                    guard count >= minimum, hessian >= minHessian, rows - count >= minimum, totalHessian - hessian >= minHessian else { continue }
                    best = Candidate(feature: feature, bin: bins[i], gain: gains[i], leftGradient: gradients[i], leftHessian: hessian,
                                     leftCount: count)
                }
            }
        }
        return best
    }
}
