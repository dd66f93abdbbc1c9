/// The drawdown figures of a curve, fed bar by bar in order (in pieces, so that they can be
/// taken in the same pass as the returns). The drawdown from a peak is largest at the lowest
/// equity before the next peak, so (peak − lowest) / peak is divided out once per peak.
struct Drawdowns {
    /// The deepest drawdown from a peak already passed (`deepest` adds the current one).
    private var deepestPassed = 0.0
    /// Bars with equity below its running peak.
    private(set) var underWater = 0
    /// The longest run of bars from a peak until equity is back at it (or the data ends).
    private(set) var longest = 0
    private(set) var hasZero = false
    private var peak = -Double.infinity, lowest = Double.infinity
    private var peakBar = 0
    /// The next bar to add.
    private(set) var count = 0

    init() {}

    /// The deepest drawdown, as a fraction of its peak.
    var deepest: Double {
        peak > 0 && lowest < peak ? max(deepestPassed, (peak - lowest) / peak) : deepestPassed
    }

    /// Adds the next bars of the curve (bars `count..<count + values.count`).
    @inline(__always)
    mutating func add(_ values: UnsafeBufferPointer<Double>) {
        // Locals, so that the loop's chains stay in registers.
        var (peak, lowest, peakBar, deepest) = (self.peak, self.lowest, self.peakBar, deepestPassed)
        var (underWater, longest, hasZero) = (self.underWater, self.longest, self.hasZero)
        var index = count
        for value in values {
            if value >= peak {
                if peak > 0, lowest < peak { deepest = max(deepest, (peak - lowest) / peak) }
                peak = value
                peakBar = index
                lowest = .infinity
            } else {
                underWater &+= 1
                lowest = min(lowest, value)
                longest = max(longest, index &- peakBar)
            }
            hasZero = hasZero || value == 0
            index &+= 1
        }
        (self.peak, self.lowest, self.peakBar, deepestPassed) = (peak, lowest, peakBar, deepest)
        (self.underWater, self.longest, self.hasZero) = (underWater, longest, hasZero)
        count = index
    }

    /// Adds `repeats` bars equal to the last one added, in O(1): the same figures as adding
    /// them one by one.
    @inline(__always)
    mutating func addRepeats(_ repeats: Int) {
        guard repeats > 0, count > 0 else { return }
        let last = count + repeats - 1
        if peakBar == count - 1, lowest == .infinity {
            // The last bar was at its peak: each repeat is a peak again.
            peakBar = last
        } else {
            underWater &+= repeats
            longest = max(longest, last &- peakBar)
        }
        count += repeats
    }
}
