/// Removes nodes no output depends on and renumbers the rest, keeping topological order.
/// - Complexity: O(nodes + edges).
enum DeadNodeElimination {
    static func run(_ program: IRProgram) -> IRProgram {
        var live = [Bool](repeating: false, count: program.nodes.count)
        for output in program.outputs { live[output.value.index] = true }
        for index in program.nodes.indices.reversed() where live[index] {
            for input in program.nodes[index].inputs { live[input.index] = true }
        }
        var renumbered = [Int](repeating: -1, count: program.nodes.count)
        var nodes: [IRNode] = []
        for (index, node) in program.nodes.enumerated() where live[index] {
            renumbered[index] = nodes.count
            nodes.append(IRNode(op: node.op, inputs: node.inputs.map { IRValue(renumbered[$0.index]) }, shape: node.shape,
                                element: node.element, params: node.params, range: node.range))
        }
        var result = program
        result.nodes = nodes
        result.outputs = program.outputs.map { output in
            var moved = output
            moved.value = IRValue(renumbered[output.value.index])
            return moved
        }
        return result
    }
}

extension IRProgram {
    /// The program with only the outputs `keep` accepts, and the nodes they need. A backtest
    /// keeps the trading rules, so lets and plots nobody reads cost nothing.
    public func restricted(to keep: (IROutputRole) -> Bool) -> IRProgram {
        var copy = self
        copy.outputs = outputs.filter { keep($0.role) }
        return DeadNodeElimination.run(copy)
    }
}
