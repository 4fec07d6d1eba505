/// The gzip file format (RFC 1952) over DEFLATE, in pure Swift: the status list's `encodedList`
/// is gzip, and this library may not link zlib.
///
/// Decompression checks everything the format lets it check (magic, method, reserved flags,
/// header CRC, the CRC-32 and length of the data) and stops at a size limit, because a status
/// list arrives from the network and a few kilobytes of gzip can claim gigabytes.
public enum Gzip {
    /// The `CredentialError.code` for input that is not well-formed gzip.
    public static let invalidCode = "invalidGzip"
    /// The `CredentialError.code` when the data would decompress to more than the limit.
    public static let sizeLimitCode = "gzipSizeLimitExceeded"

    private static let flagHeaderCRC: UInt8 = 0x02
    private static let flagExtra: UInt8 = 0x04
    private static let flagName: UInt8 = 0x08
    private static let flagComment: UInt8 = 0x10
    private static let reservedFlags: UInt8 = 0xE0

    /// Compresses `bytes` into one gzip member with modification time 0 and operating system 255
    /// ("unknown"), so the output depends on the input alone.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        output += Deflater.deflate(bytes)
        output += littleEndian(CRC32.checksum(bytes))
        output += littleEndian(UInt32(truncatingIfNeeded: bytes.count))
        return output
    }

    /// Decompresses gzip data: one member, or several concatenated as RFC 1952 §2.2 allows.
    ///
    /// - Parameter maximumBytes: the most decompressed bytes to accept.
    /// - Warning: keep `maximumBytes` small for data from the network; it is the only thing that
    ///   bounds memory use.
    /// - Throws: `CredentialError` with ``invalidCode`` for malformed data, or ``sizeLimitCode``.
    public static func decompress(_ bytes: [UInt8], maximumBytes: Int) throws(CredentialError) -> [UInt8] {
        var output = InflateOutput(limit: max(0, maximumBytes))
        var offset = 0
        repeat {
            offset = try skipHeader(bytes, at: offset)
            let memberStart = output.count
            offset = try Inflater.inflate(bytes, from: offset, into: &output)
            guard bytes.count - offset >= 8 else { throw invalid("the gzip trailer (CRC-32 and length) is missing") }
            let expectedCRC = readLittleEndian(bytes, at: offset)
            let expectedSize = readLittleEndian(bytes, at: offset + 4)
            offset += 8
            var crc = CRC32()
            crc.update(output.bytes(from: memberStart))
            guard crc.value == expectedCRC else { throw invalid("the CRC-32 of the decompressed data does not match the gzip trailer") }
            guard UInt32(truncatingIfNeeded: output.count - memberStart) == expectedSize else {
                throw invalid("the decompressed length does not match the gzip trailer")
            }
        } while offset < bytes.count
        return output.bytes
    }

    /// Checks a member header (RFC 1952 §2.3) and returns the offset of its DEFLATE data.
    private static func skipHeader(_ bytes: [UInt8], at start: Int) throws(CredentialError) -> Int {
        guard bytes.count - start >= 10, bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
            throw invalid(start == 0 ? "the data does not start with the gzip magic bytes 1F 8B" : "bytes follow the gzip data")
        }
        guard bytes[start + 2] == 8 else { throw invalid("compression method \(bytes[start + 2]) is not DEFLATE (8)") }
        let flags = bytes[start + 3]
        guard flags & reservedFlags == 0 else { throw invalid("the header sets reserved flag bits") }
        var offset = start + 10
        if flags & flagExtra != 0 {
            guard bytes.count - offset >= 2 else { throw invalid("the header's extra field is truncated") }
            let extraLength = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
            guard bytes.count - offset - 2 >= extraLength else { throw invalid("the header's extra field is truncated") }
            offset += 2 + extraLength
        }
        for flag in [flagName, flagComment] where flags & flag != 0 {
            guard let end = bytes[offset...].firstIndex(of: 0) else { throw invalid("the header's file name or comment never ends") }
            offset = end + 1
        }
        if flags & flagHeaderCRC != 0 {
            guard bytes.count - offset >= 2 else { throw invalid("the header CRC is truncated") }
            let expected = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
            guard UInt16(truncatingIfNeeded: CRC32.checksum(Array(bytes[start..<offset]))) == expected else {
                throw invalid("the header CRC does not match")
            }
            offset += 2
        }
        return offset
    }

    private static func invalid(_ reason: String) -> CredentialError {
        CredentialError(invalidCode, "not valid gzip: \(reason)")
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

    private static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
