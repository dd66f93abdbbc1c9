/// A content hash for identifying inputs (the script's and the data's bytes): 64-bit FNV-1a,
/// as 16 lowercase hex digits. It tells whether two runs saw the same bytes; it is not a
/// cryptographic hash.
public enum ContentHash {
    public static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
