import Foundation

/// Reads delimited text (generic CSV, MetaTrader 5 exports, Binance klines) into `RawBars`:
/// finds the header (or knows the columns, for Binance), maps column names through aliases,
/// and parses every row leniently. Errors are only for files it cannot read at all.
public enum TabularReader {
    /// Header aliases, lowercased with spaces and `<>` removed: the first alias present wins.
    static let aliases: [(field: String, names: [String])] = [
        ("time", ["time", "datetime", "date_time", "timestamp", "date", "opentime", "open_time", "gmttime", "localtime"]),
        ("open", ["open", "o", "openprice", "open_price"]),
        ("high", ["high", "h", "highprice", "high_price"]),
        ("low", ["low", "l", "lowprice", "low_price"]),
        ("close", ["close", "c", "closeprice", "close_price", "last"]),
        ("volume", ["volume", "vol", "v", "tickvolume", "tick_volume", "tickvol", "realvolume", "real_volume", "basevolume"]),
        ("funding", ["funding_rate", "fundingrate", "funding"]),
    ]

    public static func read(_ bytes: [UInt8], format: BarFileFormat, source: String) throws(DataError) -> RawBars {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw DataError(file: source, row: nil, reason: "the file is empty")
        }
        var raw = RawBars(source: source)
        if format == .binance {
            for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(clean)
                guard fields.count >= 6 else {
                    raw.malformed.append((index + 1, "expected 12 fields of a Binance kline, found \(fields.count)"))
                    continue
                }
                append(&raw, row: index + 1, fields: fields, columns: [0, 1, 2, 3, 4, 5])
            }
            return raw
        }
        // The header: the first line (after an MT5 title line) that names a time and a close.
        var headerIndex: Int?
        var delimiter: Character = ","
        var columns: [Int?] = []
        for (index, line) in lines.prefix(format == .mt5 ? 3 : 2).enumerated() {
            let sniffed = sniff(String(line))
            let names = split(String(line), sniffed).map { normalize($0) }
            let mapped = aliases.map { alias in alias.names.lazy.compactMap { names.firstIndex(of: $0) }.first }
            if mapped[0] != nil, mapped[4] != nil {
                headerIndex = index
                delimiter = sniffed
                columns = mapped
                break
            }
        }
        guard let headerIndex else {
            let first = lines.first.map(String.init) ?? ""
            throw DataError(file: source, row: 1, reason: "no header with a time and a close column (found `\(first.prefix(120))`); "
                            + "expected names such as time/date/timestamp, open, high, low, close, volume")
        }
        for name in ["open", "high", "low"] where columns[aliases.firstIndex { $0.field == name } ?? 0] == nil {
            throw DataError(file: source, row: headerIndex + 1, reason: "the header has no `\(name)` column")
        }
        let positions = columns.map { $0 ?? -1 }
        let needed = (positions.max() ?? 0) + 1
        for index in (headerIndex + 1)..<lines.count {
            let line = String(lines[index])
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = split(line, delimiter)
            guard fields.count >= needed else {
                raw.malformed.append((index + 1, "expected at least \(needed) fields, found \(fields.count)"))
                continue
            }
            append(&raw, row: index + 1, fields: fields, columns: positions)
        }
        return raw
    }

    private static func append(_ raw: inout RawBars, row: Int, fields: [String], columns: [Int]) {
        func value(_ slot: Int) -> Double {
            let column = columns[slot]
            guard column >= 0, column < fields.count else { return .nan }
            return number(fields[column])
        }
        let timeText = fields[columns[0]]
        raw.rows.append(row)
        raw.times.append(TimeParsing.epochMilliseconds(timeText))
        raw.timeText.append(timeText)
        raw.open.append(value(1))
        raw.high.append(value(2))
        raw.low.append(value(3))
        raw.close.append(value(4))
        raw.volume.append(value(5))
        if columns.count > 6, columns[6] >= 0 { raw.funding.append(value(6)) }
    }

    /// A decimal number, `inf`/`-inf`, or NaN for anything else (including empty).
    static func number(_ text: String) -> Double {
        switch text.lowercased() {
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default:
            guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 })
            else { return .nan }
            return Double(text) ?? .nan
        }
    }

    /// The delimiter of a header line: the most frequent of `,`, `;`, tab and `|` outside quotes.
    static func sniff(_ line: String) -> Character {
        var counts: [Character: Int] = [:]
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if !quoted, ",;\t|".contains(character) { counts[character, default: 0] += 1 }
        }
        // MT5 writes ",\t": a comma followed by a tab is one comma.
        if let commas = counts[","], let tabs = counts["\t"], commas >= tabs { return "," }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != ",") }?.key ?? ","
    }

    static func split(_ line: String, _ delimiter: Character) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle(); continue }
            if character == delimiter, !quoted { fields.append(clean(Substring(current))); current = ""; continue }
            current.append(character)
        }
        fields.append(clean(Substring(current)))
        // Trailing delimiters (MT5) leave empty last fields.
        while fields.count > 1, fields.last?.isEmpty == true { fields.removeLast() }
        return fields
    }

    static func clean(_ field: Substring) -> String { field.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"")) }

    static func normalize(_ name: String) -> String {
        name.lowercased().filter { $0 != " " && $0 != "<" && $0 != ">" }
    }
}
