/// Reads Apache Thrift's compact protocol, in which Parquet writes its file metadata and page
/// headers: structs as field headers (id delta, type) with zigzag varints, lists, binaries.
/// Only what Parquet needs; unknown fields are skipped.
struct ThriftCompactReader {
    enum FieldType: UInt8 {
        case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8
        case list = 9, set = 10, map = 11, structure = 12
    }

    let bytes: [UInt8]
    var position: Int
    private var lastField: [Int16] = [0]

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    struct Malformed: Error {}

    mutating func byte() throws(Malformed) -> UInt8 {
        guard position < bytes.count else { throw Malformed() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw Malformed() }
        }
    }

    mutating func zigzag() throws(Malformed) -> Int64 {
        let value = try varint()
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    mutating func binary() throws(Malformed) -> [UInt8] {
        let length = Int(try varint())
        guard length >= 0, position + length <= bytes.count else { throw Malformed() }
        defer { position += length }
        return Array(bytes[position..<(position + length)])
    }

    mutating func string() throws(Malformed) -> String { String(decoding: try binary(), as: UTF8.self) }

    mutating func double() throws(Malformed) -> Double {
        guard position + 8 <= bytes.count else { throw Malformed() }
        var bits: UInt64 = 0
        for offset in 0..<8 { bits |= UInt64(bytes[position + offset]) << (8 * offset) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// Reads a struct, calling `field` with each field's id and type; the callback reads the
    /// value (or returns false to have it skipped).
    mutating func readStruct(_ field: (inout ThriftCompactReader, Int16, FieldType) throws(Malformed) -> Bool) throws(Malformed) {
        lastField.append(0)
        defer { lastField.removeLast() }
        while true {
            let header = try byte()
            guard let type = FieldType(rawValue: header & 0x0F) else { throw Malformed() }
            if type == .stop { return }
            let delta = Int16(header >> 4)
            let id: Int16 = delta == 0 ? Int16(truncatingIfNeeded: try zigzag()) : (lastField[lastField.count - 1] &+ delta)
            lastField[lastField.count - 1] = id
            if try !field(&self, id, type) { try skip(type) }
        }
    }

    /// Reads a list header: its size and element type.
    mutating func listHeader() throws(Malformed) -> (count: Int, type: FieldType) {
        let header = try byte()
        guard let type = FieldType(rawValue: header & 0x0F) else { throw Malformed() }
        let count = header >> 4 == 15 ? Int(try varint()) : Int(header >> 4)
        guard count >= 0, count < 100_000_000 else { throw Malformed() }
        return (count, type)
    }

    mutating func skip(_ type: FieldType) throws(Malformed) {
        switch type {
        case .stop, .boolTrue, .boolFalse: return
        case .byte: _ = try byte()
        case .i16, .i32, .i64: _ = try varint()
        case .double: _ = try double()
        case .binary: _ = try binary()
        case .list, .set:
            let (count, element) = try listHeader()
            for _ in 0..<count {
                if element == .boolTrue || element == .boolFalse { _ = try byte() } else { try skip(element) }
            }
        case .map:
            let count = Int(try varint())
            guard count > 0 else { return }
            let types = try byte()
            guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F) else { throw Malformed() }
            for _ in 0..<count {
                try skip(key)
                try skip(value)
            }
        case .structure: try readStruct { _, _, _ throws(Malformed) in false }
        }
    }
}
