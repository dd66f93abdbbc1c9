/// `rolling_mean(x, length, min_periods)`: pandas' `Series.rolling(length, min_periods).mean()`
/// (pandas 2.2), bit for bit. The mean of the non-`na` values among the last `length`, `na`
/// while there are fewer than `min_periods` of them. Like pandas, it keeps a running sum with
/// separate Kahan compensations for added and removed values, and overrides the quotient with
/// the value itself when the last `nobs` added values were all equal, and with 0 when the sign
/// of the mean contradicts the signs of every value. `na` inputs are skipped, not a reset.
/// Warm-up: min_periods − 1.
public struct RollingMeanKernel: UnaryKernel {
    public let length: Int
    public let minPeriods: Int
    @usableFromInline var window: RingWindow
    @usableFromInline var sum = 0.0
    @usableFromInline var addCompensation = 0.0
    @usableFromInline var removeCompensation = 0.0
    @usableFromInline var observations = 0
    @usableFromInline var negatives = 0
    @usableFromInline var sameRun = 0
    @usableFromInline var previousAdded = Double.nan

    /// `minPeriods` outside 1...length (or not given) means `length`, as in pandas.
    public init(length: Int, minPeriods: Int?) {
        self.length = max(1, length)
        if let minPeriods, minPeriods >= 1 { self.minPeriods = min(minPeriods, self.length) } else { self.minPeriods = self.length }
        window = RingWindow(capacity: self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        if length == 1 {
            // pandas starts a fresh window on every bar when it is one value wide.
            return x
        }
        if window.isFull { remove(window.value(back: length - 1)) }
        if window.count == 0 { previousAdded = x }
        window.push(x)
        add(x)
        guard observations >= minPeriods, observations > 0 else { return .nan }
        let mean = sum / Double(observations)
        if sameRun >= observations { return previousAdded }
        if negatives == 0, mean < 0 { return 0 }
        if negatives == observations, mean > 0 { return 0 }
        return mean
    }

    @inlinable
    mutating func add(_ x: Double) {
        guard !x.isNaN else { return }
        observations += 1
        let y = x - addCompensation
        let t = sum + y
        addCompensation = (t - sum) - y
        sum = t
        if x.sign == .minus { negatives += 1 }
        if x == previousAdded { sameRun += 1 } else { sameRun = 1 }
        previousAdded = x
    }

    @inlinable
    mutating func remove(_ x: Double) {
        guard !x.isNaN else { return }
        observations -= 1
        let y = -x - removeCompensation
        let t = sum + y
        removeCompensation = (t - sum) - y
        sum = t
        if x.sign == .minus { negatives -= 1 }
    }

    public mutating func reset() {
        window = RingWindow(capacity: length)
        sum = 0
        addCompensation = 0
        removeCompensation = 0
        observations = 0
        negatives = 0
        sameRun = 0
        previousAdded = .nan
    }
}
