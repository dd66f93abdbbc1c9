/// The training features of a gradient-boosted model, each replaced once by a bin number
/// (`UInt8`), as LightGBM does (Ke et al. 2017): split search then works on per-bin gradient
/// sums instead of sorted values.
///
/// Bins per feature: when the feature has at most `maxBins` distinct values, one bin each;
/// otherwise consecutive distinct values are grouped greedily into bins of about
/// (rows left) / (bins left) rows, so a value that fills a bin by itself gets its own bin.
/// Bin b holds the values in (upper[b − 1], upper[b]]; each bound is the midpoint between the
/// last value of its bin and the next distinct value, and the last bound is +∞, so a raw row
/// goes left at a split on bin b exactly when `x <= upper[b]`.
struct BinnedFeatures: Sendable {
    let rowCount: Int
    let featureCount: Int
    /// Row r's bin of feature j at `bins[j * rowCount + r]`.
    let bins: [UInt8]
    /// Each feature's bin upper bounds (the last is +∞).
    let upperBounds: [[Double]]
    /// Where each feature's bins start in a histogram of all features' bins.
    let offsets: [Int]
    let totalBins: Int

    static let largestBinCount = 255

    static func make(_ data: TrainingData, maxBins: Int, threads: Int) -> BinnedFeatures {
        let n = data.rowCount, p = data.columnCount
        let binLimit = min(max(2, maxBins), largestBinCount)
        var bins = [UInt8](repeating: 0, count: n * p)
        var upperBounds = [[Double]](repeating: [], count: p)
        data.x.values.withUnsafeBufferPointer { x in
            bins.withUnsafeMutableBufferPointer { bins in
                upperBounds.withUnsafeMutableBufferPointer { upperBounds in
                    Parallel.forEach(p, threads: threads) { j in
                        var column = [Double](repeating: 0, count: n)
                        for r in 0..<n { column[r] = x[r * p + j] }
                        var sorted = column
                        sorted.sort()
                        let bounds = Self.bounds(sorted: sorted, maxBins: binLimit)
                        upperBounds[j] = bounds
                        Self.assign(column, bounds: bounds, into: UnsafeMutableBufferPointer(rebasing: bins[(j * n)..<((j + 1) * n)]))
                    }
                }
            }
        }
        var offsets: [Int] = []
        var total = 0
        for bounds in upperBounds {
            offsets.append(total)
            total += bounds.count
        }
        return BinnedFeatures(rowCount: n, featureCount: p, bins: bins, upperBounds: upperBounds, offsets: offsets, totalBins: total)
    }

    /// Bin upper bounds from a feature's sorted values (at least one value).
    static func bounds(sorted: [Double], maxBins: Int) -> [Double] {
        var distinct: [Double] = []
        var counts: [Int] = []
        for v in sorted {
            if let last = distinct.last, last == v {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(v)
                counts.append(1)
            }
        }
        var bounds: [Double] = []
        if distinct.count <= maxBins {
            for i in 0..<(distinct.count - 1) { bounds.append(midpoint(distinct[i], distinct[i + 1])) }
        } else {
            var rowsLeft = sorted.count, binsLeft = maxBins, inBin = 0
            for i in 0..<(distinct.count - 1) where binsLeft > 1 {
                inBin += counts[i]
                if Double(inBin) >= Double(rowsLeft) / Double(binsLeft) {
                    bounds.append(midpoint(distinct[i], distinct[i + 1]))
                    rowsLeft -= inBin
                    binsLeft -= 1
                    inBin = 0
                }
            }
        }
        bounds.append(.infinity)
        return bounds
    }

    /// The midpoint of a < b, or a when rounding would put the midpoint at b.
    static func midpoint(_ a: Double, _ b: Double) -> Double {
        let m = a / 2 + b / 2
        return m < b && m.isFinite ? m : a
    }

    /// Each value's bin: the first bound ≥ the value, by a branch-free binary search over the
    /// bounds padded to 256 with +∞.
    static func assign(_ column: [Double], bounds: [Double], into out: UnsafeMutableBufferPointer<UInt8>) {
        var padded = [Double](repeating: .infinity, count: 256)
        for (i, b) in bounds.enumerated() { padded[i] = b }
        padded.withUnsafeBufferPointer { table in
            for (r, v) in column.enumerated() {
                var position = 0
                var half = 128
                while half > 0 {
                    position += table[position + half - 1] < v ? half : 0
                    half >>= 1
                }
                out[r] = UInt8(truncatingIfNeeded: position)
            }
        }
    }

    /// Row r's bin of feature j.
    @inline(__always)
    func bin(row r: Int, feature j: Int) -> Int { Int(bins[j * rowCount + r]) }
}
