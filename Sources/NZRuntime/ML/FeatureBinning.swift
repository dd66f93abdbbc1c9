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
    /// Row r's bin of feature j at `bins[r * featureCount + j]` (row-major: a histogram pass
    /// reads each row's bins as one contiguous record).
    let bins: [UInt8]
    /// The same bins column-major, `columns[j * rowCount + r]`, for partitioning a leaf's rows on
    /// one feature.
    let columns: [UInt8]
    /// Each feature's bin upper bounds (the last is +∞).
    let upperBounds: [[Double]]
    /// Feature j's bins start at `j * binStride` in a histogram of all features' bins (a fixed
    /// stride, so the histogram loops compute it instead of loading it).
    static let binStride = 256
    var totalBins: Int { featureCount * Self.binStride }

    static let largestBinCount = 255

    static func make(_ data: TrainingData, maxBins: Int, team: ThreadTeam) -> BinnedFeatures {
        let n = data.rowCount, p = data.columnCount
        let binLimit = min(max(2, maxBins), largestBinCount)
        var bins = [UInt8](repeating: 0, count: n * p)
        var columns = [UInt8](repeating: 0, count: n * p)
        var upperBounds = [[Double]](repeating: [], count: p)
        data.x.values.withUnsafeBufferPointer { x in
            bins.withUnsafeMutableBufferPointer { bins in
                columns.withUnsafeMutableBufferPointer { columns in
                    upperBounds.withUnsafeMutableBufferPointer { upperBounds in
                        team.forEach(p) { j in
                            var column = [Double](repeating: 0, count: n)
                            for r in 0..<n { column[r] = x[r * p + j] }
                            let bounds = Self.bounds(sorted: Self.radixSorted(column), maxBins: binLimit)
                            upperBounds[j] = bounds
                            let own = UnsafeMutableBufferPointer(rebasing: columns[(j * n)..<((j + 1) * n)])
                            Self.assign(column, bounds: bounds, into: own)
                            for r in 0..<n { bins[r &* p &+ j] = own[r] }
                        }
                    }
                }
            }
        }
        return BinnedFeatures(rowCount: n, featureCount: p, bins: bins, columns: columns, upperBounds: upperBounds)
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

    /// The values in ascending order, by an LSD radix sort on their order-preserving bit
    /// patterns (11-bit digits; a digit every value shares is skipped). - Complexity: O(n).
    static func radixSorted(_ values: [Double]) -> [Double] {
        let n = values.count
        var keys = values.map { v -> UInt64 in
            let bits = v.bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        var spare = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 2048)
        keys.withUnsafeMutableBufferPointer { keys in
            spare.withUnsafeMutableBufferPointer { spare in
                counts.withUnsafeMutableBufferPointer { counts in
                    var source = keys, target = spare
                    var shift: UInt64 = 0
                    while shift < 64 {
                        counts.update(repeating: 0)
                        for key in source { counts[Int((key &>> shift) & 2047)] &+= 1 }
                        if counts.contains(n) {  // every key has this digit: nothing to move
                            shift += 11
                            continue
                        }
                        var running = 0
                        for i in 0..<2048 {
                            let c = counts[i]
                            counts[i] = running
                            running &+= c
                        }
                        for key in source {
                            let digit = Int((key &>> shift) & 2047)
                            target[counts[digit]] = key
                            counts[digit] &+= 1
                        }
                        swap(&source, &target)
                        shift += 11
                    }
                    if source.baseAddress != keys.baseAddress, let from = source.baseAddress {
                        keys.baseAddress?.update(from: from, count: n)
                    }
                }
            }
        }
        return keys.map { key in Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key) }
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
            column.withUnsafeBufferPointer { column in
                // Four searches side by side: each step of one depends on its previous load, so
                // interleaving them keeps the loads overlapping.
                let n = column.count, whole = n / 4 * 4
                var r = 0
                while r < whole {
                    var p0 = 0, p1 = 0, p2 = 0, p3 = 0
                    let v0 = column[r], v1 = column[r + 1], v2 = column[r + 2], v3 = column[r + 3]
                    var half = 128
                    while half > 0 {
                        p0 &+= table[p0 &+ half &- 1] < v0 ? half : 0
                        p1 &+= table[p1 &+ half &- 1] < v1 ? half : 0
                        p2 &+= table[p2 &+ half &- 1] < v2 ? half : 0
                        p3 &+= table[p3 &+ half &- 1] < v3 ? half : 0
                        half &>>= 1
                    }
                    out[r] = UInt8(truncatingIfNeeded: p0)
                    out[r + 1] = UInt8(truncatingIfNeeded: p1)
                    out[r + 2] = UInt8(truncatingIfNeeded: p2)
                    out[r + 3] = UInt8(truncatingIfNeeded: p3)
                    r += 4
                }
                while r < n {
                    var position = 0
                    var half = 128
                    while half > 0 {
                        position &+= table[position &+ half &- 1] < column[r] ? half : 0
                        half &>>= 1
                    }
                    out[r] = UInt8(truncatingIfNeeded: position)
                    r += 1
                }
            }
        }
    }

    /// Row r's bin of feature j.
    @inline(__always)
    func bin(row r: Int, feature j: Int) -> Int { Int(bins[r * featureCount + j]) }
}
