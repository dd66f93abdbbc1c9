/// The last `length` values and their running total. Once the window is full, each bar's change
/// d = new − leaving joins a group of four: the total shown on a bar is anchor + (the group's
/// changes so far, summed in order), and the fourth bar's total becomes the next anchor. The
/// loop-carried chain is then one addition per four bars instead of one per bar (the partial
/// sums of one group do not wait for the previous group's), which is what makes SMA and SUM
/// about twice as fast as TA-Lib's add-then-subtract. The rounding differs from TA-Lib's by a few
/// ulps of the total, far inside the 1e-9 parity tolerance. Both drivers step the same state, and
/// `runSteady` (the batch driver's loop) does the same additions in the same order, so they
/// agree bit for bit.
public struct RollingSum {
    /// Bars per group of the total's chain (`runSteady` is unrolled for exactly this many).
    @inlinable static var group: Int { 4 }

    public let length: Int
    @usableFromInline var window: KernelStorage
    @usableFromInline var position = 0
    @usableFromInline var filled = 0
    /// The total at the end of the last full group (the warm-up's sum while filling).
    @usableFromInline var anchor = 0.0
    /// The changes of the current group, summed in order.
    @usableFromInline var pending = 0.0
    /// Bars of the current group seen so far (0..<group).
    @usableFromInline var phase = 0

    public init(length: Int) {
        self.length = max(1, length)
        self.window = KernelStorage(repeating: 0, count: self.length)
    }

    /// Whether the window is full and at the start of a group: `runSteady` can take over.
    @inlinable public var isSteady: Bool { filled == length && phase == 0 }

    /// Adds `x` and returns the total of the last `length` values, or nil while warming up.
    @inlinable @inline(__always)
    public mutating func push(_ x: Double) -> Double? {
        let leaving = window[position]
        window[position] = x
        position = position + 1 == length ? 0 : position + 1
        if filled < length {
            anchor += x
            filled += 1
            return filled == length ? anchor : nil
        }
        let change = x - leaving
        pending = phase == 0 ? change : pending + change
        phase += 1
        let total = anchor + pending
        if phase == Self.group {
            anchor = total
            phase = 0
        }
        return total
    }

    /// The batch driver's steady loop, from bar `start` of the block (`isSteady` must hold and
    /// `start` be at least `length`, so that every leaving value is in the block itself): whole
    /// groups of `push`'s arithmetic, each total times `scale` into `output`, without touching
    /// the window, until fewer than a group of bars is left or a group holds an `na` (found by
    /// summing the group's values: a false alarm only hands the group to `push`). Then the
    /// window is brought to where pushing those bars would have left it. Returns the first bar
    /// not done.
    @inlinable
    public mutating func runSteady(_ input: UnsafeBufferPointer<Double>, from start: Int, scale: Double,
                                   into output: UnsafeMutableBufferPointer<Double>) -> Int {
        let count = min(input.count, output.count)
        let n = length
        // The anchor in both lanes: each lane's additions are the scalar ones, and the chain
        // from group to group is one vector addition (the optimizer would otherwise pair the
        // outputs and pull the next anchor out of a lane, a shuffle or two on the chain).
        var totals = SIMD2(repeating: anchor)
        let scales = SIMD2(repeating: scale)
        var index = start
        while index &+ Self.group <= count {
            let x0 = input[index], x1 = input[index &+ 1], x2 = input[index &+ 2], x3 = input[index &+ 3]
            if ((x0 + x1) + (x2 + x3)).isNaN { break }
            let p0 = x0 - input[index &- n]
            let p1 = p0 + (x1 - input[index &+ 1 &- n])
            let p2 = p1 + (x2 - input[index &+ 2 &- n])
            let p3 = p2 + (x3 - input[index &+ 3 &- n])
            let low = (totals + SIMD2(p0, p1)) * scales
            let high = (totals + SIMD2(p2, p3)) * scales
            output[index] = low[0]
            output[index &+ 1] = low[1]
            output[index &+ 2] = high[0]
            output[index &+ 3] = high[1]
            totals = totals + SIMD2(repeating: p3)
            index &+= Self.group
        }
        anchor = totals[0]
        position = window.catchUp(position: position, capacity: n, with: input, from: start, to: index)
        return index
    }

    public mutating func reset() {
        position = 0
        filled = 0
        anchor = 0
        pending = 0
        phase = 0
    }
}

/// A kernel whose state is a `RollingSum` and whose output is its total times a constant
/// (SMA, SUM): their batch loop, written once.
public protocol RollingSumKernel: UnaryBlockKernel {
    var rollingSum: RollingSum { get set }
    /// What the total is multiplied by.
    var scale: Double { get }
}

extension RollingSumKernel {
    /// The batch driver's loop: `step` for the block's first `length` bars (their leaving
    /// values are in the window), while warming up and up to a group boundary;
    /// `RollingSum.runSteady` for the rest; `step` again for what that leaves.
    @inlinable
    public mutating func run(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        let count = min(input.count, output.count)
        var index = 0
        while index < count, index < rollingSum.length || !rollingSum.isSteady {
            output[index] = step(input[index])
            index += 1
        }
        if index < count { index = rollingSum.runSteady(input, from: index, scale: scale, into: output) }
        while index < count {
            output[index] = step(input[index])
            index += 1
        }
    }
}

/// Simple moving average (TA-Lib SMA). Warm-up: length − 1.
/// The mean is the total times 1/length: a multiply, not a divide, per bar (within an ulp of
/// the correctly rounded quotient TA-Lib returns).
public struct SMAKernel: RollingSumKernel {
    public var rollingSum: RollingSum
    public let scale: Double

    public init(length: Int) {
        rollingSum = RollingSum(length: length)
        scale = 1 / Double(rollingSum.length)
    }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        guard let total = rollingSum.push(x) else { return .nan }
        return total * scale
    }

    public mutating func reset() { rollingSum.reset() }
}

/// Rolling sum (TA-Lib SUM). Warm-up: length − 1.
public struct SumKernel: RollingSumKernel {
    public var rollingSum: RollingSum
    /// A total times 1 is the total.
    @inlinable public var scale: Double { 1 }

    public init(length: Int) { rollingSum = RollingSum(length: length) }

    @inlinable @inline(__always)
    public mutating func step(_ x: Double) -> Double {
        guard !x.isNaN else { reset(); return .nan }
        return rollingSum.push(x) ?? .nan
    }

    public mutating func reset() { rollingSum.reset() }
}
