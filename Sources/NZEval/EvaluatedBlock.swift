import NZIR

/// One block of a streamed batch evaluation (`Program.evaluateBlocks`): the values of the
/// program's outputs for bars `start..<start + count`, valid only while the block is being
/// handed over (they live in the evaluator's scratch memory or in the input columns).
public struct EvaluatedBlock {
    public let start: Int
    public let count: Int
    let operands: [BlockOperand]
    /// Output node index → its operand.
    let position: [Int: Int]

    /// An output's values in this block: `count` of them, or one value for the whole run.
    public enum Values {
        case block(UnsafeBufferPointer<Double>)
        case scalar(Double)

        /// The value at bar `index` of the block (0-based within it).
        @inline(__always)
        public subscript(_ index: Int) -> Double {
            switch self {
            case .block(let values): return values[index]
            case .scalar(let value): return value
            }
        }
    }

    /// The values of an output of the program (any node that is one of its outputs).
    public func values(_ output: IRValue) -> Values {
        guard let offset = position[output.index] else { return .scalar(.nan) }
        switch operands[offset] {
        case .block(let values): return .block(values)
        case .scalar(let value): return .scalar(value)
        }
    }
}
