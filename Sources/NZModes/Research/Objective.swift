import Foundation
import NZEngine
import NZSyntax

/// What an optimizer maximizes: a metric (`sharpe`, `sortino`, `calmar`, `return`) or an
/// expression over metrics in NZS syntax, such as `sharpe * (1 - max_drawdown)` or
/// `if trades >= 20 then sortino else na`. Names are the keys of `nzs run --json`'s `metrics`
/// (`Metrics.names`). An undefined metric is na, and an na objective ranks below every number.
///
/// Parsed with the language's own lexer and parser, so its errors are located diagnostics
/// (`--objective:1:9: error: ...` with a caret) like a script's.
public struct Objective: Sendable {
    /// The text as given.
    public let text: String
    private let root: Node

    private indirect enum Node: Sendable {
        case number(Double)
        case metric(Int)
        case negate(Node)
        case not(Node)
        case binary(BinaryOperator, Node, Node)
        case conditional(Node, Node, Node)
        case call(Function, [Node])
    }

    private enum Function: String, CaseIterable, Sendable {
        case min, max, abs, sqrt, log, exp, nz

        var arity: ClosedRange<Int> { self == .min || self == .max ? 2...2 : self == .nz ? 1...2 : 1...1 }
    }

    /// The shortcut words of `--objective` and the metric each stands for.
    public static let shortcuts: [String: String] = ["return": "total_return"]

    /// Parses `text`; on failure, the diagnostics and the sources to render them with.
    public static func parse(_ text: String, sourceName: String = "--objective") -> Result<Objective, ObjectiveError> {
        var sources = SourceMap()
        let body = shortcuts[text.trimmingCharacters(in: .whitespaces)] ?? text
        let file = sources.add(path: sourceName, text: body)
        let (tokens, lexical) = Lexer.tokenize(sources[file])
        var parser = Parser(tokens: tokens, file: file)
        let expr = parser.parseStandaloneExpression()
        var diagnostics = lexical
        diagnostics.append(contentsOf: parser.diagnosticsValue)
        if !diagnostics.hasErrors, let root = build(expr, sources: sources, diagnostics: &diagnostics), !diagnostics.hasErrors {
            return .success(Objective(text: text, root: root))
        }
        return .failure(ObjectiveError(diagnostics: diagnostics, sources: sources))
    }

    /// The objective's value for a run's metrics (NaN where undefined).
    public func value(_ metrics: Metrics) -> Double {
        let values = metrics.named.map { $0.value ?? .nan }
        return Self.evaluate(root, values)
    }

    /// Whether `a` ranks above `b`: larger first, na last.
    public static func isBetter(_ a: Double, than b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a > b
    }

    private static func evaluate(_ node: Node, _ values: [Double]) -> Double {
        switch node {
        case .number(let value): return value
        case .metric(let index): return values[index]
        case .negate(let operand): return -evaluate(operand, values)
        case .not(let operand): return truth(evaluate(operand, values)).map { $0 ? 0 : 1 } ?? .nan
        case .conditional(let condition, let then, let otherwise):
            guard let holds = truth(evaluate(condition, values)) else { return .nan }
            return evaluate(holds ? then : otherwise, values)
        case .binary(let op, let left, let right):
            let a = evaluate(left, values), b = evaluate(right, values)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            case .remainder: return a.truncatingRemainder(dividingBy: b)
            case .and, .or:
                guard let x = truth(a), let y = truth(b) else { return .nan }
                return (op == .and ? x && y : x || y) ? 1 : 0
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                if a.isNaN || b.isNaN { return 0 }  // comparisons with na are false, as in scripts
                let holds: Bool
                switch op {
                case .equal: holds = a == b
                case .notEqual: holds = a != b
                case .less: holds = a < b
                case .lessEqual: holds = a <= b
                case .greater: holds = a > b
                default: holds = a >= b
                }
                return holds ? 1 : 0
            }
        case .call(let function, let arguments):
            let a = evaluate(arguments[0], values)
            switch function {
            case .min: return a.isNaN ? a : Swift.min(a, evaluate(arguments[1], values))
            case .max: return a.isNaN ? a : Swift.max(a, evaluate(arguments[1], values))
            case .abs: return Swift.abs(a)
            case .sqrt: return a.squareRoot()
            case .log: return Foundation.log(a)
            case .exp: return Foundation.exp(a)
            case .nz: return a.isNaN ? (arguments.count > 1 ? evaluate(arguments[1], values) : 0) : a
            }
        }
    }

    private static func truth(_ value: Double) -> Bool? { value.isNaN ? nil : value != 0 }

    private static func build(_ expr: Expr, sources: SourceMap, diagnostics: inout Diagnostics) -> Node? {
        func fail(_ message: String, notes: [DiagnosticNote] = []) -> Node? {
            diagnostics.append(Diagnostic(.error, DiagnosticCode("E2031"), message, at: expr.range, notes: notes))
            return nil
        }
        switch expr.kind {
        case .integer(let value): return .number(Double(value))
        case .float(let value): return .number(value)
        case .percent(let value): return .number(value / 100)
        case .bool(let value): return .number(value ? 1 : 0)
        case .na: return .number(.nan)
        case .name(let name):
            let resolved = shortcuts[name] ?? name
            guard let index = Metrics.names.firstIndex(of: resolved) else {
                var notes: [DiagnosticNote] = []
                if let close = SpellingSuggestion.closest(to: name, in: Metrics.names) { notes.append(DiagnosticNote("did you mean `\(close)`?")) }
                diagnostics.append(Diagnostic(.error, DiagnosticCode("E2030"),
                                              "`\(name)` is not a metric; an objective reads the metrics of `nzs run --json` (docs/research.md)",
                                              at: expr.range, notes: notes))
                return nil
            }
            return .metric(index)
        case .unary(let op, let operand):
            guard let node = build(operand, sources: sources, diagnostics: &diagnostics) else { return nil }
            switch op {
            case .negate: return .negate(node)
            case .plus: return node
            case .not: return .not(node)
            }
        case .binary(let op, let left, let right):
            let a = build(left, sources: sources, diagnostics: &diagnostics)
            let b = build(right, sources: sources, diagnostics: &diagnostics)
            guard let a, let b else { return nil }
            return .binary(op, a, b)
        case .conditional(let condition, let then, let otherwise):
            let parts = [condition, then, otherwise].map { build($0, sources: sources, diagnostics: &diagnostics) }
            guard let c = parts[0], let t = parts[1], let o = parts[2] else { return nil }
            return .conditional(c, t, o)
        case .call(let name, let arguments):
            let names = Function.allCases.map(\.rawValue)
            guard let function = Function(rawValue: name.name) else {
                return fail("an objective can call only \(names.map { "`\($0)`" }.joined(separator: ", ")); `\(name.name)` is not one of them")
            }
            guard function.arity.contains(arguments.count), arguments.allSatisfy({ $0.label == nil }) else {
                let count = function.arity.lowerBound == function.arity.upperBound ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) or \(function.arity.upperBound)"
                return fail("`\(function.rawValue)` takes \(count) unnamed argument\(function.arity.upperBound == 1 ? "" : "s")")
            }
            let nodes = arguments.map { build($0.value, sources: sources, diagnostics: &diagnostics) }
            guard nodes.allSatisfy({ $0 != nil }) else { return nil }
            return .call(function, nodes.compactMap { $0 })
        case .invalid:
            return nil
        case .string, .duration, .history, .field, .list, .timeframe, .record, .method:
            return fail("an objective is arithmetic over metrics, numbers and the functions min, max, abs, sqrt, log, exp and nz")
        }
    }
}

/// Why an objective could not be parsed: located diagnostics and the sources they point into.
public struct ObjectiveError: Error, Sendable {
    public let diagnostics: Diagnostics
    public let sources: SourceMap
}
