/// Bars per year, from the bar interval and the calendar: 365 days a year when the data has
/// weekend bars (crypto), 252 otherwise (markets closed at weekends). Intraday bars multiply
/// by bars per day (24 h sessions assumed); weekly and monthly bars give 52 and 12.
///
/// Fed one bar time at a time (so live trading can use it too). The bar interval is the
/// median spacing of the first 10,000 bars (gaps and sessions make the mean misleading), and
/// weekend bars are looked for among them too: ten thousand bars span many weeks.
public struct Annualization: Sendable {
    static let sampleSize = 10_000
    private var intervals: [Int64] = []
    private var lastTime: Int64?
    private var hasWeekends = false
    /// The answer once the sample is complete (it cannot change after that).
    private var settled: Double?

    public init() {}

    /// Whether the sample is complete (later bars cannot change the answer).
    public var isSettled: Bool { settled != nil }

    @inline(__always)
    public mutating func add(_ time: Int64) {
        guard intervals.count < Self.sampleSize else {
            if settled == nil { settled = periodsPerYear }
            return
        }
        if let lastTime { intervals.append(time - lastTime) }
        lastTime = time
        if !hasWeekends {
            let days = time >= 0 ? time / 86_400_000 : (time - 86_399_999) / 86_400_000
            let weekday = (days + 4) % 7  // 0 = Sunday
            hasWeekends = weekday == 0 || weekday == 6
        }
    }

    public var periodsPerYear: Double {
        if let settled { return settled }
        guard !intervals.isEmpty else { return 252 }
        let median = Double(intervals.sorted()[intervals.count / 2])
        let day = 86_400_000.0
        let days = hasWeekends ? 365.0 : 252.0
        if median >= 27 * day { return 12 }
        if median >= 6 * day { return 52 }
        if median >= day { return days }
        return days * (day / max(median, 1))
    }

    public static func periodsPerYear(times: [Int64]) -> Double {
        var estimator = Annualization()
        for time in times { estimator.add(time) }
        return estimator.periodsPerYear
    }
}
