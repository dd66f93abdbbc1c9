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

extension EvaluatedBlock {
    /// How many values `copy(into:)` needs: `count` per output that has a value per bar.
    public var valueCount: Int {
        operands.reduce(0) { total, operand in
            if case .block = operand { return total + count }
            return total
        }
    }

    /// The same block with its values copied into `storage` (at least `valueCount` values), so
    /// that it stays valid after the evaluator moves on: what hands a block to another thread.
    public func copy(into storage: UnsafeMutableBufferPointer<Double>) -> EvaluatedBlock {
        var offset = 0
        let copied = operands.map { operand -> BlockOperand in
            guard case .block(let values) = operand, let base = storage.baseAddress else { return operand }
            let target = UnsafeMutableBufferPointer(start: base + offset, count: values.count)
            _ = target.initialize(fromContentsOf: values)
            offset += values.count
            return .block(UnsafeBufferPointer(target))
        }
        return EvaluatedBlock(start: start, count: count, operands: copied, position: position)
    }
}
