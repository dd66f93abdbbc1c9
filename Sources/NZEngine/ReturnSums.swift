/// The sums the metrics take over the per-bar returns, fed in order a gathered buffer at a time
/// (the returns of the sub-blocks that are not flat; the flat ones are only counted): the mean,
/// the downside deviation, the sample deviation, and the negative returns kept in time order
/// for VaR. docs/conventions.md#metrics has the summation order.
struct ReturnSums {
    private var sum = LaneSums(), downside = LaneSums(), spread = SpreadAccumulator()
    /// The negative returns, in time order.
    private let negatives: DoubleBuffer
    private var kept = 0
    /// Zero returns inside gathered buffers, and returns of flat sub-blocks.
    private var zerosGathered = 0, skipped = 0

    init(expectedCount: Int) {
        negatives = DoubleBuffer(capacity: max(expectedCount, 64))
    }

    /// Adds a gathered buffer; every buffer but the last holds a multiple of 4 returns, so each
    /// return keeps the lane it has in the whole sequence.
    @inline(__always)
    mutating func add(_ values: UnsafeBufferPointer<Double>) {
        if kept + values.count > negatives.capacity { negatives.grow(to: kept + values.count, keeping: kept) }
        // Captured or stored variables live in memory: each loop works on local copies, so its
        // chains stay in registers.
        var lanes = sum, downLanes = downside
        lanes.add(values) { $0 }
        downLanes.add(values) { min($0, 0) * min($0, 0) }
        (sum, downside) = (lanes, downLanes)
        spread.add(values)
        // Branch-free compaction: the sign of a return is as good as random.
        var negative = kept, zero = zerosGathered
        let buffer = negatives.pointer
        for value in values {
            buffer[negative] = value
            // A Bool's byte as the increment: `? 1 : 0` became branches here.
            negative &+= Int(unsafeBitCast(value < 0, to: UInt8.self))
            zero &+= Int(unsafeBitCast(value == 0, to: UInt8.self))
        }
        (kept, zerosGathered) = (negative, zero)
    }

    /// `count` zero returns of flat sub-blocks (they change no sum).
    mutating func addFlat(_ count: Int) { skipped += count }


    /// What the sums give for `count` returns in all.
    struct Result {
        var mean: Double?
        var deviation: Double?
        var downsideDeviation: Double?
        var negatives: [Double] = []
        var zeros = 0
    }

    func finish(count: Int) -> Result {
        guard count > 0 else { return Result() }
        var spread = spread
        spread.addZeros(skipped)
        let total = Double(count)
        return Result(mean: sum.total / total, deviation: spread.sampleDeviation, downsideDeviation: (downside.total / total).squareRoot(),
                      negatives: Array(UnsafeBufferPointer(start: negatives.pointer, count: kept)), zeros: zerosGathered + skipped)
    }
}

