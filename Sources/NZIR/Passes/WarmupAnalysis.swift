/// Computes each node's warm-up statically: the number of leading bars on which it is `na`
/// on data without missing values. Exact for columns, arithmetic and kernels; for a
/// `select` (`if`) whose condition is not constant it is the larger branch's warm-up, the bar
/// from which the value is defined whichever branch is taken. Comparisons and logic are
/// never `na` (a comparison with `na` is false), so their warm-up is 0.
public enum WarmupAnalysis {
    public static func warmups(_ program: IRProgram, params: [Double]) -> [Int] {
        let scalars = ScalarEvaluation.values(program, params: params)
        var warmup = [Int](repeating: 0, count: program.nodes.count)
        for (index, node) in program.nodes.enumerated() {
            let inputs = node.inputs.map { warmup[$0.index] }
            switch node.op {
            case .constant, .param, .column, .barIndex:
                warmup[index] = 0
            case .timeframe(let block):
                // W higher-timeframe bars of warm-up: the first value appears when bar W + 1 of
                // the block has closed, that many periods of script bars in (exact when the
                // data starts at a period's start and has no gaps). Without a bar interval
                // (`nzs check`), daily script bars are assumed.
                let inner = warmups(block.program, params: params)[block.output.index]
                let interval = block.intervalParam < params.count ? params[block.intervalParam] : 0
                let barLength = interval > 0 ? interval : 86_400_000
                let perPeriod = max(1, Int((Double(block.milliseconds) / barLength).rounded(.up)))
                warmup[index] = saturatingAdd(saturatingMultiply(saturatingAdd(inner, 1), perPeriod), -1)
            case .unary(let op):
                warmup[index] = (op == .isNA || op == .not) ? 0 : inputs[0]
            case .binary(let op):
                switch op {
                case .eq, .ne, .lt, .le, .gt, .ge, .and, .or: warmup[index] = 0
                case .nz: warmup[index] = min(inputs[0], inputs[1])
                default: warmup[index] = max(inputs[0], inputs[1])
                }
            case .select:
                if let condition = scalars[node.inputs[0].index] {
                    warmup[index] = IRBinaryOp.truth(condition) ? inputs[1] : inputs[2]
                } else if let masked = maskedWarmup(program, node, warmup, scalars) {
                    warmup[index] = masked
                } else {
                    warmup[index] = max(inputs[1], inputs[2])
                }
            case .shift:
                let offset = Int(scalars[node.inputs[1].index] ?? 0)
                warmup[index] = saturatingAdd(inputs[0], offset)
            case .model(let model):
                // At least: the features' warm-up, then enough rows for the window, then the
                // purge (on data without missing values and whatever the labels' warm-up).
                let arguments = node.inputs.dropFirst(model.seriesInputCount).map { scalars[$0.index] ?? 0 }
                let features = inputs.prefix(model.featureCount).max() ?? 0
                let rows = Int(min(max(arguments[0], 0), 1e12)), purge = Int(min(max(arguments[2], 0), 1e12))
                warmup[index] = saturatingAdd(saturatingAdd(features, rows - 1), purge)
            case .label:
                warmup[index] = 0
            case .kernel(.crossover), .kernel(.crossunder), .kernel(.ewm), .kernel(.waveBetterTrend), .kernel(.waveBetterFast):
                // Never na, whatever the inputs' warm-up.
                warmup[index] = 0
            case .kernel(let kind):
                let seriesWarmup = inputs.prefix(kind.seriesInputCount).max() ?? 0
                let arguments = node.inputs.dropFirst(kind.seriesInputCount).map { scalars[$0.index] ?? 1 }
                warmup[index] = saturatingAdd(seriesWarmup, kind.warmup(arguments: arguments))
            }
        }
        return warmup
    }

    /// The two masks the compiler itself emits are exact: `if is_na(r) then na else v` (na
    /// while r is) and `if bar_index >= k then v else na` (na before bar k).
    private static func maskedWarmup(_ program: IRProgram, _ node: IRNode, _ warmup: [Int], _ scalars: [Double?]) -> Int? {
        func isNaConstant(_ value: IRValue) -> Bool {
            if case .constant(let constant) = program.node(value).op { return constant.value.isNaN }
            return false
        }
        let condition = program.node(node.inputs[0])
        if case .unary(.isNA) = condition.op, isNaConstant(node.inputs[1]) {
            return max(warmup[condition.inputs[0].index], warmup[node.inputs[2].index])
        }
        if case .binary(.ge) = condition.op, program.node(condition.inputs[0]).op == .barIndex,
           let start = scalars[condition.inputs[1].index], start.isFinite, isNaConstant(node.inputs[2]) {
            return max(Int(max(0, start.rounded(.up))), warmup[node.inputs[1].index])
        }
        return nil
    }

    private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    static func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }
}
