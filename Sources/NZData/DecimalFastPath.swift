/// Exact parsing of the plain decimals that bar files are made of ("16541.77000000", "-0.5",
/// "42"), without `strtod`: when the digits form an integer m < 2⁵³ and the point leaves k ≤ 22
/// decimals, m and 10ᵏ are both exact doubles, so m / 10ᵏ (one IEEE division) is the correctly
/// rounded value, the very double `strtod` returns (Clinger, "How to Read Floating Point
/// Numbers Accurately", PLDI 1990). Anything else (more digits, an exponent) is left to `strtod`.
enum DecimalFastPath {
    /// 10^k for k in 0...22, each exactly representable (literals: a global table would be
    /// behind a lazy-initialization check on every number).
    @inline(__always)
    private static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// The value of `bytes` when they are `[+-]digits[.digits]` (at least one digit) and the
    /// fast path is exact; nil otherwise.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, decimals = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte >= 0x30, byte <= 0x39 {
                digits += 1
                if mantissa != 0 || byte != 0x30 { significant += 1 }
                // 19 significant digits always fit in 64 bits.
                guard significant <= 19 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                if seenPoint { decimals += 1 }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        // Trailing zeros of the decimals change nothing.
        while decimals > 0, mantissa != 0, mantissa % 10 == 0 {
            mantissa /= 10
            decimals -= 1
        }
        guard mantissa <= 1 << 53, decimals <= 22 else { return nil }
        let value = Double(mantissa) / powerOfTen(decimals)
        return negative ? -value : value
    }
}
