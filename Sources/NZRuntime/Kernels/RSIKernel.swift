/// Wilder's RSI (TA-Lib RSI, unstable period 0). The average gain and loss are seeded with
/// the simple mean of the first `length` one-bar changes (bars 1...length), then smoothed as
/// a = (a × (length − 1) + v) / length, computed as a × ((length − 1)/length) +
/// v/length (a multiply and an add on the loop-carried chain instead of TA-Lib's multiply, add and
/// divide; the values agree with TA-Lib's to ~1e-15). RSI = 100 × gain / (gain + loss), or 0
/// when gain + loss is (TA-Lib-)zero. Warm-up: length.
public struct RSIKernel: UnaryKernel {
    public let length: Int
    /// Chande's oscillator on the same averages (TA-Lib CMO): 100 × (gain − loss) / (gain + loss).
    public let isCMO: Bool
    @usableFromInline var previous = Double.nan
    @usableFromInline var changes = 0
    @usableFromInline var gain = 0.0
    @usableFromInline var loss = 0.0
    @usableFromInline let decay: Double
    @usableFromInline let inverse: Double

    public init(length: Int, isCMO: Bool = false) {
        self.length = max(1, length)
        self.isCMO = isCMO
        decay = Double(self.length - 1) / Double(self.length)
        inverse = 1 / Double(self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        guard !previous.isNaN else { previous = x; return .nan }
        let change = x - previous
        previous = x
        let n = Double(length)
        if changes < length {
            if change < 0 { loss -= change } else { gain += change }
            changes += 1
            guard changes == length else { return .nan }
            loss /= n
            gain /= n
        } else {
            // Branch-free and exact: (c + |c|)/2 is c for a rise and 0 for a fall.
            let magnitude = Swift.abs(change)
            let up = (change + magnitude) * 0.5
            let down = (magnitude - change) * 0.5
            gain = gain * decay + up * inverse
            loss = loss * decay + down * inverse
        }
        let total = gain + loss
        if TALibTolerance.isZero(total) { return 0 }
        return isCMO ? 100 * ((gain - loss) / total) : 100 * (gain / total)
    }

    public mutating func reset() {
        previous = .nan
        changes = 0
        gain = 0
        loss = 0
    }
}
