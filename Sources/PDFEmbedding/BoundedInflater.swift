internal import CZlib

/// Inflates zlib (`FlateDecode`) data in chunks with a ceiling on the output, so a decompression
/// bomb is stopped after at most `limit` bytes and one chunk, not after it has filled memory.
enum BoundedInflater {
    /// Why inflating stopped early.
    enum Failure: Error {
        /// The output would pass the limit.
        case overLimit
        /// The data is not valid zlib data, or ends before the end of the compressed stream.
        case corrupt(String)
    }

    /// Output is produced this many bytes at a time.
    static let chunkSize = 64 << 10

    /// The inflated bytes of `input`, at most `limit` of them. Data after the end of the
    /// compressed stream is ignored, as PDF readers do.
    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init(&stream) == Z_OK else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let outcome: Result<Void, Failure> = input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else { return .failure(.overLimit) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    return .success(())
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .failure(.corrupt("the compressed data ends too early"))
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    return .failure(.corrupt(message))
                }
            }
        }
        try outcome.get()
        return output
    }
}
