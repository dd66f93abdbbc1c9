import NZSema
import NZSyntax

/// Whether a node holds one value for the whole run or one per bar.
public enum IRShape: String, Hashable, Sendable {
    case scalar, series
}

/// How a node's Doubles are to be read.
public enum IRElement: String, Hashable, Sendable {
    case float, int, bool
}

/// The set of params a node depends on. A node with an empty set is computed once and shared
/// by every combination of a parameter sweep.
public struct ParamSet: Hashable, Sendable, CustomStringConvertible {
    public private(set) var members: [Int] = []

    public init(_ members: [Int] = []) { self.members = Array(Set(members)).sorted() }

    public var isEmpty: Bool { members.isEmpty }

    public func union(_ other: ParamSet) -> ParamSet {
        if other.members.isEmpty { return self }
        if members.isEmpty { return other }
        return ParamSet(members + other.members)
    }

    public var description: String { "{" + members.map(String.init).joined(separator: ",") + "}" }
}

/// One SSA node: an op over earlier nodes.
public struct IRNode: Hashable, Sendable {
    public let op: IROp
    public let inputs: [IRValue]
    public let shape: IRShape
    public let element: IRElement
    /// The params this node's value depends on.
    public let params: ParamSet
    /// Where the node came from, for diagnostics.
    public let range: SourceRange

    public init(op: IROp, inputs: [IRValue], shape: IRShape, element: IRElement, params: ParamSet, range: SourceRange) {
        self.op = op
        self.inputs = inputs
        self.shape = shape
        self.element = element
        self.params = params
        self.range = range
    }
}

/// What an output of the program is for.
public enum IROutputRole: Hashable, Sendable {
    case letValue
    case expression
    case enter(Side)
    case exit(Side)
    /// The price level of a resting entry order (`enter long when c limit p`).
    case entryPrice(Side, EntryOrderKind)
    case stopLoss(isPercent: Bool)
    case takeProfit(isPercent: Bool)
    case trailingStop(isPercent: Bool)
    case size(SizingKind)
    /// A sizing's second argument (`kelly`'s `trades`, `vol_target`'s `lookback`).
    case sizeOption
    case pyramiding
    /// `fill: close` (the value is 1).
    case fillAtClose
    /// A `costs` or `instrument` setting.
    case setting(StrategySetting)
    case plot
    /// A `constraint` on the params (a run-constant bool; 0 rules the params out).
    case constraint
}

/// A named root of the program.
public struct IROutput: Hashable, Sendable {
    public let name: String
    public let role: IROutputRole
    public var value: IRValue

    public init(name: String, role: IROutputRole, value: IRValue) {
        self.name = name
        self.role = role
        self.value = value
    }
}

/// A lowered, optimized program: nodes in topological order (every input precedes its user),
/// the params, and the outputs. A value that can be run many times with different params,
/// data and drivers.
public struct IRProgram: Sendable {
    public internal(set) var nodes: [IRNode]
    public let params: [ParamSymbol]
    public internal(set) var outputs: [IROutput]
    /// The strategy's name, when the script has a strategy block.
    public let strategyName: String?

    public init(nodes: [IRNode], params: [ParamSymbol], outputs: [IROutput], strategyName: String?) {
        self.nodes = nodes
        self.params = params
        self.outputs = outputs
        self.strategyName = strategyName
    }

    public func node(_ value: IRValue) -> IRNode { nodes[value.index] }

    public func outputs(_ role: IROutputRole) -> [IROutput] { outputs.filter { $0.role == role } }

    /// Default param values, in param order.
    public var defaultParams: [Double] { params.map(\.defaultValue) }

    /// Whether any node reads the input `column`, here or in an `on` block's program (what a
    /// run must load; a column no node reads need not be kept).
    public func reads(_ column: InputColumn) -> Bool {
        nodes.contains { node in
            switch node.op {
            case .column(let read): return read == column
            case .timeframe(let block): return block.program.reads(column)
            default: return false
            }
        }
    }
}
