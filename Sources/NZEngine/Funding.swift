/// Perpetual-futures funding: exchanges settle it every 8 hours, at 00:00, 08:00 and 16:00 UTC.
/// A position open across a settlement pays `rate × notional` (a long pays a positive rate, a
/// short receives it; a negative rate reverses both).
enum Funding {
    static let interval: Int64 = 8 * 3_600_000

    /// The settlements in the half-open interval (after, upTo]: those a position held from bar
    /// time `after` to bar time `upTo` was open across.
    static func settlements(after: Int64, upTo: Int64) -> Int64 {
        guard upTo > after else { return 0 }
        return floorDiv(upTo, interval) - floorDiv(after, interval)
    }

    private static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
