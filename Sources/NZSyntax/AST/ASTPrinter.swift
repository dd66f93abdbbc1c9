/// Prints an AST as an indented tree, one node per line, for `nzs check --dump ast` and golden tests.
/// The output is deterministic and shows every node with its `line:col` start.
public struct ASTPrinter {
    let file: SourceFile
    private var lines: [String] = []

    public init(file: SourceFile) { self.file = file }

    public static func print(_ script: Script, file: SourceFile) -> String {
        var printer = ASTPrinter(file: file)
        for item in script.items { printer.item(item, 0) }
        return printer.lines.map { $0 + "\n" }.joined()
    }

    /// Formats a number the way every dump and `nzs eval` does: integers without a fraction,
    /// other values as the shortest round-tripping decimal.
    public static func formatNumber(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private func at(_ range: SourceRange) -> String {
        let position = file.lineColumn(of: range.start)
        return "@\(position.line):\(position.column)"
    }

    private mutating func emit(_ depth: Int, _ text: String) {
        lines.append(String(repeating: "  ", count: depth) + text)
    }

    private mutating func item(_ item: Item, _ depth: Int) {
        switch item {
        case .importDecl(let decl):
            emit(depth, "import \(decl.isPath ? "\"\(decl.module)\"" : decl.module) \(at(decl.range))")
        case .letDecl(let decl):
            emit(depth, "let \(decl.name.name)\(decl.type.map { ": " + $0.description } ?? "") \(at(decl.range))")
            expr(decl.value, depth + 1)
        case .paramDecl(let decl):
            emit(depth, "param \(decl.name.name)\(decl.type.map { ": " + $0.description } ?? "") \(at(decl.range))")
            expr(decl.defaultValue, depth + 1)
            if let lower = decl.lower { emit(depth + 1, "range"); expr(lower, depth + 2) }
            if let upper = decl.upper { expr(upper, depth + 2) }
            if let step = decl.step { emit(depth + 1, "step"); expr(step, depth + 2) }
        case .modelDecl(let decl):
            emit(depth, "model \(decl.name.name) = \(decl.kind.name) \(at(decl.range))")
            arguments(decl.arguments, depth + 1)
        case .functionDecl(let decl):
            let parameters = decl.parameters.map {
                $0.name.name + ($0.type.map { ": " + $0.description } ?? "") + ($0.defaultValue == nil ? "" : " = default")
            }
            emit(depth, "fn \(decl.name.name)(\(parameters.joined(separator: ", ")))"
                 + (decl.returnType.map { " -> " + $0.description } ?? "") + " \(at(decl.range))")
            for parameter in decl.parameters {
                guard let value = parameter.defaultValue else { continue }
                emit(depth + 1, "default \(parameter.name.name)")
                expr(value, depth + 2)
            }
            switch decl.body {
            case .expression(let value): expr(value, depth + 1)
            case .block(let lets, let value, _):
                for decl in lets { self.item(.letDecl(decl), depth + 1) }
                emit(depth + 1, "return")
                expr(value, depth + 2)
            }
        case .strategy(let decl):
            emit(depth, "strategy \"\(decl.name)\" \(at(decl.range))")
            for inner in decl.items { self.item(inner, depth + 1) }
        case .rule(let rule):
            rulePrint(rule, depth)
        }
    }

    private mutating func rulePrint(_ rule: Rule, _ depth: Int) {
        switch rule.kind {
        case .enter(let side, let condition, let order):
            emit(depth, "enter \(side.rawValue) \(at(rule.range))"); expr(condition, depth + 1)
            if let order { emit(depth + 1, "\(order.kind.rawValue) \(at(order.keywordRange))"); expr(order.price, depth + 2) }
        case .exit(let side, let condition):
            emit(depth, "exit \(side.rawValue) \(at(rule.range))"); expr(condition, depth + 1)
        case .stopLoss(let value): emit(depth, "stop_loss \(at(rule.range))"); expr(value, depth + 1)
        case .takeProfit(let value): emit(depth, "take_profit \(at(rule.range))"); expr(value, depth + 1)
        case .trailingStop(let value): emit(depth, "trailing_stop \(at(rule.range))"); expr(value, depth + 1)
        case .size(let value): emit(depth, "size \(at(rule.range))"); expr(value, depth + 1)
        case .pyramiding(let value): emit(depth, "pyramiding \(at(rule.range))"); expr(value, depth + 1)
        case .constraint(let value): emit(depth, "constraint \(at(rule.range))"); expr(value, depth + 1)
        case .costs(let items):
            emit(depth, "costs \(at(rule.range))")
            for cost in items { emit(depth + 1, "\(cost.name.name)"); expr(cost.value, depth + 2) }
        case .instrument(let items):
            emit(depth, "instrument \(at(rule.range))")
            for setting in items { emit(depth + 1, "\(setting.name.name)"); expr(setting.value, depth + 2) }
        case .fill(let place): emit(depth, "fill \(place.name) \(at(rule.range))")
        case .plot(let values):
            emit(depth, "plot \(at(rule.range))")
            for value in values { expr(value, depth + 1) }
        }
    }

    private mutating func arguments(_ values: [Argument], _ depth: Int) {
        for argument in values {
            if let label = argument.label {
                emit(depth, "\(label.name):"); expr(argument.value, depth + 1)
            } else {
                expr(argument.value, depth)
            }
        }
    }

    private mutating func expr(_ node: Expr, _ depth: Int) {
        let here = at(node.range)
        switch node.kind {
        case .integer(let value): emit(depth, "int \(value) \(here)")
        case .float(let value): emit(depth, "float \(value) \(here)")
        case .percent(let value): emit(depth, "percent \(ASTPrinter.formatNumber(value))% \(here)")
        case .duration(let seconds): emit(depth, "duration \(seconds)s \(here)")
        case .string(let value): emit(depth, "string \"\(value)\" \(here)")
        case .bool(let value): emit(depth, "bool \(value) \(here)")
        case .na: emit(depth, "na \(here)")
        case .name(let name): emit(depth, "name \(name) \(here)")
        case .unary(let op, let operand): emit(depth, "\(op.rawValue) \(here)"); expr(operand, depth + 1)
        case .binary(let op, let left, let right):
            emit(depth, "\(op.rawValue) \(here)"); expr(left, depth + 1); expr(right, depth + 1)
        case .conditional(let condition, let whenTrue, let whenFalse):
            emit(depth, "if \(here)"); expr(condition, depth + 1); expr(whenTrue, depth + 1); expr(whenFalse, depth + 1)
        case .call(let callee, let values):
            emit(depth, "call \(callee.name) \(here)")
            arguments(values, depth + 1)
        case .method(let base, let name, let values):
            emit(depth, "method .\(name.name) \(here)")
            expr(base, depth + 1)
            arguments(values, depth + 1)
        case .history(let value, let offset):
            emit(depth, "history \(here)"); expr(value, depth + 1); expr(offset, depth + 1)
        case .field(let base, let field): emit(depth, "field .\(field.name) \(here)"); expr(base, depth + 1)
        case .record(let fields):
            emit(depth, "record \(here)")
            for field in fields { emit(depth + 1, "\(field.name.name):"); expr(field.value, depth + 2) }
        case .list(let elements):
            emit(depth, "list \(here)")
            for element in elements { expr(element, depth + 1) }
        case .timeframe(let duration, let body):
            emit(depth, "on \(here)")
            expr(duration, depth + 1)
            expr(body, depth + 1)
        case .invalid: emit(depth, "invalid \(here)")
        }
    }
}
