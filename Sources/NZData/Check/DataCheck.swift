import Foundation

/// `nzs data check`: what is wrong with a bar file, without changing it. Works on `RawBars`
/// (every row as written), so duplicates, unsorted rows and bad values are counted, not
/// rejected. Definitions are in docs/data.md.
public struct DataCheck: Sendable {
    /// A run of missing bars between two consecutive (sorted, distinct) bar times.
    public struct Gap: Sendable, Hashable {
        public let after: Int64
        public let before: Int64
        public let missingBars: Int
    }

    /// A bar whose close-to-close log return or range is far from the rest.
    public struct Outlier: Sendable, Hashable {
        public let time: Int64
        public let kind: String
        public let value: Double
        public let z: Double
    }

    /// Count, min, max, mean and sample deviation of a column's finite values.
    public struct ColumnStats: Sendable, Hashable {
        public let name: String
        public let count: Int
        public let min: Double?
        public let max: Double?
        public let mean: Double?
        public let std: Double?
        public let nan: Int
        public let zeros: Int
        public let negatives: Int
        public let infinities: Int
    }

    /// Which bar times the market is expected to have.
    public enum Calendar: String, Sendable, CaseIterable {
        /// Every interval (crypto).
        case continuous = "24x7"
        /// No bars on Saturdays and Sundays (UTC): weekend slots are not missing.
        case weekdays
    }

    public let rows: Int
    /// The timeframe given, or else the most common spacing of the first 10,000 bars.
    public let timeframe: Timeframe?
    public let calendar: Calendar
    public let gaps: [Gap]
    public let missingBars: Int
    public let duplicates: Int
    public let unsorted: Int
    public let badTimes: Int
    public let malformed: Int
    public let nan: Int
    public let zeros: Int
    public let negatives: Int
    public let infinities: Int
    public let ohlcViolations: Int
    public let flatBars: Int
    public let outliers: [Outlier]
    public let columns: [ColumnStats]
    /// The robust z-score above which a return or range is an outlier.
    public let outlierThreshold: Double

    public init(_ raw: RawBars, timeframe: Timeframe?, calendar: Calendar, outlierThreshold: Double = 8) {
        rows = raw.count + raw.malformed.count
        self.calendar = calendar
        self.outlierThreshold = outlierThreshold
        malformed = raw.malformed.count
        badTimes = raw.times.filter { $0 == nil }.count
        var seen = Set<Int64>()
        var duplicates = 0, unsorted = 0
        var latest = Int64.min
        for time in raw.times.compactMap({ $0 }) {
            if !seen.insert(time).inserted { duplicates += 1 }
            if time < latest { unsorted += 1 } else { latest = time }
        }
        self.duplicates = duplicates
        self.unsorted = unsorted
        let stats = [("open", raw.open), ("high", raw.high), ("low", raw.low), ("close", raw.close), ("volume", raw.volume)]
            .map { Self.stats($0.0, $0.1) }
        columns = stats
        nan = stats.reduce(0) { $0 + $1.nan }
        zeros = stats.reduce(0) { $0 + $1.zeros }
        negatives = stats.reduce(0) { $0 + $1.negatives }
        infinities = stats.reduce(0) { $0 + $1.infinities }
        var violations = 0, flat = 0
        for index in 0..<raw.count {
            let (o, h, l, c) = (raw.open[index], raw.high[index], raw.low[index], raw.close[index])
            guard o.isFinite, h.isFinite, l.isFinite, c.isFinite else { continue }
            if h < max(o, c) || l > min(o, c) || h < l { violations += 1 }
            if h == l { flat += 1 }
        }
        ohlcViolations = violations
        flatBars = flat
        // Gaps and outliers are measured on the distinct times in order.
        let order = (0..<raw.count).filter { raw.times[$0] != nil }.sorted { (raw.times[$0] ?? 0, $0) < (raw.times[$1] ?? 0, $1) }
        var unique: [Int] = []
        for index in order where unique.last.map({ raw.times[$0] != raw.times[index] }) ?? true { unique.append(index) }
        let times = unique.compactMap { raw.times[$0] }
        let effective = timeframe ?? Self.inferred(times)
        self.timeframe = effective
        gaps = Self.gaps(times, timeframe: effective, calendar: calendar)
        missingBars = gaps.reduce(0) { $0 + $1.missingBars }
        outliers = Self.outliers(unique.map { raw.close[$0] }, highs: unique.map { raw.high[$0] }, lows: unique.map { raw.low[$0] },
                                 times: times, threshold: outlierThreshold)
    }

    static func stats(_ name: String, _ values: [Double]) -> ColumnStats {
        let finite = values.filter(\.isFinite)
        let mean = finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count)
        let std = mean.flatMap { m in finite.count > 1 ? (finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finite.count - 1)).squareRoot() : nil }
        return ColumnStats(name: name, count: finite.count, min: finite.min(), max: finite.max(), mean: mean, std: std,
                           nan: values.filter(\.isNaN).count, zeros: finite.filter { $0 == 0 }.count,
                           negatives: finite.filter { $0 < 0 }.count, infinities: values.filter(\.isInfinite).count)
    }

    /// The most common spacing of the first 10,000 bars, as a timeframe.
    static func inferred(_ times: [Int64]) -> Timeframe? {
        guard times.count > 1 else { return nil }
        var counts: [Int64: Int] = [:]
        for (a, b) in zip(times.prefix(10_000), times.dropFirst().prefix(10_000)) { counts[b - a, default: 0] += 1 }
        guard let step = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key, step > 0 else { return nil }
        let day: Int64 = 86_400_000
        if step >= 28 * day, step <= 31 * day { return Timeframe("1M") }
        if step % (7 * day) == 0 { return Timeframe("\(step / (7 * day))w") }
        if step % day == 0 { return Timeframe("\(step / day)d") }
        if step % 3_600_000 == 0 { return Timeframe("\(step / 3_600_000)h") }
        if step % 60_000 == 0 { return Timeframe("\(step / 60_000)m") }
        return nil
    }

    static func gaps(_ times: [Int64], timeframe: Timeframe?, calendar: Calendar) -> [Gap] {
        guard let timeframe else { return [] }
        var gaps: [Gap] = []
        for (a, b) in zip(times, times.dropFirst()) {
            let missing: Int
            if timeframe.unit == .month {
                missing = max(0, Self.monthIndex(b) - Self.monthIndex(a) - timeframe.count) / timeframe.count
            } else if let step = timeframe.milliseconds {
                missing = Self.slots(from: a, to: b, step: step, calendar: calendar, timeframe: timeframe)
            } else {
                missing = 0
            }
            if missing > 0 { gaps.append(Gap(after: a, before: b, missingBars: missing)) }
        }
        return gaps
    }

    /// Expected bar times strictly between `a` and `b` (a multiple of `step` after `a`) that the
    /// calendar says should exist.
    static func slots(from a: Int64, to b: Int64, step: Int64, calendar: Calendar, timeframe: Timeframe) -> Int {
        let total = Int((b - a) / step) - ((b - a) % step == 0 ? 1 : 0)
        guard total > 0 else { return 0 }
        guard calendar == .weekdays, timeframe.unit != .week else { return total }
        var count = 0
        var time = a + step
        // Bounded: a gap longer than ~50 years of minutes is counted without the calendar.
        guard total < 30_000_000 else { return total }
        while time < b {
            let day = time >= 0 ? time / 86_400_000 : (time - 86_399_999) / 86_400_000
            let weekday = ((day + 4) % 7 + 7) % 7  // 0 = Sunday
            if weekday != 0, weekday != 6 { count += 1 }
            time += step
        }
        return count
    }

    static func monthIndex(_ time: Int64) -> Int {
        let date = Date(timeIntervalSince1970: Double(time) / 1000)
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 0) * 12 + (parts.month ?? 1) - 1
    }

    /// Robust z-scores, 0.6745 × (x − median) / MAD, of log returns and of log(high / low).
    static func outliers(_ close: [Double], highs: [Double], lows: [Double], times: [Int64], threshold: Double) -> [Outlier] {
        var found: [Outlier] = []
        func scan(_ values: [(Int64, Double)], kind: String) {
            let finite = values.filter { $0.1.isFinite }
            guard finite.count >= 10 else { return }
            let sorted = finite.map(\.1).sorted()
            let median = sorted[sorted.count / 2]
            let deviations = finite.map { abs($0.1 - median) }.sorted()
            let mad = deviations[deviations.count / 2]
            guard mad > 0 else { return }
            for (time, value) in finite {
                let z = 0.6745 * (value - median) / mad
                if abs(z) > threshold { found.append(Outlier(time: time, kind: kind, value: value, z: z)) }
            }
        }
        var returns: [(Int64, Double)] = []
        for index in 1..<max(close.count, 1) where close[index - 1] > 0 && close[index] > 0 {
            returns.append((times[index], log(close[index] / close[index - 1])))
        }
        scan(returns, kind: "return")
        scan(zip(times, zip(highs, lows)).compactMap { $0.1.0 > 0 && $0.1.1 > 0 ? ($0.0, log($0.1.0 / $0.1.1)) : nil }, kind: "range")
        return found.sorted { ($0.time, $0.kind) < ($1.time, $1.kind) }
    }
}
