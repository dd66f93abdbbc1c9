/// The smoothing recursion v = v × decay + w advanced four bars per step of its loop-carried
/// chain (`PairedRecursion` does two): within a group of four, the inputs are combined as they
/// arrive, p = p × decay + w (p = w on the group's first bar), and the bar's value is
/// a × decay^(k+1) + p from the anchor a (the value at the end of the previous group); the
/// fourth value becomes the next anchor. The chain (anchor to anchor) is one multiply and one
/// add per four bars; the combining of a group does not wait for the anchor. Each value differs
/// from the bar-by-bar recursion by a few ulps. `next` and `nextQuad` do the same arithmetic,
/// so the streaming and batch drivers agree bit for bit.
public struct QuadRecursion {
    public let decay: Double
    /// decay¹…decay⁴.
    @usableFromInline let powers: SIMD4<Double>
    @usableFromInline var anchor = 0.0
    @usableFromInline var pending = 0.0
    /// Bars of the current group seen so far (0..<4).
    @usableFromInline var phase = 0

    public init(decay: Double) {
        self.decay = decay
        let squared = decay * decay
        powers = SIMD4(decay, squared, squared * decay, squared * squared)
    }

    /// Whether the next bar starts a group: `nextQuad` can take over.
    @inlinable public var isAtGroupStart: Bool { phase == 0 }

    /// Starts from `value` (the seed), as the anchor of the first group.
    @inlinable @inline(__always)
    public mutating func start(_ value: Double) {
        anchor = value
        phase = 0
    }

    /// The next value, given this bar's weighted input w.
    @inlinable @inline(__always)
    public mutating func next(_ w: Double) -> Double {
        pending = phase == 0 ? w : pending * decay + w
        let value = anchor * powers[phase] + pending
        if phase == 3 {
            anchor = value
            phase = 0
        } else {
            phase += 1
        }
        return value
    }

    /// Four bars of `next` from the start of a group (`isAtGroupStart`), the same arithmetic.
    @inlinable @inline(__always)
    public mutating func nextQuad(_ w0: Double, _ w1: Double, _ w2: Double, _ w3: Double) -> SIMD4<Double> {
        let p1 = w0 * decay + w1
        let p2 = p1 * decay + w2
        let p3 = p2 * decay + w3
        let values = SIMD4(repeating: anchor) * powers + SIMD4(w0, p1, p2, p3)
        anchor = values[3]
        return values
    }
}
