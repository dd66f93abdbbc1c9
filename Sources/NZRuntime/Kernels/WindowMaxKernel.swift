/// Rolling maximum or minimum of the last `length` values (TA-Lib MAX / MIN) in O(1) per bar
/// with no data-dependent branches (van Herk / Gil-Werman): the bars are cut into blocks of
/// `length`; the window ending at a bar is the part of the current block up to it (a running
/// prefix maximum) and the rest of the previous block (its suffix maxima, computed once when
/// that block completed, from values already seen). A minimum is the maximum of the negated
/// values, negated back. For the extreme's position (Aroon) see `ExtremumKernel`.
/// Warm-up: length − 1.
public struct WindowMaxKernel: UnaryKernel {
    public let length: Int
    @usableFromInline let sign: Double
    @usableFromInline var block: KernelStorage
    @usableFromInline var suffix: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var prefix = 0.0
    @usableFromInline var pushed = 0

    public init(length: Int, isMaximum: Bool) {
        self.length = max(1, length)
        sign = isMaximum ? 1 : -1
        block = KernelStorage(repeating: 0, count: self.length)
        suffix = KernelStorage(repeating: 0, count: self.length)
    }

    @inlinable @inline(__always)
    static func larger(_ a: Double, _ b: Double) -> Double { a > b ? a : b }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        let value = sign * x
        block[position] = value
        prefix = position == 0 ? value : Self.larger(prefix, value)
        let last = position == length &- 1
        let result = last ? prefix : Self.larger(prefix, suffix[position &+ 1])
        pushed &+= 1
        if last {
            completeBlock()
            position = 0
        } else {
            position &+= 1
        }
        return pushed >= length ? sign * result : .nan
    }

    /// Suffix maxima of the block just completed.
    @inlinable
    mutating func completeBlock() {
        var running = block[length &- 1]
        suffix[length &- 1] = running
        var index = length &- 2
        while index >= 0 {
            running = Self.larger(block[index], running)
            suffix[index] = running
            index &-= 1
        }
    }

    public mutating func reset() {
        position = 0
        pushed = 0
    }
}
