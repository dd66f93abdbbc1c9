#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A whole file read into one array with a 0 byte after its contents (for `strtod`), with no
/// intermediate copy: peak memory for a bar file is its size once.
enum FileBytes {
    /// At most `limit` bytes (the start of the file) when given.
    static func read(_ path: String, limit: Int? = nil) throws(DataError) -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw DataError(file: path, row: nil, reason: reason)
        }
        defer { fclose(handle) }
        var info = stat()
        guard fstat(fileno(handle), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw DataError(file: path, row: nil, reason: "cannot read the file (not a regular file)")
        }
        let size = min(Int(info.st_size), limit ?? .max)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            let read = size == 0 ? 0 : fread(buffer.baseAddress, 1, size, handle)
            failed = read != size
            buffer[read] = 0
            count = read + 1
        }
        guard !failed else { throw DataError(file: path, row: nil, reason: "cannot read the whole file") }
        return bytes
    }
}
