import NZSema
import NZSyntax

/// Prints an IR program for `nzs check --dump ir` and golden tests, one node per line:
/// `%3 = kernel sma %1 ; %2    series float  params {0}`, then the outputs.
public enum IRPrinter {
    public static func print(_ program: IRProgram) -> String {
        var out = ""
        for (index, param) in program.params.enumerated() {
            out += "param \(index) \(param.name): \(param.base.name) = \(format(param.defaultValue))"
            if let lower = param.lower, let upper = param.upper { out += " in \(format(lower))...\(format(upper))" }
            if let step = param.step { out += " step \(format(step))" }
            out += "\n"
        }
        for (index, node) in program.nodes.enumerated() {
            out += "%\(index) = \(describe(node, program))"
            out += "    \(node.shape.rawValue) \(node.element.rawValue)"
            if !node.params.isEmpty { out += "  params \(node.params)" }
            out += "\n"
        }
        for output in program.outputs {
            out += "\(role(output.role)) \"\(output.name)\" = \(output.value)\n"
        }
        return out
    }

    private static func describe(_ node: IRNode, _ program: IRProgram) -> String {
        let inputs = node.inputs.map(\.description)
        switch node.op {
        case .constant(let constant): return "const \(format(constant.value))"
        case .param(let slot): return "param \(program.params[slot].name)"
        case .column(let column): return "column \(column.rawValue)"
        case .barIndex: return "bar_index"
        case .timeframe(let block):
            let body = IRPrinter.print(block.program).split(separator: "\n").map { "    | " + $0 }.joined(separator: "\n")
            return "on \(block.milliseconds / 1000)s {\n\(body)\n  }"
        case .unary(let op): return "\(op.rawValue) \(inputs[0])"
        case .binary(let op): return "\(op.rawValue) \(inputs[0]) \(inputs[1])"
        case .select: return "select \(inputs.joined(separator: " "))"
        case .shift: return "shift \(inputs[0]) \(inputs[1])"
        case .kernel(let kind):
            let series = inputs.prefix(kind.seriesInputCount).joined(separator: " ")
            let arguments = inputs.dropFirst(kind.seriesInputCount).joined(separator: " ")
            return "kernel \(kind.rawValue) \(series) ; \(arguments)".trimmingSuffixSpaces()
        case .model(let model):
            let series = inputs.prefix(model.seriesInputCount).joined(separator: " ")
            let arguments = inputs.dropFirst(model.seriesInputCount).joined(separator: " ")
            let output: String
            switch model.output {
            case .score: output = "score"
            case .importance(let index): output = "importance(\(index))"
            }
            return "model \(model.kind.rawValue).\(model.task.rawValue).\(model.window.rawValue).\(output) \(series) ; \(arguments)"
        case .label(let label): return "label \(label.rawValue) \(inputs[0])"
        }
    }

    private static func role(_ role: IROutputRole) -> String {
        switch role {
        case .letValue: return "let"
        case .expression: return "expr"
        case .enter(let side): return "enter.\(side.rawValue)"
        case .exit(let side): return "exit.\(side.rawValue)"
        case .entryPrice(let side, let kind): return "enter.\(side.rawValue).\(kind.rawValue)"
        case .stopLoss(let isPercent): return isPercent ? "stop_loss.percent" : "stop_loss.distance"
        case .trailingStop(let isPercent): return isPercent ? "trailing_stop.percent" : "trailing_stop.distance"
        case .sizeOption: return "size.option"
        case .pyramiding: return "pyramiding"
        case .fillAtClose: return "fill.close"
        case .setting(let setting): return "\(setting.group.rawValue).\(setting.rawValue)"
        case .takeProfit(let isPercent): return isPercent ? "take_profit.percent" : "take_profit.distance"
        case .size(let kind): return "size.\(kind.rawValue)"
        case .plot: return "plot"
        case .constraint: return "constraint"
        }
    }

    static func format(_ value: Double) -> String {
        value.isNaN ? "na" : ASTPrinter.formatNumber(value)
    }
}

extension String {
    func trimmingSuffixSpaces() -> String {
        var copy = self
        while copy.hasSuffix(" ") || copy.hasSuffix(";") { copy.removeLast() }
        return copy
    }
}
