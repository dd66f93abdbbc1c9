/// A small, fast, seeded random number generator (xoshiro256**, seeded through SplitMix64),
/// so every random draw of a study is reproduced exactly from its seed. Parallel work derives
/// one generator per piece from (seed, index) with `init(seed:stream:)`, never by sharing one,
/// which keeps results independent of how many threads ran.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var mixer = seed
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
        if state == (0, 0, 0, 0) { state.0 = 1 }
    }

    /// An independent generator for piece `stream` of the work seeded with `seed`.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        self.init(seed: Self.splitMix(&mixer) ^ stream)
    }

    public mutating func next() -> UInt64 {
        let result = Self.rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotate(state.3, 45)
        return result
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (bound ≥ 1), without modulo bias (Lemire's method).
    public mutating func index(below bound: Int) -> Int {
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold { product = next().multipliedFullWidth(by: limit) }
        }
        return Int(product.high)
    }

    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
