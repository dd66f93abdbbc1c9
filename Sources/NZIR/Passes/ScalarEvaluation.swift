/// Computes the scalar-shaped nodes (constants, params and arithmetic on them) for one set
/// of param values. The evaluator uses it before running any column, and the warm-up
/// analysis uses it to know window lengths.
public enum ScalarEvaluation {
    /// The value of every scalar node; nil for series nodes.
    public static func values(_ program: IRProgram, params: [Double]) -> [Double?] {
        var values = [Double?](repeating: nil, count: program.nodes.count)
        for (index, node) in program.nodes.enumerated() where node.shape == .scalar {
            let inputs = node.inputs.map { values[$0.index] ?? .nan }
            switch node.op {
            case .constant(let constant): values[index] = constant.value
            case .param(let slot): values[index] = slot < params.count ? params[slot] : .nan
            case .unary(let op): values[index] = op.apply(inputs[0])
            case .binary(let op): values[index] = op.apply(inputs[0], inputs[1])
            case .select: values[index] = irSelect(inputs[0], inputs[1], inputs[2])
            case .column, .barIndex, .shift, .kernel, .timeframe, .model, .label: values[index] = nil
            }
        }
        return values
    }
}
