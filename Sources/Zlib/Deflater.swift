internal import CZlib

/// Compresses data through zlib. The same input always gives the same bytes with the same zlib.
public enum Deflater {
    /// The gzip header this library writes: method DEFLATE, no flags, modification time 0, no extra
    /// flags, operating system 255 ("unknown"), so the output depends on the input alone.
    public static let gzipHeader: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]

    /// `input` compressed into `format` at `level` (0 stores, 9, the default, compresses most).
    /// gzip output is one member with ``gzipHeader``.
    public static func deflate(_ input: [UInt8], format: DeflateFormat, level: Int = 9) -> [UInt8] {
        let level = Int32(clamping: min(9, max(0, level)))
        guard format == .gzip else { return deflateStream(input, format: format, level: level) }
        // zlib's own gzip header records the level and the operating system; this one records neither.
        let size = UInt32(truncatingIfNeeded: input.count)
        return gzipHeader + deflateStream(input, format: .raw, level: level) + littleEndian(CRC32.checksum(input)) + littleEndian(size)
    }

    private static func deflateStream(_ input: [UInt8], format: DeflateFormat, level: Int32) -> [UInt8] {
        let stream = ZStream(deflating: format, level: level)
        let zStream = stream.pointer
        var output: [UInt8] = []
        output.reserveCapacity(Int(deflateBound(zStream, UInt(input.count))))
        var chunk = [UInt8](repeating: 0, count: BoundedInflater.chunkSize)
        input.withUnsafeBufferPointer { source in
            var handedOver = 0
            var status = Z_OK
            while status != Z_STREAM_END {
                // zlib takes at most 4 GiB of input per call; hand it the next piece when it has used the last.
                if zStream.pointee.avail_in == 0, handedOver < source.count {
                    let length = min(source.count - handedOver, Int(UInt32.max))
                    zStream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + handedOver)
                    zStream.pointee.avail_in = UInt32(length)
                    handedOver += length
                }
                let flush = handedOver == source.count ? Z_FINISH : Z_NO_FLUSH
                status = chunk.withUnsafeMutableBufferPointer { target in
                    zStream.pointee.next_out = target.baseAddress
                    zStream.pointee.avail_out = UInt32(target.count)
                    return CZlib.deflate(zStream, flush)
                }
                // With output space and well-formed input, deflate only fails on a programming error.
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, stream.message(status: status))
                output.append(contentsOf: chunk[0..<(chunk.count - Int(zStream.pointee.avail_out))])
            }
        }
        return output
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
