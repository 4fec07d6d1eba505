internal import Zlib

/// The gzip file format (RFC 1952), through the system zlib: the status list's `encodedList` is gzip.
///
/// Decompression checks everything the format lets it check (magic, method, reserved flags,
/// header CRC, the CRC-32 and length of the data) and stops at a size limit, because a status
/// list arrives from the network and a few kilobytes of gzip can claim gigabytes.
public enum Gzip {
    /// Compresses `bytes` into one gzip member with modification time 0 and operating system 255
    /// ("unknown"), so the output depends on the input alone.
    ///
    /// Level 4: on a 131,072-entry list with 1 % set it takes about 0.13 ms for 2,403 bytes, where
    /// level 9 takes about 6 ms for 1,863 and level 6 about 0.7 ms for 2,144 (Python's zlib on this
    /// machine); every revocation signs a list again, and the hand-written deflate before zlib wrote
    /// 3,715 bytes in about 0.7 ms.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        Deflater.deflate(bytes, format: .gzip, level: 4)
    }

    /// Decompresses gzip data: one member, or several concatenated as RFC 1952 §2.2 allows.
    ///
    /// - Parameter maximumBytes: the most decompressed bytes to accept.
    /// - Warning: keep `maximumBytes` small for data from the network; it is the only thing that
    ///   bounds memory use.
    /// - Throws: `CredentialError` `invalidGzip` for malformed data, or `gzipSizeLimitExceeded`.
    public static func decompress(_ bytes: [UInt8], maximumBytes: Int) throws(CredentialError) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else {
            throw CredentialError(.invalidGzip, "not valid gzip: the data does not start with the gzip magic bytes 1F 8B")
        }
        do {
            return try BoundedInflater.inflate(bytes, format: .gzip, limit: maximumBytes)
        } catch {
            switch error.code {
            case .tooLarge:
                throw CredentialError(
                    .gzipSizeLimitExceeded,
                    "the decompressed data would exceed the limit of \(max(0, maximumBytes)) bytes; refused as a possible zip bomb")
            default:  // corrupt or truncated
                throw CredentialError(.invalidGzip, "not valid gzip: \(error.reason)")
            }
        }
    }
}
