import NZIR

/// Bars as columns: UTC epoch milliseconds plus open, high, low, close and volume. The unit
/// every driver evaluates over. Arrays are shared, not copied, when a frame is built from
/// loaded data.
public struct Frame: Sendable {
    public let time: [Int64]
    public let open: [Double]
    public let high: [Double]
    public let low: [Double]
    public let close: [Double]
    /// Empty when the run did not load it (no node of the script reads it); then `volume` is na.
    public let volume: [Double]
    /// The funding rate per 8 hours of each bar, when the data has a `funding_rate` column;
    /// empty otherwise (then `funding_rate` is na).
    public let funding: [Double]

    public init(time: [Int64], open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double],
                funding: [Double] = []) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume.count == time.count ? volume : []
        self.funding = funding.count == time.count ? funding : []
    }

    public var count: Int { time.count }

    public func column(_ column: InputColumn) -> [Double] {
        switch column {
        case .open: return open
        case .high: return high
        case .low: return low
        case .close: return close
        case .volume: return volume.isEmpty ? [Double](repeating: .nan, count: count) : volume
        case .time: return time.map { Double($0) }
        case .fundingRate: return funding.isEmpty ? [Double](repeating: .nan, count: count) : funding
        }
    }

    /// Bar `index` as one value per column, for the streaming driver.
    public func bar(_ index: Int) -> Bar {
        Bar(time: time[index], open: open[index], high: high[index], low: low[index], close: close[index],
            volume: volume.isEmpty ? .nan : volume[index],
            funding: funding.isEmpty ? .nan : funding[index])
    }

    /// The first `count` bars.
    public func prefix(_ count: Int) -> Frame {
        Frame(time: Array(time.prefix(count)), open: Array(open.prefix(count)), high: Array(high.prefix(count)),
              low: Array(low.prefix(count)), close: Array(close.prefix(count)), volume: Array(volume.prefix(count)),
              funding: Array(funding.prefix(count)))
    }
}

/// One bar, as the streaming driver receives it.
public struct Bar: Hashable, Sendable {
    public let time: Int64
    public let open: Double
    public let high: Double
    public let low: Double
    public let close: Double
    public let volume: Double
    /// The funding rate per 8 hours (na when the data has none).
    public let funding: Double

    public init(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double, funding: Double = .nan) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.funding = funding
    }

    public func value(_ column: InputColumn) -> Double {
        switch column {
        case .open: return open
        case .high: return high
        case .low: return low
        case .close: return close
        case .volume: return volume
        case .time: return Double(time)
        case .fundingRate: return funding
        }
    }
}

extension Frame {
    /// The most common spacing of the first 10,001 bars in milliseconds (the smaller on a
    /// tie), 0 with fewer than two bars: what a run sets `bar_interval` to.
    public var typicalInterval: Int64 {
        var counts: [Int64: Int] = [:]
        let limit = Swift.min(count, 10_001)
        guard limit > 1 else { return 0 }
        for index in 1..<limit where time[index] > time[index - 1] { counts[time[index] - time[index - 1], default: 0] += 1 }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
    }
}
