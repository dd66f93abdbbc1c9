/// A kernel over one input series: a small state machine whose `step` takes this bar's input
/// and returns this bar's output. The batch driver loops `step` over a column; the streaming
/// driver calls it once per new bar. Same code, same order of operations, so both give
/// bit-identical results.
///
/// Missing values: a kernel's window must be free of `na`. An `na` input resets the kernel,
/// which returns `na` and warms up again from the next value. Leading `na`s (an input's own
/// warm-up) therefore just delay the kernel, which is how TA-Lib chains indicators.
public protocol UnaryKernel {
    mutating func step(_ x: Double) -> Double
    mutating func reset()
}

/// A kernel over two input series.
public protocol BinaryKernel {
    mutating func step(_ a: Double, _ b: Double) -> Double
    mutating func reset()
}

/// A kernel over three input series.
public protocol TernaryKernel {
    mutating func step(_ a: Double, _ b: Double, _ c: Double) -> Double
    mutating func reset()
}

/// A kernel over four input series (a bar's four prices, or three and its volume).
public protocol QuadKernel {
    mutating func step(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double
    mutating func reset()
}

/// A kernel over a bar's high, low and close.
public protocol BarKernel {
    mutating func step(high: Double, low: Double, close: Double) -> Double
    mutating func reset()
}

/// A kernel with a batch loop of its own, which must give exactly what `step` gives bar by
/// bar, whatever the block boundaries (`BlockLoopTests`).
public protocol UnaryBlockKernel: UnaryKernel {
    mutating func run(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>)
}

/// A bar kernel with a batch loop of its own, which must give exactly what `step` gives bar by
/// bar, whatever the block boundaries (`BlockLoopTests`).
public protocol BarBlockKernel: BarKernel {
    mutating func run(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      into output: UnsafeMutableBufferPointer<Double>)
}

/// A four-input kernel with a batch loop of its own, which must give exactly what `step` gives
/// bar by bar, whatever the block boundaries (`BlockLoopTests`).
public protocol QuadBlockKernel: QuadKernel {
    mutating func run(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ c: UnsafeBufferPointer<Double>,
                      _ d: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>)
}

/// Tolerances TA-Lib uses for near-zero tests (`TA_IS_ZERO`, `TA_IS_ZERO_OR_NEG`).
public enum TALibTolerance {
    public static let zero = 0.00000001

    @inlinable public static func isZero(_ value: Double) -> Bool { -zero < value && value < zero }
    @inlinable public static func isZeroOrNegative(_ value: Double) -> Bool { value < zero }
}
