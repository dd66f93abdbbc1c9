/// Bars per year, from the bar interval and the calendar: 365 days a year when the data has
/// weekend bars (crypto), 252 otherwise (markets closed at weekends). Intraday bars multiply
/// by bars per day (24 h sessions assumed); weekly and monthly bars give 52 and 12.
public enum Annualization {
    public static func periodsPerYear(times: [Int64]) -> Double {
        guard times.count >= 2 else { return 252 }
        var intervals: [Int64] = []
        intervals.reserveCapacity(times.count - 1)
        for index in 1..<times.count { intervals.append(times[index] - times[index - 1]) }
        intervals.sort()
        let median = Double(intervals[intervals.count / 2])
        let day = 86_400_000.0
        let hasWeekends = times.contains { stamp in
            let weekday = (Int((Double(stamp) / day).rounded(.down)) + 4) % 7  // 0 = Sunday
            return weekday == 0 || weekday == 6
        }
        let days = hasWeekends ? 365.0 : 252.0
        if median >= 27 * day { return 12 }
        if median >= 6 * day { return 52 }
        if median >= day { return days }
        return days * (day / median)
    }
}
