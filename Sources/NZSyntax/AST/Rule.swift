/// The side of a position.
public enum Side: String, Hashable, Sendable {
    case long, short
}

/// One `name value` entry of a `costs` rule, such as `fee 0.1%`.
public struct CostItem: Hashable, Sendable {
    public let name: Identifier
    public let value: Expr
}

/// A trading rule inside a `strategy` block.
public enum RuleKind: Hashable, Sendable {
    /// `enter long|short when condition`
    case enter(Side, Expr)
    /// `exit long|short when condition`
    case exit(Side, Expr)
    /// `stop_loss distance` (a price distance, or a percent of the entry price)
    case stopLoss(Expr)
    /// `take_profit distance`
    case takeProfit(Expr)
    /// `size sizing` such as `percent_of_equity(95%)`
    case size(Expr)
    /// `costs fee 0.1%, slippage 0.05%`
    case costs([CostItem])
    /// `plot a, b`
    case plot([Expr])
}

/// A rule with the range of its keyword (for "duplicate rule" notes) and of the whole rule.
public struct Rule: Hashable, Sendable {
    public let kind: RuleKind
    public let keywordRange: SourceRange
    public let range: SourceRange

    /// The rule words, as the parser recognises them at the start of a strategy statement.
    public static let words: Set<String> = ["enter", "exit", "stop_loss", "take_profit", "size", "costs", "plot"]
}
