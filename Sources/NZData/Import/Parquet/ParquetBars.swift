/// Bars from a Parquet file: the time is the timestamp column (pandas' datetime index, written
/// as `__index_level_0__` or under its name) or a column named like a time; prices and volume
/// are found by the same names as in CSV headers.
enum ParquetBars {
    static func raw(_ bytes: [UInt8], source: String) throws(DataError) -> RawBars {
        let columns: [ParquetReader.Column]
        do { columns = try ParquetReader.read(bytes) } catch { throw DataError(file: source, row: nil, reason: error.reason) }
        let names = columns.map { TabularReader.normalize($0.name) }
        func column(_ field: String) -> ParquetReader.Column? {
            guard let aliases = TabularReader.aliases.first(where: { $0.field == field })?.names else { return nil }
            for alias in aliases { if let index = names.firstIndex(of: alias) { return columns[index] } }
            return nil
        }
        let timeColumn = columns.first { $0.times != nil && $0.name == "__index_level_0__" }
            ?? column("time").flatMap { $0.times != nil ? $0 : nil }
            ?? columns.first { $0.times != nil }
            ?? column("time")
        guard let timeColumn else { throw DataError(file: source, row: nil, reason: "no timestamp column (a datetime index or a time column)") }
        guard let open = column("open"), let high = column("high"), let low = column("low"), let close = column("close") else {
            throw DataError(file: source, row: nil, reason: "the columns \(columns.map(\.name)) do not include open, high, low and close")
        }
        let volume = column("volume")
        let count = timeColumn.times?.count ?? timeColumn.values.count
        guard [open, high, low, close].allSatisfy({ $0.values.count == count }) else {
            throw DataError(file: source, row: nil, reason: "the columns have different lengths")
        }
        var raw = RawBars(source: source)
        for index in 0..<count {
            let time: Int64? = timeColumn.times.map { $0[index] } ?? {
                let value = timeColumn.values[index]
                guard value.isFinite else { return nil }
                return Int64(value) >= 100_000_000_000 ? Int64(value) : Int64(value) * 1000  // epoch ms or s
            }()
            raw.rows.append(index + 1)
            raw.times.append(time)
            raw.timeText.append(time.map(TimeParsing.iso8601) ?? "")
            raw.open.append(open.values[index])
            raw.high.append(high.values[index])
            raw.low.append(low.values[index])
            raw.close.append(close.values[index])
            raw.volume.append(volume.map { index < $0.values.count ? $0.values[index] : .nan } ?? .nan)
        }
        return raw
    }
}
