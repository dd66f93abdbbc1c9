import Foundation

/// Reads any importable bar file (`BarFileFormat`) into a `BarSeries`: each bad row is reported
/// as `file:row: reason`, and the import is all-or-nothing unless `skipBad` (then the bad rows
/// are listed and left out). Rows out of time order are sorted, not dropped; a repeated time
/// is a bad row.
public enum BarImport {
    /// What an import read and what it left out.
    public struct Outcome: Sendable {
        public internal(set) var series: BarSeries
        public let format: BarFileFormat
        /// The rows left out with `skipBad`, with their reasons (empty otherwise).
        public let skipped: [DataError]
        /// Rows that were before an earlier row's time, now in order.
        public let reordered: Int
    }

    /// `source` names the file in errors (default: `path`).
    public static func read(path: String, source: String? = nil, format requested: BarFileFormat = .auto, skipBad: Bool = false,
                            keepTimeText: Bool = true, keepsVolume: Bool = true) throws(DataError) -> Outcome {
        let head = try FileBytes.read(path, limit: 4096)
        let format = requested == .auto ? BarFileFormat.detect(head) : requested
        if format == .csv, isCanonical(head), !skipBad {
            // The documented `time,open,high,low,close,volume` format has a faster strict reader
            // that streams the file in chunks.
            return Outcome(series: try CSVBarReader.read(path: path, keepTimeText: keepTimeText, keepsVolume: keepsVolume), format: .csv,
                           skipped: [], reordered: 0)
        }
        let raw = try self.raw(path: path, source: source, format: format)
        var outcome = try series(raw.bars, format: raw.format, skipBad: skipBad)
        if !keepsVolume { outcome.series.volume = [] }
        return outcome
    }

    /// Every row of any importable file as written, unchecked (for `series` and `DataCheck`),
    /// and the format it was read as. `source` names the file in errors (default: `path`).
    public static func raw(path: String, source: String? = nil, format requested: BarFileFormat = .auto)
        throws(DataError) -> (bars: RawBars, format: BarFileFormat) {
        let name = source ?? path
        var bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw DataError(file: name, row: error.row, reason: error.reason) }
        bytes.removeLast()  // the terminator
        let format = requested == .auto ? BarFileFormat.detect(bytes) : requested
        if format == .parquet { return (try ParquetBars.raw(bytes, source: name), .parquet) }
        return (try TabularReader.read(bytes, format: format, source: name), format)
    }

    /// Whether the first line is the canonical header (time, open, high, low, close by name).
    static func isCanonical(_ bytes: [UInt8]) -> Bool {
        let line = String(decoding: bytes.prefix(512), as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        let names = Set(line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return CSVBarReader.required.allSatisfy(names.contains)
    }

    static func series(_ raw: RawBars, format: BarFileFormat, skipBad: Bool) throws(DataError) -> Outcome {
        var bad: [DataError] = raw.malformed.map { DataError(file: raw.source, row: $0.row, reason: $0.reason) }
        var keep: [Int] = []
        var firstRowOfTime: [Int64: Int] = [:]
        let names = ["open", "high", "low", "close"]
        for index in 0..<raw.count {
            let row = raw.rows[index]
            guard let time = raw.times[index] else {
                bad.append(DataError(file: raw.source, row: row, reason: "`\(raw.timeText[index])` is not a time (use ISO-8601, YYYY.MM.DD HH:MM or epoch seconds/milliseconds)"))
                continue
            }
            let values = [raw.open[index], raw.high[index], raw.low[index], raw.close[index]]
            if let column = values.firstIndex(where: { !$0.isFinite }) {
                let what = values[column].isNaN ? "is empty or not a number" : "is infinite"
                bad.append(DataError(file: raw.source, row: row, reason: "`\(names[column])` \(what)"))
                continue
            }
            if raw.volume[index].isInfinite {
                bad.append(DataError(file: raw.source, row: row, reason: "`volume` is infinite"))
                continue
            }
            if let first = firstRowOfTime[time] {
                bad.append(DataError(file: raw.source, row: row, reason: "time `\(raw.timeText[index])` repeats row \(first)"))
                continue
            }
            firstRowOfTime[time] = row
            keep.append(index)
        }
        bad.sort { ($0.row ?? 0) < ($1.row ?? 0) }
        if !bad.isEmpty, !skipBad {
            // Every bad row is named (the first 20 in full), so one run shows all that is wrong.
            var reason = bad[0].reason
            if bad.count > 1 {
                let listed = bad.dropFirst().prefix(19).map { "\n\($0)" }.joined()
                let rest = bad.count > 20 ? "\n... and \(bad.count - 20) more bad row(s)" : ""
                reason += listed + rest + "\n\(bad.count) bad row(s); nothing was imported (`--skip-bad` imports the rest)"
            }
            throw DataError(file: bad[0].file, row: bad[0].row, reason: reason)
        }
        var reordered = 0
        var latest = Int64.min
        for index in keep {
            if let time = raw.times[index] {
                if time < latest { reordered += 1 } else { latest = time }
            }
        }
        let ordered = keep.sorted { (raw.times[$0] ?? 0, $0) < (raw.times[$1] ?? 0, $1) }
        var series = BarSeries(source: raw.source)
        series.reserve(ordered.count)
        for index in ordered {
            series.time.append(raw.times[index] ?? 0)
            series.timeText.append(raw.timeText[index])
            series.open.append(raw.open[index])
            series.high.append(raw.high[index])
            series.low.append(raw.low[index])
            series.close.append(raw.close[index])
            series.volume.append(raw.volume[index])
            if raw.funding.count == raw.count { series.funding.append(raw.funding[index]) }
        }
        guard series.count > 0 else { throw DataError(file: raw.source, row: nil, reason: "the file has no bars") }
        return Outcome(series: series, format: format, skipped: skipBad ? bad : [], reordered: reordered)
    }
}
