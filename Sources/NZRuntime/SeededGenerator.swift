/// The one source of randomness of NZS: xoshiro256** (Blackman & Vigna 2018), its state filled
/// from the seed by SplitMix64. Every random choice a model makes (bootstrap rows, features
/// tried per split, subsampled rows, k-means++ centres) and every draw of a study (random and
/// Bayesian search, Monte Carlo paths) comes from one of these, so results are a pure function
/// of their inputs and seed, on every platform.
/// Integers and doubles are drawn by this type's own methods (not the standard library's
/// `random(in:using:)`, whose algorithm may change between Swift versions).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator for `seed`; `stream` separates independent generators made from one seed
    /// (tree `t` of a forest uses stream `t`), so their draws do not depend on scheduling.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        s0 = Self.splitMix(&state)
        s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state)
        s3 = Self.splitMix(&state)
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// SplitMix64 (Steele, Lea & Flood 2014): one step of the seeding sequence.
    @inlinable
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inlinable
    func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject); 0 when `bound` ≤ 1.
    @inlinable
    public mutating func uniform(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func uniformUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
