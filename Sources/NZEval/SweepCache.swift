import NZRuntime
import NZIR

/// The columns a parameter sweep's trials have in common, each computed once.
///
/// Every IR node knows the params it depends on (`IRNode.params`). In a sweep over the params S,
/// a node that depends on none of S has the same column in every trial, so it is computed once
/// (hoisted); a node that depends on part of S (`sma(close, fast)` in a fast × slow grid) has one
/// column per value of that part, so it is computed once per value: 10 times for 10 values of
/// `fast`, not once per trial. Only the frontier is kept: outputs, and nodes read by a node that
/// depends on more of S. Nodes that depend on all of S are left to each trial.
///
/// Use it in two phases: `prepare` the trials about to run (computes what is missing, in
/// parallel), then, from any thread, `evaluate` each trial, which reads the shared columns.
/// Columns are kept while they fit `budgetBytes`; beyond that a trial simply computes the rest
/// itself, so the budget bounds memory, never correctness.
public struct SweepCache: Sendable {
    public let program: Program
    public let frame: Frame
    /// The most bytes of shared columns kept.
    public let budgetBytes: Int
    private let groups: [Group]
    private var entries: [Key: [Int: [Double]]] = [:]
    /// Bytes held in `entries`.
    public private(set) var bytes = 0

    /// Nodes that depend on the same swept params, computed together.
    private struct Group: Sendable {
        /// The swept params the nodes depend on (param indices, ascending).
        let key: [Int]
        let nodes: [Int]
        /// The program restricted to these nodes as outputs.
        let program: Program
    }

    private struct Key: Hashable, Sendable {
        let group: Int
        let values: [Double]
    }

    /// `swept`: the indices of the params that vary between trials.
    public init(program: Program, frame: Frame, swept: Set<Int>, budgetBytes: Int = 1 << 30) {
        self.program = program
        self.frame = frame
        self.budgetBytes = budgetBytes
        let ir = program.ir
        let nodes = ir.nodes
        var isNeeded = [Bool](repeating: false, count: nodes.count)
        var isOutput = [Bool](repeating: false, count: nodes.count)
        for output in ir.outputs { isNeeded[output.value.index] = true; isOutput[output.value.index] = true }
        for index in nodes.indices.reversed() where isNeeded[index] {
            for input in nodes[index].inputs { isNeeded[input.index] = true }
        }
        let keys = nodes.map { $0.params.members.filter(swept.contains) }
        let full = swept.sorted()
        var hasWiderReader = [Bool](repeating: false, count: nodes.count)
        for (index, node) in nodes.enumerated() where isNeeded[index] {
            for input in node.inputs where keys[input.index] != keys[index] { hasWiderReader[input.index] = true }
        }
        var byKey: [[Int]: [Int]] = [:]
        var order: [[Int]] = []
        for (index, node) in nodes.enumerated() where isNeeded[index] && node.shape == .series {
            if case .column = node.op { continue }
            guard keys[index] != full, isOutput[index] || hasWiderReader[index] else { continue }
            if byKey[keys[index]] == nil { order.append(keys[index]) }
            byKey[keys[index], default: []].append(index)
        }
        // Smaller keys first: a group's columns may be read by the groups of wider keys.
        order.sort { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        groups = order.map { key in
            let members = byKey[key] ?? []
            let outputs = members.map { IROutput(name: "%\($0)", role: .letValue, value: IRValue($0)) }
            return Group(key: key, nodes: members,
                         program: Program(ir: IRProgram(nodes: nodes, params: ir.params, outputs: outputs, strategyName: nil)))
        }
    }

    /// How many nodes are shared (over all groups), and how many of them depend on no swept param.
    public var sharedNodes: (all: Int, hoisted: Int) {
        (groups.reduce(0) { $0 + $1.nodes.count }, groups.first { $0.key.isEmpty }?.nodes.count ?? 0)
    }

    /// Computes the shared columns these trials need and the cache lacks, on up to `jobs`
    /// threads, smallest keys first. Deterministic: which columns are kept depends only on the
    /// trials' order, never on timing.
    public mutating func prepare(_ trials: [[Double]], jobs: Int, isCancelled: @Sendable () -> Bool = { false }) {
        let columnBytes = frame.count * MemoryLayout<Double>.stride
        var level = 0
        while level < groups.count {
            let size = groups[level].key.count
            var end = level
            while end < groups.count, groups[end].key.count == size { end += 1 }
            var missing: [(key: Key, params: [Double])] = []
            var planned = Set<Key>()
            for groupIndex in level..<end {
                let group = groups[groupIndex]
                for params in trials {
                    let key = Key(group: groupIndex, values: group.key.map { params[$0] })
                    guard entries[key] == nil, !planned.contains(key) else { continue }
                    let cost = group.nodes.count * columnBytes
                    guard bytes + cost <= budgetBytes else { continue }
                    bytes += cost
                    planned.insert(key)
                    missing.append((key, params))
                }
            }
            let snapshot = self, work = missing
            let computed = ParallelWork.map(work.count, jobs: jobs, isCancelled: isCancelled) { index in
                snapshot.compute(work[index].key.group, params: work[index].params)
            }
            for (item, columns) in zip(missing, computed) {
                if let columns { entries[item.key] = columns } else { bytes -= groups[item.key.group].nodes.count * columnBytes }
            }
            level = end
        }
    }

    /// The shared columns of one trial that the cache holds, by node index.
    public func columns(for params: [Double]) -> [Int: [Double]] {
        var result: [Int: [Double]] = [:]
        for (groupIndex, group) in groups.enumerated() {
            guard let columns = entries[Key(group: groupIndex, values: group.key.map { params[$0] })] else { continue }
            result.merge(columns) { first, _ in first }
        }
        return result
    }

    /// One trial's evaluation: the program over the frame, reading the shared columns.
    public func evaluate(params: [Double], pool: inout ColumnPool) -> Evaluation {
        program.evaluate(frame, params: params, precomputed: columns(for: params), pool: &pool)
    }

    /// One group's columns for one set of values, reading narrower groups' columns.
    private func compute(_ groupIndex: Int, params: [Double]) -> [Int: [Double]] {
        let group = groups[groupIndex]
        var pool = ColumnPool()
        let evaluation = group.program.evaluate(frame, params: params, precomputed: columns(for: params), pool: &pool)
        var result: [Int: [Double]] = [:]
        for node in group.nodes { result[node] = evaluation.column(IRValue(node)) }
        return result
    }
}
