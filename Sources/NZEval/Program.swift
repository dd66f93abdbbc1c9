import NZIR
import NZSyntax

/// A compiled, runnable script: an IR program plus the means to run it with any params over
/// any data, by either driver. A value: run it as often as you like.
public struct Program: Sendable {
    public let ir: IRProgram

    public init(ir: IRProgram) { self.ir = ir }

    /// Checks a full set of param values: each against its type and range, and every window
    /// length (an int ≥ 1) and history offset (an int ≥ 0) they produce. The checker proves
    /// most of this statically; this catches what it could not bound. Returns the problem and
    /// where in the script it arises.
    public func validate(params: [Double]) -> (message: String, range: SourceRange?)? {
        guard params.count == ir.params.count else { return ("expected \(ir.params.count) params, got \(params.count)", nil) }
        for (param, value) in zip(ir.params, params) where !param.accepts(value) {
            return ("param `\(param.name)` = \(value) is outside its type or range", param.range)
        }
        let scalars = ScalarEvaluation.values(ir, params: params)
        for node in ir.nodes {
            switch node.op {
            case .kernel(let kind) where kind.lengthArgumentCount > 0:
                for offset in 0..<kind.lengthArgumentCount {
                    let length = scalars[node.inputs[kind.seriesInputCount + offset].index] ?? .nan
                    if !(length >= 1 && length <= 1e9 && length == length.rounded()) {
                        return ("the window length of `\(kind.rawValue)` is \(ASTPrinter.formatNumber(length)) with these params; it must be a whole number of at least 1", node.range)
                    }
                }
            case .kernel(.valueWhen):
                let occurrence = scalars[node.inputs[2].index] ?? .nan
                if !(occurrence >= 0 && occurrence <= 1e6 && occurrence == occurrence.rounded()) {
                    return ("the occurrence of `valuewhen` is \(ASTPrinter.formatNumber(occurrence)) with these params; it must be a whole number of at least 0", node.range)
                }
            case .shift:
                let offset = scalars[node.inputs[1].index] ?? .nan
                if !(offset >= 0 && offset <= 1e9 && offset == offset.rounded()) {
                    return ("a history offset is \(ASTPrinter.formatNumber(offset)) with these params; it must be a whole number of at least 0", node.range)
                }
            default: break
            }
        }
        if let broken = brokenConstraint(scalars) {
            return ("the params break the constraint `\(broken.name)`", ir.node(broken.value).range)
        }
        return nil
    }

    /// Whether a full set of param values meets every `constraint` of the script (an
    /// optimizer skips the combinations that do not).
    public func meetsConstraints(params: [Double]) -> Bool {
        brokenConstraint(ScalarEvaluation.values(ir, params: params)) == nil
    }

    /// The first `constraint` output that is false (or na) for these scalar values.
    private func brokenConstraint(_ scalars: [Double?]) -> IROutput? {
        ir.outputs.first { output in
            guard output.role == .constraint else { return false }
            let value = scalars[output.value.index] ?? .nan
            return value == 0 || value.isNaN
        }
    }

    /// Runs every node over the whole frame (the research driver). Intermediate columns are
    /// recycled once dead unless `retainingAll` (for debugging and parity tests).
    public func evaluate(_ frame: Frame, params: [Double], retainingAll: Bool = false) -> Evaluation {
        var pool = ColumnPool()
        return BatchEvaluator(program: ir, params: params, retainsAll: retainingAll).run(frame, pool: &pool)
    }

    /// The same, taking column buffers from `pool` (give them back with
    /// `Evaluation.recycle(into:)`): repeated runs over the same bars, as an optimizer sweep
    /// makes, then allocate nothing.
    public func evaluate(_ frame: Frame, params: [Double], pool: inout ColumnPool) -> Evaluation {
        BatchEvaluator(program: ir, params: params, retainsAll: false).run(frame, pool: &pool)
    }

    /// The same, reading the nodes of `precomputed` (node index → full column, computed for
    /// these params) instead of running them: how a sweep shares what its trials have in common.
    public func evaluate(_ frame: Frame, params: [Double], precomputed: [Int: [Double]], pool: inout ColumnPool) -> Evaluation {
        var evaluator = BatchEvaluator(program: ir, params: params, retainsAll: false)
        evaluator.precomputed = precomputed
        return evaluator.run(frame, pool: &pool)
    }

    /// The bars in each block of `evaluateBlocks` (the last may have fewer).
    public var blockSize: Int { BatchEvaluator.blockSize }

    /// Runs the research driver over bars `0..<end` block by block, handing each block's output
    /// values to `body` as soon as it is computed, without full output columns (see
    /// `EvaluatedBlock`). The values are those of `evaluate`, bit for bit.
    public func evaluateBlocks(_ frame: Frame, params: [Double], precomputed: [Int: [Double]] = [:], upTo end: Int? = nil,
                               _ body: (EvaluatedBlock) -> Void) {
        var evaluator = BatchEvaluator(program: ir, params: params, retainsAll: false)
        evaluator.precomputed = precomputed
        evaluator.stream(frame, end: end ?? frame.count, body)
    }

    /// A streaming evaluator to be fed one bar at a time (the paper and live driver).
    public func makeStream(params: [Double]) -> StreamingEvaluator {
        StreamingEvaluator(program: ir, params: params)
    }
}

/// The values of a batch evaluation: a column per live series node, a value per scalar node.
public struct Evaluation: Sendable {
    public let count: Int
    let columns: [[Double]?]
    let scalars: [Double?]
    /// Which columns are the evaluation's own (not the frame's input columns).
    let ownsColumn: [Bool]

    /// The node's column; a scalar node is repeated over every bar.
    public func column(_ value: IRValue) -> [Double] {
        if let column = columns[value.index] { return column }
        return [Double](repeating: scalars[value.index] ?? .nan, count: count)
    }

    /// The node's value at one bar.
    public func value(_ value: IRValue, at bar: Int) -> Double {
        if let column = columns[value.index] { return column[bar] }
        return scalars[value.index] ?? .nan
    }

    /// The node's value when it is run-constant (scalar), else nil.
    public func scalar(_ value: IRValue) -> Double? { scalars[value.index] }

    /// Hands the columns this evaluation owns back to `pool` for the next run.
    public consuming func recycle(into pool: inout ColumnPool) {
        for (index, column) in columns.enumerated() where ownsColumn[index] {
            if let column { pool.give(column) }
        }
    }
}

/// Column buffers kept between batch evaluations, so that running a program again over bars
/// of the same length reuses memory instead of allocating (and faulting in) fresh pages.
public struct ColumnPool: Sendable {
    var buffers: [[Double]] = []

    public init() {}

    /// A buffer of exactly `count` elements: a recycled one, or a new one left unfilled (every
    /// op writes all of its elements).
    mutating func take(_ count: Int) -> [Double] {
        while let buffer = buffers.popLast() {
            if buffer.count == count { return buffer }
        }
        return [Double](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    mutating func give(_ buffer: [Double]) { buffers.append(buffer) }
}
