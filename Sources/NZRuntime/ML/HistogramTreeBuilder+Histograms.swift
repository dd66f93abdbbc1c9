/// Histogram construction, subtraction and split search of `HistogramTreeBuilder`.
extension HistogramTreeBuilder {
    /// Sums the gradients, hessians and counts of `indices[start ..< start + count]` per bin of
    /// every feature into histogram `slot`. `all` says the range is every row in order (the root
    /// without subsampling), so the gradients are read in place.
    mutating func buildHistogram(slot: Int, start: Int, count: Int, all: Bool, _ gradients: [Double], _ hessians: [Double]) {
        let n = binned.rowCount, p = binned.featureCount, total = binned.totalBins
        let workers = count >= Self.parallelRowThreshold ? threads : 1
        let offsets = binned.offsets
        if !all {
            for k in 0..<count {
                let row = Int(indices[start + k])
                orderedGradients[k] = gradients[row]
                orderedHessians[k] = hessians[row]
            }
        }
        histograms.withUnsafeMutableBufferPointer { histograms in
            guard let slotBase = histograms.baseAddress?.advanced(by: slot * total) else { return }
            slotBase.update(repeating: HistogramBin(), count: total)
            binned.bins.withUnsafeBufferPointer { bins in
                indices.withUnsafeBufferPointer { indices in
                    (all ? gradients : orderedGradients).withUnsafeBufferPointer { g in
                        (all ? hessians : orderedHessians).withUnsafeBufferPointer { h in
                            guard let binBase = bins.baseAddress, let rows = indices.baseAddress?.advanced(by: start),
                                  let g = g.baseAddress, let h = h.baseAddress else { return }
                            Parallel.forEach(p, threads: workers) { feature in
                                let histogram = slotBase.advanced(by: offsets[feature])
                                let column = binBase.advanced(by: feature * n)
                                if all {
                                    Self.accumulate(histogram, column, g, h, count)
                                } else {
                                    Self.accumulate(histogram, column, rows, g, h, count)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func accumulate(_ histogram: UnsafeMutablePointer<HistogramBin>, _ column: UnsafePointer<UInt8>,
                           _ g: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ count: Int) {
        for k in 0..<count {
            let b = Int(column[k])
            histogram[b].gradient += g[k]
            histogram[b].hessian += h[k]
            histogram[b].count += 1
        }
    }

    @inline(__always)
    static func accumulate(_ histogram: UnsafeMutablePointer<HistogramBin>, _ column: UnsafePointer<UInt8>, _ rows: UnsafePointer<Int32>,
                           _ g: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ count: Int) {
        for k in 0..<count {
            let b = Int(column[Int(rows[k])])
            histogram[b].gradient += g[k]
            histogram[b].hessian += h[k]
            histogram[b].count += 1
        }
    }

    /// Histogram `target` −= histogram `source`.
    mutating func subtract(_ source: Int, from target: Int) {
        let total = binned.totalBins
        histograms.withUnsafeMutableBufferPointer { histograms in
            for b in 0..<total {
                let s = histograms[source * total + b]
                histograms[target * total + b].gradient -= s.gradient
                histograms[target * total + b].hessian -= s.hessian
                histograms[target * total + b].count -= s.count
            }
        }
    }

    /// The split of `leaf` with the largest positive gain, or nil.
    func bestSplit(_ leaf: Leaf) -> Candidate? {
        let total = binned.totalBins
        let parentScore = leaf.gradient * leaf.gradient / (leaf.hessian + l2)
        let rows = Double(leaf.count), minimum = Double(minLeaf)
        var best = Candidate()
        histograms.withUnsafeBufferPointer { histograms in
            for feature in 0..<binned.featureCount {
                let base = leaf.slot * total + binned.offsets[feature]
                let binCount = binned.upperBounds[feature].count
                var gradient = 0.0, hessian = 0.0, count = 0.0
                for b in 0..<(binCount - 1) {
                    let bin = histograms[base + b]
                    gradient += bin.gradient
                    hessian += bin.hessian
                    count += bin.count
                    guard count >= minimum, hessian >= minHessian else { continue }
                    let rightHessian = leaf.hessian - hessian
                    guard rows - count >= minimum, rightHessian >= minHessian else { break }
                    let rightGradient = leaf.gradient - gradient
                    let gain = gradient * gradient / (hessian + l2) + rightGradient * rightGradient / (rightHessian + l2) - parentScore
                    if gain > best.gain {
                        best = Candidate(feature: feature, bin: b, gain: gain, leftGradient: gradient, leftHessian: hessian, leftCount: count)
                    }
                }
            }
        }
        return best.feature >= 0 && best.gain.isFinite ? best : nil
    }
}
