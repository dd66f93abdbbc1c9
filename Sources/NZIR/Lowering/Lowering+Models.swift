import NZSema
import NZSyntax

/// Models: each output is one `model` node over the features, the causal target and the run
/// constants (see `IRModel`).
extension Lowering {
    mutating func lowerModel(_ definition: ModelDefinition, _ output: ModelOutput, _ range: SourceRange) -> IRValue {
        let features = definition.features.map { lowerScalar($0) }
        let target = definition.target.map { causalTarget($0, horizon: definition.horizon) } ?? constant(0, .float, range)
        let window: IRModel.Window, rows: TypedExpr
        switch definition.window {
        case .rolling(let length): (window, rows) = (.rolling, length)
        case .expanding(let minimum): (window, rows) = (.expanding, minimum)
        }
        let arguments = [lowerScalar(rows), lowerScalar(definition.retrain), lowerScalar(definition.purge),
                         constant(Double(definition.horizon), .int, range)] + definition.hyperparameters.map { lowerScalar($0) }
        let op = IRModel(kind: definition.kind, task: definition.task, window: window, featureCount: features.count, output: output)
        let element: IRElement = definition.task == .clustering && output == .score ? .int : .float
        return builderAdd(.model(op), features + [target] + arguments, element, definition.range)
    }

    /// A model's features by their source text, then `target`: its causal target (at bar t, the
    /// label of row t − horizon).
    mutating func modelExports(_ definition: ModelDefinition) -> [(String, IRValue)] {
        var exports = zip(definition.featureNames, definition.features).map { ($0, lowerScalar($1)) }
        if let target = definition.target { exports.append(("target", causalTarget(target, horizon: definition.horizon))) }
        return exports
    }

    /// The target as a series a bar-by-bar evaluation can compute: its value at bar t is the
    /// target of row t − h, which reads bars up to t and no further. Every part of the target
    /// that reads no label is delayed h bars (`x[h]`); `future_return(n)` becomes
    /// close[h − n] / close[h] − 1, `future_close(n)` close[h − n], `future_high(n)`
    /// highest(high, n)[h − n] and `future_low(n)` lowest(low, n)[h − n]; every other op is
    /// rebuilt over its rewritten inputs (ops are causal, so delaying the inputs delays the result).
    private mutating func causalTarget(_ expr: TypedExpr, horizon: Int) -> IRValue {
        let root = lowerScalar(expr)
        var readsLabel: [Int: Bool] = [:]
        var rewritten: [Int: IRValue] = [:]

        func hasLabel(_ value: IRValue) -> Bool {
            if let known = readsLabel[value.index] { return known }
            let node = nodeNode(value)
            let result: Bool
            if case .label = node.op { result = true } else { result = node.inputs.contains { hasLabel($0) } }
            readsLabel[value.index] = result
            return result
        }

        func delayed(_ value: IRValue, by bars: Int, _ range: SourceRange) -> IRValue {
            guard bars > 0 else { return value }
            let node = nodeNode(value)
            return builderAdd(.shift, [value, constant(Double(bars), .int, range)], node.element, range)
        }

        func rewrite(_ value: IRValue) -> IRValue {
            if let done = rewritten[value.index] { return done }
            let node = nodeNode(value)
            let result: IRValue
            if !hasLabel(value) {
                result = node.shape == .series ? delayed(value, by: horizon, node.range) : value
            } else if case .label(let label) = node.op {
                let n = Int(constantOf(node.inputs[0]) ?? 0)
                let ahead = max(0, horizon - n)
                let range = node.range
                switch label {
                case .futureReturn:
                    let close = columnValue(.close, range)
                    let ratio = builderAdd(.binary(.div), [delayed(close, by: ahead, range), delayed(close, by: horizon, range)], .float, range)
                    result = builderAdd(.binary(.sub), [ratio, constant(1, .float, range)], .float, range)
                case .futureClose:
                    result = delayed(columnValue(.close, range), by: ahead, range)
                case .futureHigh, .futureLow:
                    let kind: KernelKind = label == .futureHigh ? .highest : .lowest
                    let source = columnValue(label == .futureHigh ? .high : .low, range)
                    let window = builderAdd(.kernel(kind), [source, constant(Double(n), .int, range)], .float, range)
                    result = delayed(window, by: ahead, range)
                }
            } else {
                result = builderAdd(node.op, node.inputs.map(rewrite), node.element, node.range)
            }
            rewritten[value.index] = result
            return result
        }

        return rewrite(root)
    }
}
