import Foundation

/// OHLCV aggregation to a higher timeframe, calendar-aligned in UTC: minutes and hours from
/// midnight, days at 00:00, weeks from Monday 00:00, months from the 1st. A period's bar has
/// the period's start as its time, the first open, the highest high, the lowest low, the last
/// close and the summed volume (na when every volume is na); periods without bars are dropped.
public enum Resampler {
    public static func resample(_ series: BarSeries, to timeframe: Timeframe) -> BarSeries {
        var out = BarSeries(source: series.source)
        var currentStart: Int64?
        for index in 0..<series.count {
            let start = periodStart(series.time[index], timeframe)
            if start != currentStart {
                currentStart = start
                out.time.append(start)
                out.timeText.append(TimeParsing.iso8601(start))
                out.open.append(series.open[index])
                out.high.append(series.high[index])
                out.low.append(series.low[index])
                out.close.append(series.close[index])
                out.volume.append(series.volume[index])
            } else {
                let last = out.count - 1
                out.high[last] = max(out.high[last], series.high[index])
                out.low[last] = min(out.low[last], series.low[index])
                out.close[last] = series.close[index]
                let volume = series.volume[index]
                if !volume.isNaN { out.volume[last] = out.volume[last].isNaN ? volume : out.volume[last] + volume }
            }
        }
        return out
    }

    /// The start of the period containing `time`.
    public static func periodStart(_ time: Int64, _ timeframe: Timeframe) -> Int64 {
        let day: Int64 = 86_400_000
        func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
        switch timeframe.unit {
        case .minute, .hour, .day:
            let step = timeframe.milliseconds ?? day
            return floorDiv(time, step) * step
        case .week:
            // 1970-01-05 was a Monday: weeks count from there.
            let monday: Int64 = 4 * day
            let step = Int64(timeframe.count) * 7 * day
            return floorDiv(time - monday, step) * step + monday
        case .month:
            let days = floorDiv(time, day)
            let (year, month) = civil(days)
            let index = year * 12 + (month - 1)
            let start = index - ((index % timeframe.count) + timeframe.count) % timeframe.count
            return Int64(TimeParsing.daysFromCivil(year: start / 12, month: start % 12 + 1, day: 1)) * day
        }
    }

    /// Year and month of a day number since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civil(_ days: Int64) -> (Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month))
    }
}
