import Foundation
@testable import NZData
import Testing

/// The CSV reader's exact decimal fast path gives the very double `strtod` gives, on random
/// decimals of every length and on the shapes bar files use; what it cannot do exactly it
/// declines.
@Suite struct DecimalFastPathTests {
    static func fast(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalFastPath.parse($0) }
    }

    static func strtodValue(_ text: String) -> Double { strtod(text, nil) }

    @Test func agreesWithStrtodBitForBit() {
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var taken = 0
        for _ in 0..<200_000 {
            var text = next(4) == 0 ? "-" : ""
            text += String((0..<(1 + next(12))).map { _ in Character(String(next(10))) })
            if next(5) > 0 { text += "." + String((0..<next(20)).map { _ in Character(String(next(10))) }) }
            guard let value = Self.fast(text) else { continue }
            taken += 1
            #expect(value.bitPattern == Self.strtodValue(text).bitPattern, "\(text)")
        }
        #expect(taken > 100_000)
    }

    @Test func barFileShapes() {
        for text in ["16541.77000000", "1.08345", "-0.5", "42", "0.000123", "1.", ".5", "-0.0", "+3.25", "9007199254740992"] {
            let value = Self.fast(text)
            #expect(value?.bitPattern == Self.strtodValue(text).bitPattern, "\(text)")
        }
        // Left to strtod: exponents, too many digits, nothing to read, odd shapes.
        for text in ["1e5", "1.2.3", "", "-", ".", "12345678901234567890123", "0x10", "inf", "1,5", "9007199254740993", "123456789012345678"] {
            #expect(Self.fast(text) == nil, "\(text)")
        }
    }
}
