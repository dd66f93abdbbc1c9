/// The smoothing recursion v = v × decay + w (EMA, Wilder's averages), advanced two bars per
/// step of its loop-carried chain: on the first bar of a pair v₁ = a × decay + w₁ is computed
/// from the pair's anchor a, on the second v₂ = a × decay² + (w₁ × decay + w₂), which becomes
/// the next anchor. The chain (anchor to anchor) is one multiply and one add per two bars
/// instead of per bar, which roughly halves the time of a latency-bound smoothing loop; each
/// value differs from the one-bar-at-a-time recursion by an ulp or so. Both drivers step the
/// same state, so they agree bit for bit.
public struct PairedRecursion {
    public let decay: Double
    @usableFromInline let decaySquared: Double
    @usableFromInline var anchor = 0.0
    @usableFromInline var pending = 0.0
    @usableFromInline var isSecond = false

    public init(decay: Double) {
        self.decay = decay
        decaySquared = decay * decay
    }

    /// Starts from `value` (the seed), as the anchor of the first pair.
    @inlinable @inline(__always)
    public mutating func start(_ value: Double) {
        anchor = value
        isSecond = false
    }

    /// The next value, given this bar's weighted input w.
    @inlinable @inline(__always)
    public mutating func next(_ w: Double) -> Double {
        if isSecond {
            let value = anchor * decaySquared + (pending * decay + w)
            anchor = value
            isSecond = false
            return value
        }
        pending = w
        isSecond = true
        return anchor * decay + w
    }

    /// Two bars of `next` at once, in either phase (the batch loops' form; same arithmetic).
    @inlinable @inline(__always)
    public mutating func nextPair(_ w0: Double, _ w1: Double) -> (Double, Double) {
        if isSecond {
            let v0 = anchor * decaySquared + (pending * decay + w0)
            anchor = v0
            pending = w1
            return (v0, v0 * decay + w1)
        }
        let v0 = anchor * decay + w0
        anchor = anchor * decaySquared + (w0 * decay + w1)
        return (v0, anchor)
    }
}
