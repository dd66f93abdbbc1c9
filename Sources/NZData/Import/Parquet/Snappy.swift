/// Decompresses Snappy's raw format (Parquet's SNAPPY codec): a varint of the uncompressed
/// length, then literals and back-references (copies with 1-, 2- or 4-byte offsets).
enum Snappy {
    struct Corrupt: Error {}

    static func decompress(_ input: ArraySlice<UInt8>) throws(Corrupt) -> [UInt8] {
        var position = input.startIndex
        func byte() throws(Corrupt) -> UInt8 {
            guard position < input.endIndex else { throw Corrupt() }
            defer { position += 1 }
            return input[position]
        }
        var length = 0, shift = 0
        while true {
            let next = try byte()
            length |= Int(next & 0x7F) << shift
            if next & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw Corrupt() }
        }
        guard length <= 1 << 30 else { throw Corrupt() }
        var output: [UInt8] = []
        output.reserveCapacity(length)
        while position < input.endIndex {
            let tag = try byte()
            switch tag & 3 {
            case 0:
                var count = Int(tag >> 2) + 1
                if count > 60 {
                    let extra = count - 60
                    count = 0
                    for index in 0..<extra { count |= Int(try byte()) << (8 * index) }
                    count += 1
                }
                guard position + count <= input.endIndex else { throw Corrupt() }
                output.append(contentsOf: input[position..<(position + count)])
                position += count
            default:
                let count: Int, offset: Int
                switch tag & 3 {
                case 1:
                    count = 4 + Int((tag >> 2) & 7)
                    offset = Int(tag >> 5) << 8 | Int(try byte())
                case 2:
                    count = Int(tag >> 2) + 1
                    offset = Int(try byte()) | Int(try byte()) << 8
                default:
                    count = Int(tag >> 2) + 1
                    var value = 0
                    for index in 0..<4 { value |= Int(try byte()) << (8 * index) }
                    offset = value
                }
                guard offset > 0, offset <= output.count else { throw Corrupt() }
                let start = output.count - offset
                for index in 0..<count { output.append(output[start + index]) }
            }
        }
        guard output.count == length else { throw Corrupt() }
        return output
    }
}
