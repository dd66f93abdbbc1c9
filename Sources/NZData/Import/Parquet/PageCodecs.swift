import CCompression

/// Parquet page codecs through the system libraries: ZSTD (libzstd) and GZIP (zlib).
/// Snappy is `Snappy`, hand-written.
enum PageCodecs {
    struct Failure: Error {
        let reason: String
    }

    /// A zstd frame; the decompressed size comes from the page header.
    static func zstd(_ input: ArraySlice<UInt8>, size: Int) throws(Failure) -> [UInt8] {
        guard size >= 0, size <= 1 << 30 else { throw Failure(reason: "a ZSTD page's size is out of range") }
        var failure: String?
        let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            let written = input.withUnsafeBytes { source in
                ZSTD_decompress(buffer.baseAddress, size, source.baseAddress, source.count)
            }
            if ZSTD_isError(written) != 0 {
                failure = String(cString: ZSTD_getErrorName(written))
                count = 0
            } else {
                count = Int(written)
            }
        }
        if let failure { throw Failure(reason: "a ZSTD page is corrupt (\(failure))") }
        guard output.count == size else { throw Failure(reason: "a ZSTD page decompressed to \(output.count) bytes, not \(size)") }
        return output
    }

    /// A gzip (or zlib) stream; the decompressed size comes from the page header.
    static func gzip(_ input: ArraySlice<UInt8>, size: Int) throws(Failure) -> [UInt8] {
        guard size >= 0, size <= 1 << 30 else { throw Failure(reason: "a GZIP page's size is out of range") }
        var stream = z_stream()
        // 15 + 32: a zlib or gzip header, detected automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "zlib cannot start")
        }
        defer { inflateEnd(&stream) }
        var status: Int32 = Z_OK
        var produced = 0
        var input = Array(input)
        let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            input.withUnsafeMutableBytes { source in
                stream.next_in = source.bindMemory(to: Bytef.self).baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(size)
                status = inflate(&stream, Z_FINISH)
                produced = size - Int(stream.avail_out)
            }
            count = produced
        }
        guard status == Z_STREAM_END, output.count == size else { throw Failure(reason: "a GZIP page is corrupt") }
        return output
    }
}
