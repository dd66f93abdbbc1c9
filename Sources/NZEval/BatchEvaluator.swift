import NZIR
import NZRuntime

/// The research driver: evaluates one IR node at a time over all bars (so dispatch costs are
/// paid per column, not per bar). Scalar nodes are computed once. A node's buffer returns to
/// a pool after its last use, unless it is an output, so long programs reuse memory.
struct BatchEvaluator {
    let program: IRProgram
    let params: [Double]
    let retainsAll: Bool

    func run(_ frame: Frame, pool columnPool: inout ColumnPool) -> Evaluation {
        let count = frame.count
        let scalars = ScalarEvaluation.values(program, params: params)
        var columns = [[Double]?](repeating: nil, count: program.nodes.count)
        let lastUse = lastUses()
        var isOutput = [Bool](repeating: retainsAll, count: program.nodes.count)
        for output in program.outputs { isOutput[output.value.index] = true }

        /// A column buffer: a recycled one, or a new one left unfilled, since every op writes
        /// each of its `count` elements (filling it first would touch 8 bytes per bar twice).
        func take() -> [Double] { columnPool.take(count) }
        /// An input of an element-wise op: its column, or its run-constant value.
        func elementOperand(_ value: IRValue) -> Operand {
            if let column = columns[value.index] { return .column(column) }
            return .scalar(scalars[value.index] ?? .nan)
        }
        /// An input as a column, broadcasting scalars (kernels and shifts).
        func operand(_ value: IRValue) -> [Double] {
            columns[value.index] ?? [Double](repeating: scalars[value.index] ?? .nan, count: count)
        }

        for (index, node) in program.nodes.enumerated() where node.shape == .series {
            switch node.op {
            case .column(let column):
                columns[index] = frame.column(column)
            case .barIndex:
                var out = take()
                for bar in 0..<count { out[bar] = Double(bar) }
                columns[index] = out
            case .unary(let op):
                var out = take()
                ElementwiseLoops.unary(op, operand(node.inputs[0]), into: &out)
                columns[index] = out
            case .binary(let op):
                var out = take()
                ElementwiseLoops.binary(op, elementOperand(node.inputs[0]), elementOperand(node.inputs[1]), into: &out)
                columns[index] = out
            case .select:
                var out = take()
                ElementwiseLoops.select(elementOperand(node.inputs[0]), elementOperand(node.inputs[1]), elementOperand(node.inputs[2]), into: &out)
                columns[index] = out
            case .shift:
                var out = take()
                var kernel = ShiftKernel(offset: KernelFactory.offset(scalars[node.inputs[1].index]))
                let input = operand(node.inputs[0])
                input.withUnsafeBufferPointer { source in
                    out.withUnsafeMutableBufferPointer { target in BatchDriver.run(&kernel, source, into: target) }
                }
                columns[index] = out
            case .kernel(let kind):
                var out = take()
                let seriesInputs = node.inputs.prefix(kind.seriesInputCount).map(operand)
                let arguments = node.inputs.dropFirst(kind.seriesInputCount).map { scalars[$0.index] ?? .nan }
                withBuffers(seriesInputs) { buffers in
                    out.withUnsafeMutableBufferPointer { target in
                        KernelFactory.runBatch(kind, arguments: arguments, inputs: buffers, into: target)
                    }
                }
                columns[index] = out
            case .constant, .param:
                break
            }
            // Release inputs whose last use was this node.
            for input in Set(node.inputs) where lastUse[input.index] == index && !isOutput[input.index] {
                if let buffer = columns[input.index], program.nodes[input.index].op.ownsBuffer {
                    columnPool.give(buffer)
                }
                columns[input.index] = nil
            }
        }
        let owns = program.nodes.map(\.op.ownsBuffer)
        return Evaluation(count: count, columns: columns, scalars: scalars, ownsColumn: owns)
    }

    /// For each node, the index of the last node that reads it.
    private func lastUses() -> [Int] {
        var last = [Int](repeating: -1, count: program.nodes.count)
        for (index, node) in program.nodes.enumerated() {
            for input in node.inputs { last[input.index] = index }
        }
        return last
    }

    private func withBuffers(_ arrays: [[Double]], _ body: ([UnsafeBufferPointer<Double>]) -> Void) {
        switch arrays.count {
        case 1: arrays[0].withUnsafeBufferPointer { body([$0]) }
        case 2: arrays[0].withUnsafeBufferPointer { a in arrays[1].withUnsafeBufferPointer { b in body([a, b]) } }
        default:
            arrays[0].withUnsafeBufferPointer { a in
                arrays[1].withUnsafeBufferPointer { b in arrays[2].withUnsafeBufferPointer { c in body([a, b, c]) } }
            }
        }
    }
}

extension IROp {
    /// Whether the node's column is its own (not the frame's), so it may be reused.
    var ownsBuffer: Bool {
        if case .column = self { return false }
        return true
    }
}
