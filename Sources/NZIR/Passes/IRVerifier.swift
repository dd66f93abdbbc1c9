/// Checks the IR's invariants; run after every lowering in tests and in the compiler.
/// Returns a description of the first violation, or nil.
///
/// Invariants: inputs precede their node (SSA, topological order); each op has its arity;
/// kernel arguments and shift offsets are scalar (run-constant); a node's shape is series
/// exactly when it reads a column or a series input; its param set is the union of its
/// inputs' (plus its own param); outputs point at existing nodes; no two nodes are identical.
public enum IRVerifier {
    public static func verify(_ program: IRProgram) -> String? {
        var seen: Set<[AnyHashable]> = []
        for (index, node) in program.nodes.enumerated() {
            let name = "%\(index)"
            guard node.inputs.count == node.op.arity else { return "\(name) has \(node.inputs.count) inputs, its op takes \(node.op.arity)" }
            for input in node.inputs where input.index >= index || input.index < 0 {
                return "\(name) uses \(input), which does not precede it"
            }
            let inputs = node.inputs.map { program.nodes[$0.index] }
            var params = ParamSet()
            for input in inputs { params = params.union(input.params) }
            if case .param(let slot) = node.op {
                guard slot >= 0, slot < program.params.count else { return "\(name) reads unknown param \(slot)" }
                params = params.union(ParamSet([slot]))
            }
            if case .timeframe(let block) = node.op {
                if let failure = verify(block.program) { return "\(name)'s block: \(failure)" }
                params = block.program.nodes[block.output.index].params.union(ParamSet([block.intervalParam]))
            }
            guard params == node.params else { return "\(name) has params \(node.params), expected \(params)" }
            let expectedShape: IRShape
            switch node.op {
            case .constant, .param: expectedShape = .scalar
            case .column, .barIndex, .kernel, .shift, .timeframe, .model: expectedShape = .series
            case .label: return "\(name) is a look-ahead label left in a runnable program"
            case .unary, .binary, .select: expectedShape = inputs.contains { $0.shape == .series } ? .series : .scalar
            }
            guard node.shape == expectedShape else { return "\(name) is \(node.shape), expected \(expectedShape)" }
            switch node.op {
            case .kernel(let kind):
                for argument in inputs.dropFirst(kind.seriesInputCount) where argument.shape != .scalar {
                    return "\(name) kernel \(kind.rawValue) has a series argument"
                }
            case .model(let model):
                for argument in inputs.dropFirst(model.seriesInputCount) where argument.shape != .scalar {
                    return "\(name) model has a series argument"
                }
            case .shift:
                guard inputs[1].shape == .scalar else { return "\(name) shift has a series offset" }
            default: break
            }
            guard seen.insert([AnyHashable(node.op), AnyHashable(node.inputs), AnyHashable(node.element)]).inserted else {
                return "\(name) duplicates an earlier node"
            }
        }
        for output in program.outputs where output.value.index < 0 || output.value.index >= program.nodes.count {
            return "output \(output.name) points at \(output.value), which does not exist"
        }
        return nil
    }
}
