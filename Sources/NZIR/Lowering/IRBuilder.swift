import NZSema
import NZSyntax

/// Appends nodes in topological order, sharing identical nodes (common subexpression
/// elimination by hash-consing: the same op over the same inputs is one node) and folding
/// constants as it goes (`ConstantFolding`).
struct IRBuilder {
    private(set) var nodes: [IRNode] = []
    private var interned: [NodeKey: IRValue] = [:]

    private struct NodeKey: Hashable {
        let op: IROp
        let inputs: [IRValue]
        let element: IRElement
    }

    /// Adds `op(inputs)` unless an identical node exists or it folds to a constant.
    mutating func add(_ op: IROp, _ inputs: [IRValue], element: IRElement, range: SourceRange) -> IRValue {
        if let folded = ConstantFolding.fold(op, inputs.map { constantValue($0) }, element: element) {
            switch folded {
            case .constant(let value): return add(.constant(IRConstant(value)), [], element: element, range: range)
            case .input(let index): return inputs[index]
            }
        }
        let key = NodeKey(op: op, inputs: inputs, element: element)
        if let existing = interned[key] { return existing }
        let shape: IRShape
        var params = ParamSet()
        switch op {
        case .column, .barIndex, .kernel, .shift, .model, .label: shape = .series
        case .timeframe(let block):
            shape = .series
            params = block.program.nodes[block.output.index].params.union(ParamSet([block.intervalParam]))
        case .constant: shape = .scalar
        case .param(let index):
            shape = .scalar
            params = ParamSet([index])
        case .unary, .binary, .select:
            shape = inputs.contains { nodes[$0.index].shape == .series } ? .series : .scalar
        }
        for input in inputs { params = params.union(nodes[input.index].params) }
        let value = IRValue(nodes.count)
        nodes.append(IRNode(op: op, inputs: inputs, shape: shape, element: element, params: params, range: range))
        interned[key] = value
        return value
    }

    func constantValue(_ value: IRValue) -> Double? {
        if case .constant(let constant) = nodes[value.index].op { return constant.value }
        return nil
    }
}
