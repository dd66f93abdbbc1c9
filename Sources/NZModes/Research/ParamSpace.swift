import Foundation
import NZEngine
import NZEval
import NZSema

/// The params an optimizer varies and the values each may take: the grid every search method
/// draws from. A param without a `--param` is swept over its script range (`in lo...hi step s`;
/// ints step 1 when no step is written), or held at its default when it has no range. Every
/// combination is checked with `Program.validate` (types, ranges, window lengths and the
/// script's `constraint`s) before it is run; the ones that fail are skipped.
public struct ParamSpace: Sendable {
    /// One varying param and its values, in increasing order.
    public struct Dimension: Sendable {
        public let param: Int
        public let name: String
        public let values: [Double]
    }

    /// What the command line says about one param.
    public enum Spec: Sendable, Equatable {
        case fixed(Double)
        /// lo...hi, every `step` (nil: the script's step, or 1 for an int).
        case range(Double, Double, step: Double?)
        case list([Double])
    }

    /// Every param's value when it is not varied (defaults and fixed values).
    public let base: [Double]
    public let dimensions: [Dimension]
    public let program: Program

    /// The indices of the varied params.
    public var swept: Set<Int> { Set(dimensions.map(\.param)) }

    /// The number of grid points (saturating), before validation.
    public var gridSize: Int {
        dimensions.reduce(1) { total, dimension in
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension.values.count)
            return overflow ? Int.max : product
        }
    }

    /// The most values one dimension may have.
    public static let maximumValuesPerParam = 100_000

    /// Builds the space from the program's params and the command line's specs (by name).
    /// `base` gives the values of params that are not varied (default: the script's defaults).
    public static func make(_ program: Program, base: [Double]? = nil, specs: [String: Spec]) -> Result<ParamSpace, PlanError> {
        var base = base ?? program.ir.defaultParams
        var dimensions: [Dimension] = []
        for (index, param) in program.ir.params.enumerated() where !param.isInstrument {
            let values: [Double]
            switch specs[param.name] {
            case .fixed(let value)?:
                guard param.accepts(value) else { return .failure(outside(param, [value])) }
                base[index] = value
                continue
            case .list(let list)?:
                values = Array(Set(list)).sorted()
            case .range(let low, let high, let step)?:
                guard let step = step ?? param.step ?? (param.base == .int ? 1 : nil) else {
                    return .failure(PlanError(message: "`--param \(param.name)=...` needs a step for a \(param.base.name) param, as in `\(param.name)=\(Self.format(low))...\(Self.format(high)):0.5`"))
                }
                switch Self.values(low, high, step: step) {
                case .success(let made): values = made
                case .failure(let error): return .failure(PlanError(message: "`--param \(param.name)`: \(error.message)"))
                }
            case nil:
                guard let low = param.lower, let high = param.upper, param.base != .bool else { continue }
                guard let step = param.step ?? (param.base == .int ? 1 : nil) else {
                    return .failure(PlanError(message: "param `\(param.name)` has a range but no step; give one in the script (`step 0.5`) or on the command line (`--param \(param.name)=\(Self.format(low))...\(Self.format(high)):0.5`)"))
                }
                switch Self.values(low, high, step: step) {
                case .success(let made): values = made
                case .failure(let error): return .failure(PlanError(message: "param `\(param.name)`: \(error.message)"))
                }
            }
            let rejected = values.filter { !param.accepts($0) }
            guard rejected.isEmpty else { return .failure(outside(param, rejected)) }
            if values.count == 1 {
                base[index] = values[0]
            } else {
                dimensions.append(Dimension(param: index, name: param.name, values: values))
            }
        }
        for name in specs.keys where !program.ir.params.contains(where: { $0.name == name && !$0.isInstrument }) {
            let names = program.ir.params.filter { !$0.isInstrument }.map { "`\($0.name)`" }
            return .failure(PlanError(message: "the script has no param `\(name)`" + (names.isEmpty ? "" : "; its params are \(names.joined(separator: ", "))")))
        }
        return .success(ParamSpace(base: base, dimensions: dimensions, program: program))
    }

    /// The full param values at one grid point (one value index per dimension).
    public func params(_ choice: [Int]) -> [Double] {
        var values = base
        for (dimension, index) in zip(dimensions, choice) { values[dimension.param] = dimension.values[index] }
        return values
    }

    /// Grid point number `ordinal`, the first dimension outermost (the last varies fastest).
    public func choice(ordinal: Int) -> [Int] {
        var rest = ordinal
        var choice = [Int](repeating: 0, count: dimensions.count)
        for index in dimensions.indices.reversed() {
            let count = dimensions[index].values.count
            choice[index] = rest % count
            rest /= count
        }
        return choice
    }

    /// Whether a combination may run: within every param's type and range, valid window
    /// lengths, and every `constraint` holds.
    public func isValid(_ params: [Double]) -> Bool {
        program.validate(params: params) == nil
    }

    /// The varied params of a full set of values, by name, in dimension order.
    public func varied(_ params: [Double]) -> [(name: String, value: Double)] {
        dimensions.map { ($0.name, params[$0.param]) }
    }

    /// lo, lo + step, ... up to hi (inclusive, with a tolerance for binary fractions), each
    /// rounded to the decimals of lo and step so that 0.1 steps give 0.3, not 0.30000000000000004.
    static func values(_ low: Double, _ high: Double, step: Double) -> Result<[Double], PlanError> {
        guard low.isFinite, high.isFinite, step.isFinite, step > 0 else {
            return .failure(PlanError(message: "a range needs finite bounds and a step above 0"))
        }
        guard low <= high else { return .failure(PlanError(message: "the range \(format(low))...\(format(high)) is empty")) }
        let count = ((high - low) / step * (1 + 1e-12)).rounded(.down) + 1
        guard count <= Double(maximumValuesPerParam) else {
            return .failure(PlanError(message: "\(format(low))...\(format(high)) in steps of \(format(step)) has more than \(maximumValuesPerParam) values"))
        }
        let scale = pow(10, Double(max(decimals(low), decimals(step))))
        return .success((0..<Int(count)).map { index in
            let value = low + Double(index) * step
            return scale > 1e12 ? value : (value * scale).rounded() / scale
        })
    }

    /// The decimal places a number needs (up to 12).
    private static func decimals(_ value: Double) -> Int {
        var scaled = abs(value)
        for places in 0...12 {
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, scaled) { return places }
            scaled *= 10
        }
        return 13
    }

    private static func outside(_ param: ParamSymbol, _ values: [Double]) -> PlanError {
        var expected = param.base.name
        if let lower = param.lower, let upper = param.upper { expected += " in \(format(lower))...\(format(upper))" }
        let shown = values.prefix(3).map(format).joined(separator: ", ") + (values.count > 3 ? ", ..." : "")
        return PlanError(message: "\(shown) \(values.count == 1 ? "is" : "are") not valid for param `\(param.name)` (expected \(expected))")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
