/// The per-bar returns off an equity curve, read by position: r = e[k + 1] / e[k] − 1, 0 when
/// flat, computed where read.
struct CurveReturns {
    let equity: UnsafeBufferPointer<Double>
    init(_ equity: UnsafeBufferPointer<Double>) { self.equity = equity }
    var count: Int { max(0, equity.count - 1) }
    @inline(__always)
    subscript(_ index: Int) -> Double {
        let previous = equity[index], value = equity[index + 1]
        return value == previous ? 0 : value / previous - 1
    }

    /// The return is 0 exactly where the equity is unchanged (the test stops at the first
    /// change, at once on most bars with a position).
    @inline(__always)
    func isFlat(from start: Int, count: Int) -> Bool {
        var index = start
        let end = start + count
        // Four at a time (no early exit within the four: a bar with a position fails the first).
        while index + 4 <= end {
            let previous = SIMD4(equity[index], equity[index + 1], equity[index + 2], equity[index + 3])
            let value = SIMD4(equity[index + 1], equity[index + 2], equity[index + 3], equity[index + 4])
            guard all(value .== previous) else { return false }
            index += 4
        }
        while index < end, equity[index + 1] == equity[index] { index += 1 }
        return index == end
    }

    /// Four returns per step, in vector registers: the divisions, the costly part, go two or
    /// four at a time (each the same IEEE division as `self[k]`, so the values are identical).
    @inline(__always)
    func copy(from start: Int, count: Int, into out: UnsafeMutableBufferPointer<Double>) {
        var offset = 0
        while offset + 4 <= count {
            let at = start + offset
            let previous = SIMD4(equity[at], equity[at + 1], equity[at + 2], equity[at + 3])
            let value = SIMD4(equity[at + 1], equity[at + 2], equity[at + 3], equity[at + 4])
            let r = (value / previous - 1).replacing(with: 0, where: value .== previous)
            out[offset] = r[0]
            out[offset + 1] = r[1]
            out[offset + 2] = r[2]
            out[offset + 3] = r[3]
            offset += 4
        }
        while offset < count {
            out[offset] = self[start + offset]
            offset += 1
        }
    }
}

/// Returns kept in an array (a curve with a zero equity, whose later returns are skipped).
struct StoredReturns {
    let values: UnsafeBufferPointer<Double>
    init(_ values: UnsafeBufferPointer<Double>) { self.values = values }
    var count: Int { values.count }
    @inline(__always)
    subscript(_ index: Int) -> Double { values[index] }

    func isFlat(from start: Int, count: Int) -> Bool {
        var index = start
        while index < start + count, values[index] == 0 { index += 1 }
        return index == start + count
    }

    func copy(from start: Int, count: Int, into out: UnsafeMutableBufferPointer<Double>) {
        for offset in 0..<count { out[offset] = values[start + offset] }
    }
}

/// Σ f(r) accumulated in four interleaved partial sums (return i into sum i mod 4), added as
/// (s0 + s1) + (s2 + s3): four independent chains of additions instead of one, and a fixed
/// order, so the result is the same on every run (docs/conventions.md#metrics). Values can be
/// added in several calls; every call but the last must add a multiple of 4.
struct LaneSums {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0

    @inline(__always)
    mutating func add(_ values: UnsafeBufferPointer<Double>, _ f: (Double) -> Double) {
        var index = 0
        let count = values.count
        while index + 4 <= count {
            s0 += f(values[index])
            s1 += f(values[index + 1])
            s2 += f(values[index + 2])
            s3 += f(values[index + 3])
            index += 4
        }
        if index < count { s0 += f(values[index]) }
        if index + 1 < count { s1 += f(values[index + 1]) }
        if index + 2 < count { s2 += f(values[index + 2]) }
    }

    var total: Double { (s0 + s1) + (s2 + s3) }
}
