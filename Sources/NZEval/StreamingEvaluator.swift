import NZIR
import NZRuntime

/// The paper and live driver: takes one bar at a time and computes every node for it, with
/// each kernel's state kept between bars. It steps the same kernels, in the same order of
/// operations, as the batch driver, so its values are bit-identical.
///
/// The IR is flattened once into `steps` (op and input slots as plain integers), so a bar
/// costs one pass over a small array, with no per-node allocation or reference counting: the
/// kernels' runners are owned by `runners` and referred to from the steps unmanaged (a
/// reference held in the step itself was retained and released on every bar, for every kernel:
/// half the time of a paper replay).
public final class StreamingEvaluator {
    /// One series node's work per bar.
    private enum Step {
        case column(InputColumn)
        case barIndex
        case unary(IRUnaryOp, Int)
        case binary(IRBinaryOp, Int, Int)
        case select(Int, Int, Int)
        /// A kernel or history shift: its runner (owned by `runners`) and up to four series inputs.
        case stateful(Unmanaged<BlockRunner>, Int, Int, Int, Int)
        /// An `on` block: its own evaluator on the higher timeframe's bars.
        case timeframe(Unmanaged<TimeframeStepper>)
        /// A model: its runner and its series inputs (features, then the target).
        case model(ModelRunner, [Int])
    }

    private var steps: [(target: Int, step: Step)] = []
    /// Keep the kernels' runners and the `on` blocks' steppers alive for the unmanaged
    /// references in `steps`.
    private var runners: [BlockRunner] = []
    private var timeframes: [TimeframeStepper] = []
    private var values: [Double]
    public private(set) var barCount = 0

    init(program: IRProgram, params: [Double]) {
        let scalars = ScalarEvaluation.values(program, params: params)
        values = scalars.map { $0 ?? .nan }
        for (index, node) in program.nodes.enumerated() where node.shape == .series {
            let inputs = node.inputs.map(\.index)
            let step: Step
            switch node.op {
            case .column(let column): step = .column(column)
            case .barIndex: step = .barIndex
            case .unary(let op): step = .unary(op, inputs[0])
            case .binary(let op): step = .binary(op, inputs[0], inputs[1])
            case .select: step = .select(inputs[0], inputs[1], inputs[2])
            case .shift:
                let runner = own(BlockRunner.unary(ShiftKernel(offset: KernelFactory.offset(scalars[inputs[1]]))))
                step = .stateful(runner, inputs[0], inputs[0], inputs[0], inputs[0])
            case .kernel(let kind):
                let arguments = inputs.dropFirst(kind.seriesInputCount).map { scalars[$0] ?? .nan }
                let series = Array(inputs.prefix(kind.seriesInputCount))
                step = .stateful(own(KernelFactory.makeRunner(kind, arguments: arguments)), series[0],
                                 series.count > 1 ? series[1] : series[0], series.count > 2 ? series[2] : series[0],
                                 series.count > 3 ? series[3] : series[0])
            case .timeframe(let block):
                let stepper = TimeframeStepper(block, params: params)
                timeframes.append(stepper)
                step = .timeframe(Unmanaged.passUnretained(stepper))
            case .model(let model):
                let runner = ModelRunner(model, arguments: inputs.dropFirst(model.seriesInputCount).map { scalars[$0] ?? .nan })
                step = .model(runner, Array(inputs.prefix(model.seriesInputCount)))
            case .constant, .param, .label: continue
            }
            steps.append((index, step))
        }
    }

    /// Keeps `runner` in `runners`; its unmanaged reference for a step.
    private func own(_ runner: BlockRunner) -> Unmanaged<BlockRunner> {
        runners.append(runner)
        return Unmanaged.passUnretained(runner)
    }

    /// Computes every node for the next bar.
    public func push(_ bar: Bar) {
        var current = values
        values = []
        defer { values = current }
        let index = Double(barCount)
        for (target, step) in steps {
            switch step {
            case .column(let column): current[target] = bar.value(column)
            case .barIndex: current[target] = index
            case .unary(let op, let a): current[target] = op.apply(current[a])
            case .binary(let op, let a, let b): current[target] = op.apply(current[a], current[b])
            case .select(let c, let a, let b): current[target] = irSelect(current[c], current[a], current[b])
            case .stateful(let runner, let a, let b, let c, let d):
                current[target] = runner._withUnsafeGuaranteedRef { $0.step(current[a], current[b], current[c], current[d]) }
            case .timeframe(let stepper): current[target] = stepper._withUnsafeGuaranteedRef { $0.push(bar) }
            case .model(let runner, let inputs): current[target] = runner.step(inputs.map { current[$0] })
            }
        }
        barCount += 1
    }

    /// A node's value at the latest bar.
    public func value(_ value: IRValue) -> Double { values[value.index] }
}
