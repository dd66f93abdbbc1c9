/// The series every script can read without declaring them.
public enum BuiltinSeries: String, CaseIterable, Hashable, Sendable {
    case open, high, low, close, volume
    /// Bar open time in UTC epoch milliseconds.
    case time
    /// (high + low) / 2
    case hl2
    /// (high + low + close) / 3
    case hlc3
    /// (open + high + low + close) / 4
    case ohlc4
    /// 0 for the first bar, then 1, 2, ...
    case barIndex = "bar_index"
    /// The data's perpetual funding rate per 8 hours (a `funding_rate` column; na without one).
    case fundingRate = "funding_rate"
}
