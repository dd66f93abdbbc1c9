import NZIR
import NZRuntime

/// The research driver: runs the program over all bars one block of `blockSize` bars at a time.
/// Within a block each node runs over its whole block (so dispatch costs are paid per block,
/// not per bar), kernels keep their state from block to block, and intermediate values live
/// in small scratch blocks that stay in cache: only outputs are written to full columns. A
/// chain of element-wise ops therefore costs its arithmetic, not a trip to memory per op.
/// Scalar nodes are computed once.
struct BatchEvaluator {
    /// Bars per block: 16 KB per scratch value, small enough that a program's live values stay
    /// in the core's cache, large enough that per-block dispatch is noise.
    static let blockSize = 16384

    let program: IRProgram
    let params: [Double]
    let retainsAll: Bool
    /// Full columns of some nodes, already computed for these params (a sweep's shared
    /// columns, `SweepCache`): they are read like input columns, and nodes only they needed
    /// are not run at all.
    var precomputed: [Int: [Double]] = [:]

    /// Where a node's values are: the frame's column, a full output column, a scratch slot, or
    /// (run-constant nodes) a scalar.
    private indirect enum Place {
        case frame([Double])
        case output(OutputColumn)
        case scratch(Int)
        case scalar(Double)
        /// x[t − offset] of a full column (`base`), read in place; materialized into the scratch
        /// slot only for blocks that start before bar `offset`.
        case history(base: Place, offset: Int, slot: Int)
    }

    /// A full column being filled block by block (a class so that reading one output while
    /// writing another is not an overlapping access to one array of arrays).
    private final class OutputColumn {
        var values: [Double]
        init(_ values: [Double]) { self.values = values }
    }

    /// Where every node's values live and what runs them, decided once before the first block.
    private struct Layout {
        var places: [Place]
        var runners: [BlockRunner?]
        var models: [Int: ModelRunner]
        var historyOffsets: [Int?]
        var isNeeded: [Bool]
        var isOutput: [Bool]
        var slotCount: Int
        var scalars: [Double?]
    }

    func run(_ frame: Frame, pool: inout ColumnPool) -> Evaluation {
        let layout = plan(frame, pool: &pool, streaming: false)
        let nodes = program.nodes
        blocks(layout, frame: frame, end: frame.count) { _, _, _, _ in }
        var columns = [[Double]?](repeating: nil, count: nodes.count)
        var owns = [Bool](repeating: false, count: nodes.count)
        for (index, place) in layout.places.enumerated() {
            switch place {
            case .output(let column):
                columns[index] = column.values
                owns[index] = true
            case .frame(let values) where layout.isOutput[index]: columns[index] = values
            default: break
            }
        }
        return Evaluation(count: frame.count, columns: columns, scalars: layout.scalars, ownsColumn: owns)
    }

    /// Runs the blocks of bars `0..<end` and hands each block's output values to `body` as soon
    /// as the block is done, without ever filling a full output column: what a backtest reads
    /// bar by bar needs no more memory than a block.
    func stream(_ frame: Frame, end: Int, _ body: (EvaluatedBlock) -> Void) {
        var pool = ColumnPool()
        let layout = plan(frame, pool: &pool, streaming: true)
        let outputs = program.outputs.map(\.value)
        var position: [Int: Int] = [:]
        for (offset, value) in outputs.enumerated() where position[value.index] == nil { position[value.index] = offset }
        blocks(layout, frame: frame, end: min(end, frame.count)) { start, length, scratch, addresses in
            let operands = outputs.map { addresses[$0.index].operand(start: start, length: length, scratch: scratch) }
            body(EvaluatedBlock(start: start, count: length, operands: operands, position: position))
        }
    }

    private func plan(_ frame: Frame, pool: inout ColumnPool, streaming: Bool) -> Layout {
        let count = frame.count
        let nodes = program.nodes
        let scalars = ScalarEvaluation.values(program, params: params)
        var isOutput = [Bool](repeating: retainsAll, count: nodes.count)
        for output in program.outputs { isOutput[output.value.index] = true }
        // What must run: the outputs and their inputs, back to the precomputed columns.
        var isNeeded = isOutput
        for index in nodes.indices.reversed() where isNeeded[index] && precomputed[index] == nil {
            for input in nodes[index].inputs { isNeeded[input.index] = true }
        }

        // Plan once: each series node's place, and the stateful runner of kernels and shifts.
        var places = [Place](repeating: .scalar(.nan), count: nodes.count)
        var runners = [BlockRunner?](repeating: nil, count: nodes.count)
        var models: [Int: ModelRunner] = [:]
        var lastUse = [Int](repeating: -1, count: nodes.count)
        for (index, node) in nodes.enumerated() where isNeeded[index] && precomputed[index] == nil {
            for input in node.inputs { lastUse[input.index] = index }
        }
        // Streamed outputs stay in their scratch slots until the block has been handed over.
        if streaming { for index in nodes.indices where isOutput[index] { lastUse[index] = Int.max } }
        var historyOffsets = [Int?](repeating: nil, count: nodes.count)
        var freeSlots: [Int] = []
        var slotCount = 0
        for (index, node) in nodes.enumerated() {
            guard node.shape == .series else {
                places[index] = .scalar(scalars[index] ?? .nan)
                continue
            }
            guard isNeeded[index] else { continue }
            if let column = precomputed[index] {
                places[index] = .frame(column)
                continue
            }
            switch node.op {
            case .column(let column): places[index] = .frame(frame.column(column))
            case .timeframe(let block): places[index] = .frame(TimeframeColumn.compute(block, frame: frame, params: params))
            default:
                if isOutput[index], !streaming {
                    places[index] = .output(OutputColumn(pool.take(count)))
                } else if let slot = freeSlots.popLast() {
                    places[index] = .scratch(slot)
                } else {
                    places[index] = .scratch(slotCount)
                    slotCount += 1
                }
            }
            switch node.op {
            case .shift:
                let offset = KernelFactory.offset(scalars[node.inputs[1].index])
                let base = places[node.inputs[0].index]
                switch (base, places[index]) {
                case (.frame, .scratch(let slot)), (.output, .scratch(let slot)):
                    places[index] = .history(base: base, offset: offset, slot: slot)
                case (.frame, _), (.output, _):
                    historyOffsets[index] = offset
                default:
                    runners[index] = BlockRunner.unary(ShiftKernel(offset: offset))
                }
            case .kernel(let kind):
                let arguments = node.inputs.dropFirst(kind.seriesInputCount).map { scalars[$0.index] ?? .nan }
                runners[index] = KernelFactory.makeRunner(kind, arguments: arguments)
            case .model(let model):
                models[index] = ModelRunner(model, arguments: node.inputs.dropFirst(model.seriesInputCount).map { scalars[$0.index] ?? .nan })
            default: break
            }
            // A scratch slot is free again once its last reader has run (this block's schedule
            // is every block's, so the assignment holds throughout).
            for input in Set(node.inputs) where lastUse[input.index] == index {
                switch places[input.index] {
                case .scratch(let slot), .history(_, _, let slot): freeSlots.append(slot)
                default: break
                }
            }
        }

        return Layout(places: places, runners: runners, models: models, historyOffsets: historyOffsets, isNeeded: isNeeded, isOutput: isOutput,
                      slotCount: slotCount, scalars: scalars)
    }

    /// Computes every needed node over each block of `0..<end` in turn; `done` is called after
    /// each block with its start, its length, the scratch memory and every node's address.
    private func blocks(_ layout: Layout, frame: Frame, end count: Int,
                        _ done: (Int, Int, UnsafeMutablePointer<Double>, [Address]) -> Void) {
        let nodes = program.nodes
        let (runners, historyOffsets, isNeeded) = (layout.runners, layout.historyOffsets, layout.isNeeded)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, layout.slotCount) * Self.blockSize)
        defer { scratch.deallocate() }
        let columnLength = frame.count
        withAddresses(layout, columnLength: columnLength) { addresses in
            var start = 0
            while start < count {
                let length = min(Self.blockSize, count - start)
                for (index, node) in nodes.enumerated() where node.shape == .series && isNeeded[index] {
                    let out: UnsafeMutableBufferPointer<Double>
                    switch addresses[index] {
                    case .none, .scalar, .column:
                        continue  // not run, run-constant, or an input, precomputed or `on` block column
                    case .history(let column, let offset, let slot):
                        // Read in place by its readers, except in blocks that start before `offset`.
                        if start < offset {
                            Self.shift(UnsafeBufferPointer(start: column, count: columnLength), by: offset, start: start,
                                       into: UnsafeMutableBufferPointer(start: scratch + slot * Self.blockSize, count: length))
                        }
                        continue
                    case .output(let column): out = UnsafeMutableBufferPointer(start: column + start, count: length)
                    case .scratch(let slot): out = UnsafeMutableBufferPointer(start: scratch + slot * Self.blockSize, count: length)
                    }
                    if case .shift = node.op, let offset = historyOffsets[index] {
                        // History of a full column: read it back `offset` bars, no ring needed.
                        if let column = addresses[node.inputs[0].index].column {
                            Self.shift(UnsafeBufferPointer(start: column, count: columnLength), by: offset, start: start, into: out)
                        }
                        continue
                    }
                    let operands = node.inputs.map { addresses[$0.index].operand(start: start, length: length, scratch: scratch) }
                    if let model = layout.models[index] {
                        model.run(operands, into: out)
                        continue
                    }
                    runNode(node, index: index, start: start, operands: operands, runner: runners[index], into: out)
                }
                done(start, length, scratch, addresses)
                start += length
            }
        }
    }

    /// Computes one node over one block.
    private func runNode(_ node: IRNode, index: Int, start: Int, operands: [BlockOperand], runner: BlockRunner?,
                         into out: UnsafeMutableBufferPointer<Double>) {
        switch node.op {
        case .barIndex:
            for bar in 0..<out.count { out[bar] = Double(start + bar) }
        case .unary(let op):
            ElementwiseLoops.unary(op, operands[0], into: out)
        case .binary(let op):
            ElementwiseLoops.binary(op, operands[0], operands[1], into: out)
        case .select:
            ElementwiseLoops.select(operands[0], operands[1], operands[2], into: out)
        case .shift, .kernel:
            guard let runner else { return }
            let count = node.op == .shift ? 1 : (node.op.kernelKind?.seriesInputCount ?? 1)
            // A run-constant series input (a kernel of a constant) is repeated over the block.
            var repeated: [[Double]] = []
            for operand in operands.prefix(count) {
                if case .scalar(let value) = operand { repeated.append([Double](repeating: value, count: out.count)) }
            }
            func buffers(_ done: [UnsafeBufferPointer<Double>], _ next: Int, _ used: Int) {
                guard next < count else {
                    return runner.run(done[0], count > 1 ? done[1] : done[0], count > 2 ? done[2] : done[0],
                                      count > 3 ? done[3] : done[0], into: out)
                }
                switch operands[next] {
                case .block(let values): buffers(done + [values], next + 1, used)
                case .scalar: repeated[used].withUnsafeBufferPointer { buffers(done + [$0], next + 1, used + 1) }
                }
            }
            buffers([], 0, 0)
        case .column, .constant, .param, .timeframe, .model, .label:
            break
        }
    }

    /// x[t − offset] for the bars of one block, read from x's full column (na before bar offset).
    private static func shift(_ column: UnsafeBufferPointer<Double>, by offset: Int, start: Int,
                              into out: UnsafeMutableBufferPointer<Double>) {
        for bar in 0..<out.count {
            let source = start + bar - offset
            out[bar] = source >= 0 ? column[source] : .nan
        }
    }

    /// Where a node's values are while every full column is pinned (`withAddresses`): resolved
    /// once per run, so a block costs pointer arithmetic, not a pin (and its retains) per input.
    private enum Address {
        case none
        case column(UnsafePointer<Double>)
        case output(UnsafeMutablePointer<Double>)
        case scratch(Int)
        case scalar(Double)
        case history(column: UnsafePointer<Double>, offset: Int, slot: Int)

        /// The start of the full column, for a frame, precomputed or output column.
        var column: UnsafePointer<Double>? {
            switch self {
            case .column(let values): return values
            case .output(let values): return UnsafePointer(values)
            default: return nil
            }
        }

        /// The node's values for one block, as an input of another node.
        func operand(start: Int, length: Int, scratch: UnsafeMutablePointer<Double>) -> BlockOperand {
            switch self {
            case .none: return .scalar(.nan)
            case .scalar(let value): return .scalar(value)
            case .scratch(let slot): return .block(UnsafeBufferPointer(start: scratch + slot * BatchEvaluator.blockSize, count: length))
            case .column(let values): return .block(UnsafeBufferPointer(start: values + start, count: length))
            case .output(let values): return .block(UnsafeBufferPointer(start: values + start, count: length))
            case .history(let values, let offset, let slot):
                if start < offset { return .block(UnsafeBufferPointer(start: scratch + slot * BatchEvaluator.blockSize, count: length)) }
                return .block(UnsafeBufferPointer(start: values + (start - offset), count: length))
            }
        }
    }

    /// Full columns pinned on the caller's stack; a program with more (thousands of outputs)
    /// is pinned and run on a thread whose stack has room for its nested pins.
    static let pinsOnCallerStack = 256

    /// Pins every full column of the layout (the frame's, precomputed and output columns) for
    /// the length of `body` and hands it each node's address. Each pin nests one closure in
    /// the next (a pointer from `withUnsafeBufferPointer` is valid only inside its closure).
    /// Every full column has `columnLength` values (the blocks read them unchecked).
    private func withAddresses(_ layout: Layout, columnLength: Int, _ body: ([Address]) -> Void) {
        let places = layout.places
        var addresses = [Address](repeating: .none, count: places.count)
        let pinned = places.indices.filter { index in
            switch places[index] {
            case .frame, .output: return true
            default: return false
            }
        }
        func pin(_ next: Int) {
            guard next < pinned.count else {
                for (index, place) in places.enumerated() {
                    switch place {
                    case .scratch(let slot): addresses[index] = .scratch(slot)
                    case .scalar(let value): addresses[index] = .scalar(value)
                    case .history(_, let offset, let slot):
                        // Its base is the place of the node's input, pinned above.
                        if let column = addresses[program.nodes[index].inputs[0].index].column {
                            addresses[index] = .history(column: column, offset: offset, slot: slot)
                        }
                    case .frame, .output: break
                    }
                }
                return body(addresses)
            }
            let index = pinned[next]
            switch places[index] {
            case .frame(let values):
                values.withUnsafeBufferPointer { all in
                    precondition(all.count == columnLength, "a full column of \(all.count) values for \(columnLength) bars")
                    if let base = all.baseAddress { addresses[index] = .column(base) }
                    pin(next + 1)
                }
            case .output(let column):
                column.values.withUnsafeMutableBufferPointer { all in
                    precondition(all.count == columnLength, "an output column of \(all.count) values for \(columnLength) bars")
                    if let base = all.baseAddress { addresses[index] = .output(base) }
                    pin(next + 1)
                }
            default: pin(next + 1)
            }
        }
        guard pinned.count > Self.pinsOnCallerStack else { return pin(0) }
        // Under 2.5 KB a nested pin in a debug build (a few hundred bytes optimized).
        DeepStack.run(stackSize: (1 << 20) + pinned.count * 4096) { pin(0) }
    }
}

extension IROp {
    var kernelKind: KernelKind? {
        if case .kernel(let kind) = self { return kind }
        return nil
    }
}
