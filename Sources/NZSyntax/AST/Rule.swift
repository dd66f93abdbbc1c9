/// The side of a position.
public enum Side: String, Hashable, Sendable {
    case long, short
}

/// One `name value` entry of a `costs` rule (`fee 0.1%`) or an `instrument` block
/// (`tick_size 0.01`).
public struct SettingItem: Hashable, Sendable {
    public let name: Identifier
    public let value: Expr
}

/// How an entry order is priced: at the next open (market), or resting at a level.
public enum EntryOrderKind: String, Hashable, Sendable {
    /// Fills at the level or better: below it for a long, above it for a short.
    case limit
    /// Fills once the price trades through the level: above it for a long, below it for a short.
    case stop
}

/// The `limit <price>` or `stop <price>` part of `enter long when c limit <price>`.
public struct EntryOrder: Hashable, Sendable {
    public let kind: EntryOrderKind
    public let price: Expr
    /// The range of the `limit`/`stop` word.
    public let keywordRange: SourceRange
}

/// A trading rule inside a `strategy` block.
public enum RuleKind: Hashable, Sendable {
    /// `enter long|short when condition [limit|stop price]`
    case enter(Side, Expr, EntryOrder?)
    /// `exit long|short when condition`
    case exit(Side, Expr)
    /// `stop_loss distance` (a price distance, or a percent of the entry price)
    case stopLoss(Expr)
    /// `take_profit distance`
    case takeProfit(Expr)
    /// `trailing_stop distance` (from the best price since the entry)
    case trailingStop(Expr)
    /// `size sizing` such as `percent_of_equity(95%)`
    case size(Expr)
    /// `pyramiding n`: at most n entries open on one side
    case pyramiding(Expr)
    /// `costs fee 0.1%, slippage 0.05%`
    case costs([SettingItem])
    /// `instrument { tick_size 0.01  lot_step 0.001 }`
    case instrument([SettingItem])
    /// `fill: close` (or `fill: open`): where market orders fill
    case fill(Identifier)
    /// `plot a, b`
    case plot([Expr])
    /// `constraint fast < slow`: a condition on the params that every run and every optimizer
    /// trial must meet
    case constraint(Expr)
}

/// A rule with the range of its keyword (for "duplicate rule" notes) and of the whole rule.
public struct Rule: Hashable, Sendable {
    public let kind: RuleKind
    public let keywordRange: SourceRange
    public let range: SourceRange

    /// The rule words, as the parser recognises them at the start of a strategy statement.
    public static let words: Set<String> = ["enter", "exit", "stop_loss", "take_profit", "trailing_stop", "size", "pyramiding",
                                            "costs", "instrument", "fill", "plot", "constraint"]
}
