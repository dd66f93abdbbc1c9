/// TA-Lib MIDPOINT: (highest + lowest) / 2 of the last `length` values. Warm-up: length − 1.
///
/// The highest and the lowest come from one pass over one window, by the van Herk/Gil-Werman
/// scheme `WindowMaxKernel` uses (a running prefix extreme of the current block of `length`
/// values and the previous block's suffix extremes), with the block, its position and the
/// count shared between the two. The suffix tables end with a sentinel (−∞ for the maxima, +∞
/// for the minima), so the last bar of a block needs no test: the window is then the block.
public struct MidpointKernel: UnaryKernel {
    public let length: Int
    @usableFromInline var block: KernelStorage
    @usableFromInline var suffixMax: KernelStorage
    @usableFromInline var suffixMin: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var prefixMax = 0.0
    @usableFromInline var prefixMin = 0.0
    @usableFromInline var pushed = 0

    public init(length: Int) {
        self.length = max(1, length)
        block = KernelStorage(repeating: 0, count: self.length)
        suffixMax = KernelStorage(repeating: -.infinity, count: self.length + 1)
        suffixMin = KernelStorage(repeating: .infinity, count: self.length + 1)
    }

    @inlinable @inline(__always)
    static func larger(_ a: Double, _ b: Double) -> Double { a > b ? a : b }

    @inlinable @inline(__always)
    static func smaller(_ a: Double, _ b: Double) -> Double { a < b ? a : b }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        block[position] = x
        let first = position == 0
        prefixMax = first ? x : Self.larger(prefixMax, x)
        prefixMin = first ? x : Self.smaller(prefixMin, x)
        let top = Self.larger(prefixMax, suffixMax[position &+ 1])
        let bottom = Self.smaller(prefixMin, suffixMin[position &+ 1])
        pushed &+= 1
        if position == length &- 1 {
            completeBlock()
            position = 0
        } else {
            position &+= 1
        }
        return pushed >= length ? (top + bottom) / 2 : .nan
    }

    /// Suffix extremes of the block just completed (the sentinels past its end stay).
    @inlinable
    mutating func completeBlock() {
        var high = block[length &- 1], low = high
        suffixMax[length &- 1] = high
        suffixMin[length &- 1] = low
        var index = length &- 2
        while index >= 0 {
            let value = block[index]
            high = Self.larger(value, high)
            low = Self.smaller(value, low)
            suffixMax[index] = high
            suffixMin[index] = low
            index &-= 1
        }
    }

    public mutating func reset() {
        position = 0
        pushed = 0
    }
}
