import NZSyntax

/// A named engine setting of a strategy: a cost (`costs fee 0.1%`) or a property of the
/// traded instrument (`instrument { tick_size 0.01 }`). Each has a valid range, checked by the
/// type checker for constants and by the engine for params.
public enum StrategySetting: String, Hashable, Sendable, CaseIterable {
    case fee
    case feeFixed = "fee_fixed"
    case slippage
    case slippageTicks = "slippage_ticks"
    case funding
    case tickSize = "tick_size"
    case lotStep = "lot_step"
    case minQty = "min_qty"
    case leverage
    case maintenanceMargin = "maintenance_margin"

    /// Where a setting is written.
    public enum Group: String, Sendable { case costs, instrument }

    public var group: Group {
        switch self {
        case .fee, .feeFixed, .slippage, .slippageTicks, .funding: return .costs
        case .tickSize, .lotStep, .minQty, .leverage, .maintenanceMargin: return .instrument
        }
    }

    /// The settings of one group, in documentation order.
    public static func names(in group: Group) -> [String] { allCases.filter { $0.group == group }.map(\.rawValue) }

    /// Only `funding` may vary per bar (a funding-rate column); the rest are fixed for a run.
    public var allowsSeries: Bool { self == .funding }

    /// Whether `value` is in the setting's range.
    public func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .fee, .slippage, .maintenanceMargin: return value >= 0 && value < 1
        case .funding: return value > -1 && value < 1
        case .feeFixed, .slippageTicks, .minQty: return value >= 0
        case .tickSize, .lotStep: return value > 0
        case .leverage: return value >= 1
        }
    }

    /// The valid range in words, for diagnostics.
    public var expectation: String {
        switch self {
        case .fee, .slippage, .maintenanceMargin: return "a fraction from 0% up to (not including) 100%"
        case .funding: return "a rate per 8 hours above -100% and below 100%"
        case .feeFixed: return "an amount of cash of at least 0"
        case .slippageTicks: return "a number of ticks of at least 0"
        case .minQty: return "a quantity of at least 0"
        case .tickSize, .lotStep: return "a size above 0"
        case .leverage: return "a leverage of at least 1"
        }
    }
}

/// `enter SIDE when c limit|stop PRICE`: the entry is a resting order at a price level.
public struct EntryOrderRule: Sendable {
    public let kind: EntryOrderKind
    public let price: TypedExpr
    public let range: SourceRange
}
