import NZIR

/// A compiled, runnable script: an IR program plus the means to run it with any params over
/// any data, by either driver. A value: run it as often as you like.
public struct Program: Sendable {
    public let ir: IRProgram

    public init(ir: IRProgram) { self.ir = ir }

    /// Checks a full set of param values against the params' types and ranges.
    public func validate(params: [Double]) -> String? {
        guard params.count == ir.params.count else { return "expected \(ir.params.count) params, got \(params.count)" }
        for (param, value) in zip(ir.params, params) where !param.accepts(value) {
            return "param `\(param.name)` = \(value) is outside its type or range"
        }
        return nil
    }

    /// Runs every node over the whole frame (the research driver). Intermediate columns are
    /// recycled once dead unless `retainingAll` (for debugging and parity tests).
    public func evaluate(_ frame: Frame, params: [Double], retainingAll: Bool = false) -> Evaluation {
        BatchEvaluator(program: ir, params: params, retainsAll: retainingAll).run(frame)
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
}
