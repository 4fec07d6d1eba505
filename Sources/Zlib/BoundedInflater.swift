internal import CZlib

/// Inflates DEFLATE data through zlib in chunks with a ceiling on the output, so a decompression
/// bomb is stopped after at most `limit` bytes and one chunk, not after it has filled memory.
public enum BoundedInflater {
    /// Output is produced this many bytes at a time.
    public static let chunkSize = 64 << 10

    /// The inflated bytes of `input`, at most `limit` of them.
    ///
    /// - `.zlib` and `.raw`: one compressed stream; data after its end is ignored, as PDF readers do.
    /// - `.gzip`: one member or several concatenated (RFC 1952 §2.2); every byte must belong to a
    ///   member, each member's header CRC, CRC-32 and length are checked.
    ///
    /// - Warning: `limit` is the only thing that bounds memory use; keep it small for data from the network.
    /// - Throws: ``ZlibError`` `too_large` when the output would pass `limit`, `corrupt` or `truncated`.
    public static func inflate(_ input: [UInt8], format: DeflateFormat, limit: Int) throws(ZlibError) -> [UInt8] {
        let stream = try ZStream(inflating: format)
        let outcome: Result<[UInt8], ZlibError> = input.withUnsafeBufferPointer { source in
            inflate(source, with: stream, format: format, limit: max(0, limit))
        }
        return try outcome.get()
    }

    private static func inflate(
        _ source: UnsafeBufferPointer<UInt8>, with stream: ZStream, format: DeflateFormat, limit: Int
    ) -> Result<[UInt8], ZlibError> {
        let zStream = stream.pointer
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var handedOver = 0
        while true {
            // zlib takes at most 4 GiB of input per call; hand it the next piece when it has used the last.
            if zStream.pointee.avail_in == 0, handedOver < source.count {
                let length = min(source.count - handedOver, Int(UInt32.max))
                zStream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + handedOver)
                zStream.pointee.avail_in = UInt32(length)
                handedOver += length
            }
            let status = chunk.withUnsafeMutableBufferPointer { target in
                zStream.pointee.next_out = target.baseAddress
                zStream.pointee.avail_out = UInt32(target.count)
                return CZlib.inflate(zStream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(zStream.pointee.avail_out)
            guard produced <= limit - output.count else {
                return .failure(ZlibError(.tooLarge, "the inflated data would exceed the limit of \(limit) bytes"))
            }
            output.append(contentsOf: chunk[0..<produced])
            let remaining = Int(zStream.pointee.avail_in) + source.count - handedOver
            switch status {
            case Z_STREAM_END:
                guard format == .gzip, remaining > 0 else { return .success(output) }
                // Another gzip member follows, or bytes that its header check refuses.
                guard inflateReset(zStream) == Z_OK else {
                    return .failure(ZlibError(.corrupt, stream.message(status: Z_STREAM_ERROR)))
                }
            case Z_OK:
                continue
            case Z_BUF_ERROR where remaining == 0:
                return .failure(ZlibError(.truncated, "the compressed data ends before its last block does; it is truncated"))
            case Z_NEED_DICT:
                return .failure(ZlibError(.corrupt, "the data needs a preset dictionary, which is never given"))
            default:
                return .failure(ZlibError(.corrupt, stream.message(status: status)))
            }
        }
    }
}
