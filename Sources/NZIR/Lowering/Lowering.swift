import NZSema
import NZSyntax

/// Lowers a `CheckedProgram` to an optimized `IRProgram`: typed expressions become SSA
/// column ops (records become one node per field; `hl2`, `bbands` and friends expand into
/// arithmetic and kernels), then dead nodes are removed and the result is verified.
///
/// Values that cannot run (look-ahead labels, lists, strings) are not lowered: Sema has
/// already ensured none of them reaches a rule, plot or output.
public struct Lowering {
    /// Debug builds verify every lowered program; tests verify explicitly in every build.
    #if DEBUG
    static let verifiesIR = true
    #else
    static let verifiesIR = false
    #endif

    var builder = IRBuilder()
    private var memo: [ObjectIdentifier: [IRValue]] = [:]
    private var outputs: [IROutput] = []
    private var params: [ParamSymbol] = []

    /// Lowers, optimizes and verifies. A verifier failure is a compiler bug, reported as E4004.
    /// `exportingModels` adds every model's features and causal target as `.expression`
    /// outputs named `model.feature` and `model.target` (what `nzs features` writes).
    public static func lower(_ program: CheckedProgram, exportingModels: Bool = false) -> Result<IRProgram, Diagnostic> {
        var lowering = Lowering()
        var ir = lowering.run(program)
        if exportingModels {
            for model in program.models {
                for (name, value) in lowering.modelExports(model) {
                    ir.outputs.append(IROutput(name: "\(model.name).\(name)", role: .expression, value: value))
                }
            }
            ir.nodes = lowering.builder.nodes
        }
        let optimized = DeadNodeElimination.run(ir)
        if verifiesIR, let failure = IRVerifier.verify(optimized) {
            let range = program.strategy?.enter.values.first?.first?.range ?? program.lets.first?.range
                ?? SourceRange(file: SourceFileID(0), start: 0, end: 0)
            return .failure(Diagnostic(.error, DiagnosticCode("E4004"), "internal error: invalid IR (\(failure))", at: range))
        }
        return .success(optimized)
    }

    private mutating func run(_ program: CheckedProgram) -> IRProgram {
        params = program.params
        for named in program.lets where Self.isRunnable(named.value.type) {
            if case .record(let record) = named.value.type.base {
                // A record-valued let is one output per field: `bands.upper`, `bands.lower`.
                for (field, value) in zip(record.fields, lower(named.value)) {
                    outputs.append(IROutput(name: "\(named.name).\(field)", role: .letValue, value: value))
                }
            } else {
                outputs.append(IROutput(name: named.name, role: .letValue, value: lowerScalar(named.value)))
            }
        }
        for named in program.expressions {
            outputs.append(IROutput(name: named.name, role: .expression, value: lowerScalar(named.value)))
        }
        if let strategy = program.strategy { lowerStrategy(strategy, sources: program.sources) }
        return IRProgram(nodes: builder.nodes, params: program.params, outputs: outputs, strategyName: program.strategy?.name)
    }

    private mutating func lowerStrategy(_ strategy: CheckedStrategy, sources: SourceMap) {
        for side in [Side.long, .short] {
            if let rules = strategy.enter[side] { outputs.append(IROutput(name: "enter \(side.rawValue)", role: .enter(side), value: anyOf(rules))) }
            if let order = strategy.entryOrders[side] {
                outputs.append(IROutput(name: "enter \(side.rawValue) \(order.kind.rawValue)", role: .entryPrice(side, order.kind),
                                        value: lowerScalar(order.price)))
            }
            if let rules = strategy.exit[side] { outputs.append(IROutput(name: "exit \(side.rawValue)", role: .exit(side), value: anyOf(rules))) }
        }
        if let stop = strategy.stopLoss {
            outputs.append(IROutput(name: "stop_loss", role: .stopLoss(isPercent: stop.isPercent), value: lowerScalar(stop.value)))
        }
        if let target = strategy.takeProfit {
            outputs.append(IROutput(name: "take_profit", role: .takeProfit(isPercent: target.isPercent), value: lowerScalar(target.value)))
        }
        if let trail = strategy.trailingStop {
            outputs.append(IROutput(name: "trailing_stop", role: .trailingStop(isPercent: trail.isPercent), value: lowerScalar(trail.value)))
        }
        if let size = strategy.size {
            outputs.append(IROutput(name: "size", role: .size(size.kind), value: lowerScalar(size.argument)))
            if let option = size.option { outputs.append(IROutput(name: "size option", role: .sizeOption, value: lowerScalar(option))) }
        }
        if let range = strategy.fillAtClose {
            outputs.append(IROutput(name: "fill", role: .fillAtClose, value: constant(1, .int, range)))
        }
        if let pyramiding = strategy.pyramiding {
            outputs.append(IROutput(name: "pyramiding", role: .pyramiding, value: lowerScalar(pyramiding)))
        }
        for setting in StrategySetting.allCases {
            if let value = strategy.settings[setting] {
                outputs.append(IROutput(name: setting.rawValue, role: .setting(setting), value: lowerScalar(value)))
            }
        }
        for plot in strategy.plots { outputs.append(IROutput(name: plot.name, role: .plot, value: lowerScalar(plot.value))) }
        for constraint in strategy.constraints {
            outputs.append(IROutput(name: constraint.name, role: .constraint, value: lowerScalar(constraint.value)))
        }
    }

    /// Several rules of one kind combine with `or`.
    private mutating func anyOf(_ rules: [TypedExpr]) -> IRValue {
        var value = lowerScalar(rules[0])
        for rule in rules.dropFirst() {
            value = builder.add(.binary(.or), [value, lowerScalar(rule)], element: .bool, range: rule.range)
        }
        return value
    }

    static func isRunnable(_ type: ValueType) -> Bool {
        guard !type.isLabel else { return false }
        switch type.base {
        case .int, .float, .bool, .percent, .record: return true
        default: return false
        }
    }

    static func element(_ type: ValueType) -> IRElement {
        switch type.base {
        case .int: return .int
        case .bool: return .bool
        default: return .float
        }
    }

    // MARK: - Expressions

    /// Lowers a single-valued expression (records are lowered through `lower`).
    mutating func lowerScalar(_ expr: TypedExpr) -> IRValue { lower(expr)[0] }

    /// Lowers an expression to its values: one for scalars and series, one per field for records.
    private mutating func lower(_ expr: TypedExpr) -> [IRValue] {
        let key = ObjectIdentifier(expr)
        if let done = memo[key] { return done }
        let values = lowerKind(expr)
        memo[key] = values
        return values
    }

    private mutating func lowerKind(_ expr: TypedExpr) -> [IRValue] {
        let element = Self.element(expr.type)
        let range = expr.range
        switch expr.kind {
        case .constant(let value): return [constant(value, element, range)]
        case .na: return [constant(.nan, element, range)]
        case .string, .list, .invalid: return [constant(.nan, element, range)]
        case .param(let index): return [builder.add(.param(index), [], element: element, range: range)]
        case .timeframe(let milliseconds, let body):
            // The block is a program of its own over the higher timeframe's bars.
            var inner = Lowering()
            inner.params = params
            let value = inner.lowerScalar(body)
            let program = DeadNodeElimination.run(IRProgram(nodes: inner.builder.nodes, params: params,
                                                            outputs: [IROutput(name: "on", role: .expression, value: value)],
                                                            strategyName: nil))
            let interval = params.firstIndex { $0.isInstrument && $0.name == TypeChecker.barIntervalName } ?? 0
            let block = IRTimeframe(milliseconds: milliseconds, program: program, output: program.outputs[0].value, intervalParam: interval)
            return [builder.add(.timeframe(block), [], element: element, range: range)]
        case .series(let series): return [lowerSeries(series, range)]
        case .unary(let op, let operand):
            return [builder.add(.unary(op == .negate ? .negate : .not), [lowerScalar(operand)], element: element, range: range)]
        case .binary(let op, let left, let right):
            return [builder.add(.binary(Self.binaryOp(op)), [lowerScalar(left), lowerScalar(right)], element: element, range: range)]
        case .select(let condition, let whenTrue, let whenFalse):
            return [builder.add(.select, [lowerScalar(condition), lowerScalar(whenTrue), lowerScalar(whenFalse)], element: element, range: range)]
        case .history(let value, let offset):
            return [builder.add(.shift, [lowerScalar(value), lowerScalar(offset)], element: element, range: range)]
        case .field(let record, let index):
            return [lower(record)[index]]
        case .record(let fields):
            return fields.map { lowerScalar($0) }
        case .builtin(let builtin, let arguments):
            return lowerBuiltin(builtin, arguments.map { lowerScalar($0) }, element: element, range: range)
        case .modelOutput(let definition, let output):
            return [lowerModel(definition, output, range)]
        }
    }

    func nodeOp(_ value: IRValue) -> IROp { builder.nodes[value.index].op }

    func nodeNode(_ value: IRValue) -> IRNode { builder.nodes[value.index] }

    func constantOf(_ value: IRValue) -> Double? { builder.constantValue(value) }

    mutating func builderAdd(_ op: IROp, _ inputs: [IRValue], _ element: IRElement, _ range: SourceRange) -> IRValue {
        builder.add(op, inputs, element: element, range: range)
    }

    mutating func constant(_ value: Double, _ element: IRElement, _ range: SourceRange) -> IRValue {
        builder.add(.constant(IRConstant(value)), [], element: element, range: range)
    }

    private mutating func column(_ column: InputColumn, _ range: SourceRange) -> IRValue {
        builder.add(.column(column), [], element: .float, range: range)
    }

    /// A builtin series; `hl2`, `hlc3` and `ohlc4` expand to the same nodes wherever they are
    /// used (a user's `hlc3` and CCI's typical price are one node).
    mutating func lowerSeries(_ series: BuiltinSeries, _ range: SourceRange) -> IRValue {
        func sum(_ columns: [InputColumn]) -> IRValue {
            var total = column(columns[0], range)
            for next in columns.dropFirst() {
                total = builder.add(.binary(.add), [total, column(next, range)], element: .float, range: range)
            }
            let count = constant(Double(columns.count), .float, range)
            return builder.add(.binary(.div), [total, count], element: .float, range: range)
        }
        switch series {
        case .open: return column(.open, range)
        case .high: return column(.high, range)
        case .low: return column(.low, range)
        case .close: return column(.close, range)
        case .volume: return column(.volume, range)
        case .time: return column(.time, range)
        case .fundingRate: return column(.fundingRate, range)
        case .barIndex: return builder.add(.barIndex, [], element: .int, range: range)
        case .hl2: return sum([.high, .low])
        case .hlc3: return sum([.high, .low, .close])
        case .ohlc4: return sum([.open, .high, .low, .close])
        }
    }

    static func binaryOp(_ op: TypedBinaryOp) -> IRBinaryOp {
        switch op {
        case .add: return .add
        case .subtract: return .sub
        case .multiply: return .mul
        case .divide: return .div
        case .remainder: return .rem
        case .equal: return .eq
        case .notEqual: return .ne
        case .less: return .lt
        case .lessEqual: return .le
        case .greater: return .gt
        case .greaterEqual: return .ge
        case .and: return .and
        case .or: return .or
        }
    }
}
