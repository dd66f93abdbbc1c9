import Foundation

/// The bar file formats NZS reads, and how `auto` tells them apart from a file's first bytes.
public enum BarFileFormat: String, Sendable, CaseIterable {
    case auto
    /// Any delimited text with a header naming the columns (aliases such as Date, Timestamp,
    /// TickVolume; `,`, `;`, tab or `|`, sniffed from the header).
    case csv
    /// MetaTrader 5's CSV export: a title line (`… TF = PERIOD_D1 …`), then a header with tabs
    /// after the commas, trailing commas, CRLF, `YYYY.MM.DD HH:MM` times.
    case mt5
    /// Binance kline CSV: no header, 12 columns, the first the open time in epoch milliseconds.
    case binance
    /// Apache Parquet (recognised, not read yet).
    case parquet

    /// The format of `bytes` (the start of a file is enough).
    public static func detect(_ bytes: [UInt8]) -> BarFileFormat {
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x41, bytes[2] == 0x52, bytes[3] == 0x31 { return .parquet }  // PAR1
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let firstLine = head.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if firstLine.contains("TF = PERIOD_") { return .mt5 }
        let fields = firstLine.split(separator: ",", omittingEmptySubsequences: false)
        if fields.count == 12, let first = fields.first, first.count >= 12, first.allSatisfy(\.isNumber) { return .binance }
        return .csv
    }
}

/// A bar's timeframe as given to `--timeframe`: `1m`, `15m`, `1h`, `4h`, `1d`, `1w` or `1M`
/// (a calendar month). Stored by its text.
public struct Timeframe: Hashable, Sendable, CustomStringConvertible {
    public let count: Int
    public let unit: Unit

    public enum Unit: String, Sendable { case minute = "m", hour = "h", day = "d", week = "w", month = "M" }

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last, let unit = Unit(rawValue: String(last)), let count = Int(trimmed.dropLast()), count > 0,
              count <= 100_000 else { return nil }
        self.count = count
        self.unit = unit
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// The length in milliseconds; nil for months (their length varies).
    public var milliseconds: Int64? {
        let minute: Int64 = 60_000
        switch unit {
        case .minute: return Int64(count) * minute
        case .hour: return Int64(count) * 60 * minute
        case .day: return Int64(count) * 1_440 * minute
        case .week: return Int64(count) * 10_080 * minute
        case .month: return nil
        }
    }
}
