/// The parts of a Parquet file's metadata (`FileMetaData`, Thrift compact, before the
/// trailing `PAR1`) that reading flat numeric columns needs.
struct ParquetMetadata {
    struct Column {
        var name = ""
        var physicalType = -1
        var repetition = 0  // 0 required, 1 optional
        var convertedType: Int?
        /// For timestamps: units per millisecond (1 ms, 1,000 µs, 1,000,000 ns).
        var timestampDivisor: Int64?
    }

    struct Chunk {
        var path: [String] = []
        var physicalType = -1
        var codec = 0
        var valueCount = 0
        var dataPageOffset = 0
        var dictionaryPageOffset: Int?
        var totalCompressedSize = 0
    }

    var rows = 0
    var columns: [Column] = []
    var rowGroups: [[Chunk]] = []
    var keyValues: [String: String] = [:]

    static func parse(_ bytes: [UInt8]) throws(ThriftCompactReader.Malformed) -> ParquetMetadata {
        var reader = ThriftCompactReader(bytes)
        var metadata = ParquetMetadata()
        try reader.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
            switch (id, type) {
            case (2, .list):
                let (count, _) = try r.listHeader()
                for _ in 0..<count { metadata.columns.append(try schemaElement(&r)) }
            case (3, .i64): metadata.rows = Int(try r.zigzag())
            case (4, .list):
                let (count, _) = try r.listHeader()
                for _ in 0..<count { metadata.rowGroups.append(try rowGroup(&r)) }
            case (5, .list):
                let (count, _) = try r.listHeader()
                for _ in 0..<count {
                    var key = "", value = ""
                    try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
                        guard type == .binary else { return false }
                        if id == 1 { key = try r.string() } else if id == 2 { value = try r.string() } else { return false }
                        return true
                    }
                    metadata.keyValues[key] = value
                }
            default: return false
            }
            return true
        }
        return metadata
    }

    private static func schemaElement(_ r: inout ThriftCompactReader) throws(ThriftCompactReader.Malformed) -> Column {
        var column = Column()
        try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
            switch (id, type) {
            case (1, .i32): column.physicalType = Int(try r.zigzag())
            case (3, .i32): column.repetition = Int(try r.zigzag())
            case (4, .binary): column.name = try r.string()
            case (6, .i32): column.convertedType = Int(try r.zigzag())
            case (10, .structure):
                // LogicalType: field 8 is TIMESTAMP { 1: isAdjustedToUTC, 2: unit { 1 MILLIS, 2 MICROS, 3 NANOS } }
                try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
                    guard id == 8, type == .structure else { return false }
                    try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
                        guard id == 2, type == .structure else { return false }
                        try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
                            column.timestampDivisor = id == 1 ? 1 : id == 2 ? 1_000 : 1_000_000
                            try r.skip(type)
                            return true
                        }
                        return true
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        if column.timestampDivisor == nil, column.convertedType == 9 { column.timestampDivisor = 1 }
        if column.timestampDivisor == nil, column.convertedType == 10 { column.timestampDivisor = 1_000 }
        return column
    }

    private static func rowGroup(_ r: inout ThriftCompactReader) throws(ThriftCompactReader.Malformed) -> [Chunk] {
        var chunks: [Chunk] = []
        try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
            guard id == 1, type == .list else { return false }
            let (count, _) = try r.listHeader()
            for _ in 0..<count {
                var chunk = Chunk()
                try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
                    guard id == 3, type == .structure else { return false }
                    try r.readStruct { r, id, type throws(ThriftCompactReader.Malformed) in
                        switch (id, type) {
                        case (1, .i32): chunk.physicalType = Int(try r.zigzag())
                        case (3, .list):
                            let (count, _) = try r.listHeader()
                            for _ in 0..<count { chunk.path.append(try r.string()) }
                        case (4, .i32): chunk.codec = Int(try r.zigzag())
                        case (5, .i64): chunk.valueCount = Int(try r.zigzag())
                        case (7, .i64): chunk.totalCompressedSize = Int(try r.zigzag())
                        case (9, .i64): chunk.dataPageOffset = Int(try r.zigzag())
                        case (11, .i64): chunk.dictionaryPageOffset = Int(try r.zigzag())
                        default: return false
                        }
                        return true
                    }
                    return true
                }
                chunks.append(chunk)
            }
            return true
        }
        return chunks
    }
}
