import NZIR
import NZRuntime

/// The paper and live driver: takes one bar at a time and computes every node for it, with
/// each kernel's state kept between bars. It steps the same kernels, in the same order of
/// operations, as the batch driver, so its values are bit-identical.
public final class StreamingEvaluator {
    let program: IRProgram
    private let scalars: [Double?]
    private var values: [Double]
    private var steppers: [(any StreamStepper)?]
    public private(set) var barCount = 0

    init(program: IRProgram, params: [Double]) {
        self.program = program
        self.scalars = ScalarEvaluation.values(program, params: params)
        self.values = scalars.map { $0 ?? .nan }
        self.steppers = [(any StreamStepper)?](repeating: nil, count: program.nodes.count)
        for (index, node) in program.nodes.enumerated() {
            switch node.op {
            case .kernel(let kind):
                let arguments = node.inputs.dropFirst(kind.seriesInputCount).map { scalars[$0.index] ?? .nan }
                steppers[index] = KernelFactory.makeStepper(kind, arguments: arguments)
            case .shift:
                steppers[index] = UnaryStepper(ShiftKernel(offset: KernelFactory.offset(scalars[node.inputs[1].index])))
            default:
                break
            }
        }
    }

    /// Computes every node for the next bar.
    public func push(_ bar: Bar) {
        for (index, node) in program.nodes.enumerated() where node.shape == .series {
            let inputs = node.inputs
            switch node.op {
            case .column(let column): values[index] = bar.value(column)
            case .barIndex: values[index] = Double(barCount)
            case .unary(let op): values[index] = op.apply(values[inputs[0].index])
            case .binary(let op): values[index] = op.apply(values[inputs[0].index], values[inputs[1].index])
            case .select: values[index] = irSelect(values[inputs[0].index], values[inputs[1].index], values[inputs[2].index])
            case .shift:
                values[index] = steppers[index]?.step(values[inputs[0].index], 0, 0) ?? .nan
            case .kernel(let kind):
                let a = values[inputs[0].index]
                let b = kind.seriesInputCount > 1 ? values[inputs[1].index] : 0
                let c = kind.seriesInputCount > 2 ? values[inputs[2].index] : 0
                values[index] = steppers[index]?.step(a, b, c) ?? .nan
            case .constant, .param: break
            }
        }
        barCount += 1
    }

    /// A node's value at the latest bar.
    public func value(_ value: IRValue) -> Double { values[value.index] }
}
