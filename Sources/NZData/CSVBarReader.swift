#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads bars from a CSV file with the header `time,open,high,low,close,volume` (any case,
/// any column order, extra columns ignored, `volume` optional: without it `volume` is `na`). Rows must be complete, with
/// finite numbers and strictly increasing times; the first bad row stops the read with a
/// `DataError` naming the file and row.
///
/// Written for speed: one pass over the bytes, numbers parsed in place with `strtod`.
public enum CSVBarReader {
    static let required = ["time", "open", "high", "low", "close"]

    /// `keepTimeText: false` leaves `timeText` empty (a string per row is a large share of
    /// the memory of a long file; only outputs that echo the input times need it).
    /// `keepsVolume: false` leaves `volume` empty (each field is still checked): for a run whose
    /// script reads no volume, 8 bytes a bar it need not hold.
    /// The file is read in chunks of `chunkSize` bytes (each cut after its last newline), so
    /// the whole text is never in memory at once.
    public static func read(path: String, keepTimeText: Bool = true, keepsVolume: Bool = true,
                            chunkSize: Int = 8 << 20) throws(DataError) -> BarSeries {
        guard let handle = fopen(path, "rb") else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw DataError(file: path, row: nil, reason: reason)
        }
        defer { fclose(handle) }
        var state = State(source: path, keepTimeText: keepTimeText, keepsVolume: keepsVolume)
        var info = stat()
        if fstat(fileno(handle), &info) == 0 { state.expectedBytes = Int(info.st_size) }
        var carry: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(chunkSize, 1))
        var first = true
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if read == 0, ferror(handle) != 0 { throw DataError(file: path, row: nil, reason: "cannot read the whole file") }
            let atEnd = read < chunk.count
            var text = carry
            text.append(contentsOf: chunk[0..<read])
            // Keep a trailing partial line for the next chunk.
            var cut = text.count
            if !atEnd, let newline = text.lastIndex(of: 0x0A) { cut = newline + 1 } else if !atEnd { cut = 0 }
            carry = Array(text[cut...])
            text.removeSubrange(cut...)
            if !text.isEmpty || (atEnd && first) {
                text.append(0)  // strtod stops at the terminator
                try consume(text, &state, skipsBOM: first)
                first = false
            }
            if atEnd { break }
        }
        return try state.finish()
    }

    public static func parse(_ text: String, source: String) throws(DataError) -> BarSeries {
        try parse(Array(text.utf8), source: source)
    }

    public static func parse(_ input: [UInt8], source: String) throws(DataError) -> BarSeries {
        var bytes = input
        bytes.append(0)  // strtod stops at the terminator
        return try parse(terminated: bytes, source: source)
    }

    /// Parses bytes that already end with a 0 terminator (not part of the text), without
    /// copying them: a large file is held in memory once.
    public static func parse(terminated bytes: [UInt8], source: String, keepTimeText: Bool = true) throws(DataError) -> BarSeries {
        var state = State(source: source, keepTimeText: keepTimeText, keepsVolume: true)
        try consume(bytes, &state, skipsBOM: true)
        return try state.finish()
    }

    private static func consume(_ bytes: [UInt8], _ state: inout State, skipsBOM: Bool) throws(DataError) {
        // The state is mutated in place (not copied into the reader) so that appending to its
        // columns never copies them.
        let failure: DataError? = bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer: buffer, length: max(bytes.count - 1, 0))
            do throws(DataError) {
                try reader.readAll(skipsBOM: skipsBOM, &state)
                return nil
            } catch { return error }
        }
        if let failure { throw failure }
    }

    /// What carries over from one chunk to the next: the column layout, the row count and the
    /// bars so far.
    private struct State {
        let source: String
        let keepTimeText: Bool
        let keepsVolume: Bool
        /// The file's size when known, to reserve the columns once.
        var expectedBytes = 0
        var row = 0
        var names: [String] = []
        var layout: (time: Int, open: Int, high: Int, low: Int, close: Int, volume: Int?, funding: Int?, needed: Int)?
        var series: BarSeries

        init(source: String, keepTimeText: Bool, keepsVolume: Bool) {
            self.source = source
            self.keepTimeText = keepTimeText
            self.keepsVolume = keepsVolume
            series = BarSeries(source: source)
        }

        func finish() throws(DataError) -> BarSeries {
            guard layout != nil else { throw DataError(file: source, row: nil, reason: "the file is empty") }
            guard series.count > 0 else { throw DataError(file: source, row: nil, reason: "the file has a header but no rows") }
            return series
        }
    }

    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        let length: Int
        var position = 0
        /// Lines seen in this chunk; the state's row count is advanced by them.
        var fields: [Range<Int>] = []

        init(buffer: UnsafeBufferPointer<UInt8>, length: Int) {
            self.buffer = buffer
            self.length = length
        }

        mutating func readAll(skipsBOM: Bool, _ state: inout State) throws(DataError) {
            let source = state.source
            if skipsBOM, length >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
            if state.layout == nil {
                guard nextLine() else { return }
                state.row += 1
                let names = fields.map { String(decoding: UnsafeBufferPointer(rebasing: buffer[$0]), as: UTF8.self)
                    .trimmingCharacters(in: .whitespaces).lowercased() }
                var columns: [String: Int] = [:]
                for (index, name) in names.enumerated() where columns[name] == nil { columns[name] = index }
                let positions = Self.requiredNames.compactMap { columns[$0] }
                guard positions.count == Self.requiredNames.count else {
                    let missing = Self.requiredNames.first { columns[$0] == nil } ?? "time"
                    throw DataError(file: source, row: 1, reason: "the header has no `\(missing)` column (expected time,open,high,low,close,volume; found \(names.joined(separator: ",")))")
                }
                let volume = columns["volume"]
                let funding = columns["funding_rate"] ?? columns["funding"]
                state.names = names
                state.layout = (positions[0], positions[1], positions[2], positions[3], positions[4], volume, funding,
                                max(positions.max() ?? 0, volume ?? 0, funding ?? 0) + 1)
                state.series.reserve(max(length, state.expectedBytes) / 48, timeText: state.keepTimeText, volume: state.keepsVolume)
            }
            guard let layout = state.layout else { return }
            let (time, open, high, low, close, volume, funding, needed) = layout
            let keepTimeText = state.keepTimeText, keepsVolume = state.keepsVolume
            let nameCount = state.names.count
            while nextLine() {
                state.row += 1
                let row = state.row
                if fields.count == 1, fields[0].isEmpty { continue }  // blank line
                guard fields.count >= needed else {
                    throw DataError(file: source, row: row, reason: "expected \(nameCount) fields, found \(fields.count)")
                }
                let timeRange = fields[time]
                let timeBytes = UnsafeBufferPointer(rebasing: buffer[timeRange])
                guard let stamp = TimeParsing.epochMilliseconds(timeBytes) else {
                    throw DataError(file: source, row: row, reason: "`\(text(timeRange))` is not a time (use ISO-8601 or epoch seconds/milliseconds)")
                }
                if let previous = state.series.time.last, stamp <= previous {
                    let relation = stamp == previous ? "repeats the previous row's time" : "is before the previous row's time"
                    throw DataError(file: source, row: row, reason: "time `\(text(timeRange))` \(relation); rows must be in strictly increasing time")
                }
                let o = try number(open, "open", source: source, row: row), h = try number(high, "high", source: source, row: row)
                let l = try number(low, "low", source: source, row: row), c = try number(close, "close", source: source, row: row)
                let v = try volume.map { column throws(DataError) in try number(column, "volume", source: source, row: row) } ?? .nan
                state.series.time.append(stamp)
                if keepTimeText { state.series.timeText.append(text(timeRange)) }
                state.series.open.append(o)
                state.series.high.append(h)
                state.series.low.append(l)
                state.series.close.append(c)
                if keepsVolume { state.series.volume.append(v) }
                if let funding {
                    // An empty funding field is na (no rate known for that bar).
                    state.series.funding.append(fields[funding].isEmpty ? .nan : try number(funding, "funding_rate", source: source, row: row))
                }
            }
        }

        static let requiredNames = CSVBarReader.required

        /// Splits the next line into `fields`; false at the end of the input.
        mutating func nextLine() -> Bool {
            guard position < length else { return false }
            fields.removeAll(keepingCapacity: true)
            var start = position
            var quoted = false
            while position < length {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if byte == UInt8(ascii: ","), !quoted {
                    fields.append(trim(start..<position))
                    start = position + 1
                } else if byte == 0x0A {
                    break
                }
                position += 1
            }
            var end = position
            if end > start, buffer[end - 1] == 0x0D { end -= 1 }
            fields.append(trim(start..<end))
            position += 1
            return true
        }

        func trim(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, buffer[lower] == 0x20 || buffer[lower] == 0x09 || buffer[lower] == UInt8(ascii: "\"") { lower += 1 }
            while upper > lower, buffer[upper - 1] == 0x20 || buffer[upper - 1] == 0x09 || buffer[upper - 1] == UInt8(ascii: "\"") { upper -= 1 }
            return lower..<upper
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }

        func number(_ column: Int, _ name: String, source: String, row: Int) throws(DataError) -> Double {
            let range = fields[column]
            guard !range.isEmpty else { throw DataError(file: source, row: row, reason: "`\(name)` is empty") }
            if let value = DecimalFastPath.parse(UnsafeBufferPointer(rebasing: buffer[range])) { return value }
            // Plain decimals only: strtod would also take hex, "inf" and "nan".
            for index in range {
                let byte = buffer[index]
                let allowed = (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                guard allowed else {
                    throw DataError(file: source, row: row, reason: "`\(name)` value `\(text(range))` is not a number")
                }
            }
            guard let base = buffer.baseAddress else { throw DataError(file: source, row: row, reason: "`\(name)` is empty") }
            let start = base + range.lowerBound
            var end: UnsafeMutablePointer<CChar>?
            let value = start.withMemoryRebound(to: CChar.self, capacity: range.count) { pointer in
                strtod(pointer, &end)
            }
            let consumed = end.map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? 0
            guard consumed == range.count else {
                throw DataError(file: source, row: row, reason: "`\(name)` value `\(text(range))` is not a number")
            }
            guard value.isFinite else {
                throw DataError(file: source, row: row, reason: "`\(name)` value `\(text(range))` is not finite")
            }
            return value
        }
    }
}
