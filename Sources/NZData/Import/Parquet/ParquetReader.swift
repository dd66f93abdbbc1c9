/// Reads the flat numeric columns of a Parquet file as pandas and pyarrow write them: data
/// pages v1 and v2, PLAIN and dictionary (RLE_DICTIONARY / PLAIN_DICTIONARY) encodings,
/// optional columns with definition levels, uncompressed or Snappy pages. Hand-written over the
/// format specification (parquet-format's Thrift definitions).
enum ParquetReader {
    struct Failure: Error {
        let reason: String
    }

    /// A column's values as doubles (nulls NaN), and as epoch milliseconds for timestamps.
    struct Column {
        let name: String
        var values: [Double] = []
        var times: [Int64?]?
    }

    static func read(_ bytes: [UInt8]) throws(Failure) -> [Column] {
        guard bytes.count >= 12, Array(bytes.prefix(4)) == Array("PAR1".utf8), Array(bytes.suffix(4)) == Array("PAR1".utf8) else {
            throw Failure(reason: "not a Parquet file (no PAR1 markers)")
        }
        let footerLength = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8 | Int(bytes[bytes.count - 6]) << 16
            | Int(bytes[bytes.count - 5]) << 24
        guard footerLength > 0, footerLength <= bytes.count - 12 else { throw Failure(reason: "the footer length is out of range") }
        let metadata: ParquetMetadata
        do { metadata = try ParquetMetadata.parse(Array(bytes[(bytes.count - 8 - footerLength)..<(bytes.count - 8)])) } catch {
            throw Failure(reason: "the file metadata cannot be read")
        }
        let leaves = Array(metadata.columns.dropFirst())  // the first schema element is the root
        var columns = leaves.map { Column(name: $0.name, times: $0.timestampDivisor != nil ? [] : nil) }
        for group in metadata.rowGroups {
            for chunk in group {
                guard let index = leaves.firstIndex(where: { $0.name == chunk.path.last }) else { continue }
                let leaf = leaves[index]
                guard [1, 2, 4, 5].contains(chunk.physicalType) else { continue }  // numbers only; strings are skipped
                let values = try readChunk(bytes, chunk, optional: leaf.repetition == 1, leaf: leaf)
                if let divisor = leaf.timestampDivisor {
                    columns[index].times?.append(contentsOf: values.map { $0.integer.map { floorDivide($0, divisor) } })
                    columns[index].values.append(contentsOf: values.map { $0.integer.map { Double($0) } ?? .nan })
                } else {
                    columns[index].values.append(contentsOf: values.map { $0.double })
                }
            }
        }
        return columns
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    /// One value: an integer (for INT32/INT64, exact) or a double; nil/NaN for nulls.
    struct Value {
        let integer: Int64?
        let double: Double
        static let null = Value(integer: nil, double: .nan)
    }

    private static func readChunk(_ bytes: [UInt8], _ chunk: ParquetMetadata.Chunk, optional: Bool,
                                  leaf: ParquetMetadata.Column) throws(Failure) -> [Value] {
        var position = chunk.dictionaryPageOffset.map { min($0, chunk.dataPageOffset) } ?? chunk.dataPageOffset
        var dictionary: [Value] = []
        var values: [Value] = []
        // Counts come from the file: never trust them for an allocation beyond what its bytes can hold.
        guard chunk.valueCount >= 0 else { throw Failure(reason: "column `\(leaf.name)`: a negative value count") }
        values.reserveCapacity(min(chunk.valueCount, bytes.count * 8))
        while values.count < chunk.valueCount {
            guard position >= 0, position < bytes.count else { throw Failure(reason: "column `\(leaf.name)`: a page is outside the file") }
            let header: PageHeader
            var reader = ThriftCompactReader(bytes, at: position)
            do { header = try PageHeader.parse(&reader) } catch { throw Failure(reason: "column `\(leaf.name)`: a page header cannot be read") }
            let start = reader.position, end = start + header.compressedSize
            guard header.compressedSize >= 0, end <= bytes.count else { throw Failure(reason: "column `\(leaf.name)`: a page is truncated") }
            position = end
            switch header.type {
            case 2:  // dictionary page
                let page = try decompress(bytes[start..<end], codec: chunk.codec, size: header.uncompressedSize, leaf)
                var cursor = 0
                dictionary = try plain(page, &cursor, count: header.valueCount, type: chunk.physicalType, leaf)
            case 0, 3:  // data page v1 / v2
                var levels: [Int] = []
                var page: [UInt8]
                var cursor = 0
                if header.type == 3 {
                    let levelBytes = header.definitionLevelsLength + header.repetitionLevelsLength
                    guard levelBytes <= header.compressedSize else { throw Failure(reason: "column `\(leaf.name)`: bad level lengths") }
                    let levelSlice = Array(bytes[(start + header.repetitionLevelsLength)..<(start + levelBytes)])
                    if optional {
                        var levelCursor = 0
                        levels = try hybrid(levelSlice, &levelCursor, end: levelSlice.count, bitWidth: 1, count: header.valueCount, leaf)
                    }
                    let body = bytes[(start + levelBytes)..<end]
                    page = header.isCompressed ? try decompress(body, codec: chunk.codec, size: header.uncompressedSize - levelBytes, leaf) : Array(body)
                } else {
                    page = try decompress(bytes[start..<end], codec: chunk.codec, size: header.uncompressedSize, leaf)
                    if optional {
                        guard page.count >= 4 else { throw Failure(reason: "column `\(leaf.name)`: a page is truncated") }
                        let length = Int(page[0]) | Int(page[1]) << 8 | Int(page[2]) << 16 | Int(page[3]) << 24
                        cursor = 4
                        guard cursor + length <= page.count else { throw Failure(reason: "column `\(leaf.name)`: bad level length") }
                        levels = try hybrid(page, &cursor, end: cursor + length, bitWidth: 1, count: header.valueCount, leaf)
                        cursor = 4 + length
                    }
                }
                let present = optional ? levels.filter { $0 == 1 }.count : header.valueCount
                let decoded: [Value]
                switch header.encoding {
                case 0: decoded = try plain(page, &cursor, count: present, type: chunk.physicalType, leaf)
                case 2, 8:
                    guard cursor < page.count else { throw Failure(reason: "column `\(leaf.name)`: a dictionary page is truncated") }
                    let width = Int(page[cursor])
                    cursor += 1
                    let indices = try hybrid(page, &cursor, end: page.count, bitWidth: width, count: present, leaf)
                    decoded = try indices.map { index throws(Failure) -> Value in
                        guard index < dictionary.count else { throw Failure(reason: "column `\(leaf.name)`: a dictionary index is out of range") }
                        return dictionary[index]
                    }
                default: throw Failure(reason: "column `\(leaf.name)`: encoding \(header.encoding) is not supported (PLAIN and dictionary are)")
                }
                if optional {
                    var next = 0
                    for level in levels {
                        if level == 1, next < decoded.count {
                            values.append(decoded[next])
                            next += 1
                        } else {
                            values.append(.null)
                        }
                    }
                } else {
                    values.append(contentsOf: decoded)
                }
            default:
                continue  // index pages
            }
        }
        return values
    }

    static func decompress(_ data: ArraySlice<UInt8>, codec: Int, size: Int, _ leaf: ParquetMetadata.Column) throws(Failure) -> [UInt8] {
        switch codec {
        case 0: return Array(data)
        case 1:
            do { return try Snappy.decompress(data) } catch { throw Failure(reason: "column `\(leaf.name)`: a Snappy page is corrupt") }
        case 2:
            do { return try PageCodecs.gzip(data, size: size) } catch { throw Failure(reason: "column `\(leaf.name)`: \(error.reason)") }
        case 6:
            do { return try PageCodecs.zstd(data, size: size) } catch { throw Failure(reason: "column `\(leaf.name)`: \(error.reason)") }
        default:
            let name = [3: "LZO", 4: "BROTLI", 5: "LZ4", 7: "LZ4_RAW"][codec] ?? "codec \(codec)"
            throw Failure(reason: "column `\(leaf.name)` is compressed with \(name); uncompressed, Snappy, GZIP and ZSTD pages are read")
        }
    }

    private static func plain(_ page: [UInt8], _ cursor: inout Int, count: Int, type: Int, _ leaf: ParquetMetadata.Column) throws(Failure) -> [Value] {
        let width = type == 1 || type == 4 ? 4 : 8
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard count >= 0, !overflow, cursor + size <= page.count else { throw Failure(reason: "column `\(leaf.name)`: values are truncated") }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            var bits: UInt64 = 0
            for offset in 0..<width { bits |= UInt64(page[cursor + offset]) << (8 * offset) }
            cursor += width
            switch type {
            case 1: let v = Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: bits))); values.append(Value(integer: v, double: Double(v)))
            case 2: let v = Int64(bitPattern: bits); values.append(Value(integer: v, double: Double(v)))
            case 4: values.append(Value(integer: nil, double: Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))))
            default: values.append(Value(integer: nil, double: Double(bitPattern: bits)))
            }
        }
        return values
    }

    /// The RLE / bit-packed hybrid encoding of levels and dictionary indices.
    private static func hybrid(_ data: [UInt8], _ cursor: inout Int, end: Int, bitWidth: Int, count: Int,
                               _ leaf: ParquetMetadata.Column) throws(Failure) -> [Int] {
        guard bitWidth >= 0, bitWidth <= 32 else { throw Failure(reason: "column `\(leaf.name)`: bad bit width") }
        guard count >= 0 else { throw Failure(reason: "column `\(leaf.name)`: a negative value count") }
        var out: [Int] = []
        out.reserveCapacity(min(count, max(end - cursor, 0) * 8 + 64))
        let byteWidth = (bitWidth + 7) / 8
        while out.count < count {
            var header = 0, shift = 0
            while true {
                guard cursor < end else { throw Failure(reason: "column `\(leaf.name)`: levels or indices are truncated") }
                let byte = data[cursor]
                cursor += 1
                header |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            if header & 1 == 0 {
                let run = header >> 1
                guard run > 0 || cursor < end else { throw Failure(reason: "column `\(leaf.name)`: an empty run at the end") }
                guard cursor + byteWidth <= end else { throw Failure(reason: "column `\(leaf.name)`: a run is truncated") }
                var value = 0
                for offset in 0..<byteWidth { value |= Int(data[cursor + offset]) << (8 * offset) }
                cursor += byteWidth
                out.append(contentsOf: repeatElement(value, count: min(run, count - out.count)))
            } else {
                let groups = header >> 1
                let (bytes, overflow) = groups.multipliedReportingOverflow(by: bitWidth)
                guard !overflow else { throw Failure(reason: "column `\(leaf.name)`: packed values are truncated") }
                guard cursor + bytes <= end else { throw Failure(reason: "column `\(leaf.name)`: packed values are truncated") }
                var bitPosition = 0
                for _ in 0..<(groups * 8) {
                    var value = 0
                    for bit in 0..<bitWidth {
                        let absolute = bitPosition + bit
                        if data[cursor + absolute / 8] >> (absolute % 8) & 1 == 1 { value |= 1 << bit }
                    }
                    bitPosition += bitWidth
                    if out.count < count { out.append(value) }
                }
                cursor += bytes
            }
        }
        return out
    }
}

/// A Parquet page header (Thrift compact).
struct PageHeader {
    var type = -1
    var uncompressedSize = 0
    var compressedSize = 0
    var valueCount = 0
    var encoding = 0
    var definitionLevelsLength = 0
    var repetitionLevelsLength = 0
    var isCompressed = true

    static func parse(_ reader: inout ThriftCompactReader) throws(ThriftCompactReader.Malformed) -> PageHeader {
        var header = PageHeader()
        try reader.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
            switch (id, type) {
            case (1, .i32): header.type = Int(try r.zigzag())
            case (2, .i32): header.uncompressedSize = Int(try r.zigzag())
            case (3, .i32): header.compressedSize = Int(try r.zigzag())
            case (5, .structure), (7, .structure), (8, .structure):
                let kind = id
                try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
                    switch (kind, id, type) {
                    case (_, 1, .i32): header.valueCount = Int(try r.zigzag())
                    case (5, 2, .i32), (7, 2, .i32), (8, 4, .i32): header.encoding = Int(try r.zigzag())
                    case (8, 5, .i32): header.definitionLevelsLength = Int(try r.zigzag())
                    case (8, 6, .i32): header.repetitionLevelsLength = Int(try r.zigzag())
                    case (8, 7, .boolTrue): header.isCompressed = true
                    case (8, 7, .boolFalse): header.isCompressed = false
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        return header
    }
}
