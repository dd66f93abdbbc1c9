/// Population standard deviation over the last `length` values, times `k` (TA-Lib STDDEV), or
/// the variance itself (TA-Lib VAR). Like TA-Lib 0.8 it keeps the sums of the deviations from
/// a shift near the window, s1 = Σ(x − shift) and s2 = Σ(x − shift)², each moved by one
/// addition per bar, so variance = s2/n − (s1/n)² never subtracts two price-sized squares.
/// The shift is moved to the window's mean, and both sums recomputed exactly, every 32 windows
/// and whenever the variance has shrunk below 1e-6 of s2/n (the subtraction would lose digits).
/// A negative rounding residue gives 0. Warm-up: length − 1.
public struct StdDevKernel: UnaryBlockKernel {
    public let length: Int
    public let k: Double
    /// Return the variance itself (TA-Lib VAR) instead of k × its square root.
    public let isVariance: Bool
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    @usableFromInline var shift = 0.0
    @usableFromInline var sum = 0.0
    @usableFromInline var squares = 0.0
    @usableFromInline var barsUntilRebuild = 0
    @usableFromInline let inverse: Double

    public init(length: Int, k: Double, isVariance: Bool = false) {
        self.length = max(1, length)
        self.k = k
        self.isVariance = isVariance
        self.window = KernelStorage(repeating: 0, count: self.length)
        inverse = 1 / Double(self.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        if filled == 0 { shift = x }
        let leaving = window[position]
        window[position] = x
        position = position &+ 1 == length ? 0 : position &+ 1
        let d = x - shift
        if filled < length {
            filled &+= 1
            sum += d
            squares += d * d
            guard filled == length else { return .nan }
            barsUntilRebuild = 32 &* length
        } else {
            let e = leaving - shift
            sum += d - e
            squares += d * d - e * e
        }
        var variance = Self.variance(sum: sum, squares: squares, inverse: inverse)
        barsUntilRebuild &-= 1
        if Self.mustRebuild(variance, squares: squares, inverse: inverse, barsLeft: barsUntilRebuild) {
            rebuild()
            variance = Self.variance(sum: sum, squares: squares, inverse: inverse)
        }
        return shown(variance)
    }

    /// s2/n − (s1/n)².
    @inlinable @inline(__always)
    static func variance(sum: Double, squares: Double, inverse: Double) -> Double {
        let meanDeviation = sum * inverse
        return squares * inverse - meanDeviation * meanDeviation
    }

    /// Every 32 windows, and whenever the variance has shrunk below 1e-6 of s2/n.
    @inlinable @inline(__always)
    static func mustRebuild(_ variance: Double, squares: Double, inverse: Double, barsLeft: Int) -> Bool {
        barsLeft <= 0 || variance < 0.000001 * (squares * inverse)
    }

    /// The window's mean as the new shift, and both sums from it, the window's `n` values read
    /// in storage order through `value` (`rebuild`'s and the block loop's arithmetic).
    @inlinable @inline(__always)
    static func sums(_ n: Int, inverse: Double, _ value: (Int) -> Double) -> (shift: Double, sum: Double, squares: Double) {
        var total = 0.0
        for j in 0..<n { total += value(j) }
        let shift = total * inverse
        var first = 0.0, second = 0.0
        for j in 0..<n {
            let d = value(j) - shift
            first += d
            second += d * d
        }
        return (shift, first, second)
    }

    /// What a bar shows for its variance.
    @inlinable @inline(__always)
    func shown(_ variance: Double) -> Double {
        if isVariance { return max(variance, 0) }
        return variance > 0 ? variance.squareRoot() * k : 0
    }

    /// The batch driver's loop: `step` for the block's first `length` bars and while filling,
    /// then `step`'s arithmetic with the sums in locals and the leaving value read from the
    /// block itself, until an na (which `step` then takes). A rebuild reads the window from the
    /// block in the ring's storage order, so its sums are `rebuild`'s exactly; the ring is
    /// brought up to date once, at the end.
    @inlinable
    public mutating func run(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        let count = min(input.count, output.count)
        var index = 0
        while index < count, index < length || filled < length {
            output[index] = step(input[index])
            index += 1
        }
        let start = index
        let n = length, inverse = inverse
        var sum = sum, squares = squares, shift = shift, barsLeft = barsUntilRebuild, slot = position
        while index < count {
            let x = input[index]
            if x.isNaN { break }
            let d = x - shift, e = input[index &- n] - shift
            sum += d - e
            squares += d * d - e * e
            // The ring's next slot: where bar `index` is stored, then one on.
            let stored = slot
            slot = slot &+ 1 == n ? 0 : slot &+ 1
            var variance = Self.variance(sum: sum, squares: squares, inverse: inverse)
            barsLeft &-= 1
            if Self.mustRebuild(variance, squares: squares, inverse: inverse, barsLeft: barsLeft) {
                // Storage slot j holds bar index − ((stored − j) mod n).
                barsLeft = 32 &* n
                let end = index
                (shift, sum, squares) = Self.sums(n, inverse: inverse) { input[end &- (stored &- $0 &+ n) % n] }
                variance = Self.variance(sum: sum, squares: squares, inverse: inverse)
            }
            output[index] = shown(variance)
            index &+= 1
        }
        if index > start {
            self.sum = sum
            self.squares = squares
            self.shift = shift
            barsUntilRebuild = barsLeft
            position = window.catchUp(position: position, capacity: n, with: input, from: start, to: index)
        }
        while index < count {
            output[index] = step(input[index])
            index += 1
        }
    }

    /// Moves the shift to the window's mean and recomputes both sums from the window.
    @usableFromInline
    mutating func rebuild() {
        barsUntilRebuild = 32 &* length
        let window = window
        (shift, sum, squares) = Self.sums(length, inverse: inverse) { window[$0] }
    }

    public mutating func reset() {
        position = 0
        filled = 0
        sum = 0
        squares = 0
    }
}
