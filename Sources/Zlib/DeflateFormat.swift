/// The wrapping around DEFLATE data (RFC 1951).
public enum DeflateFormat: Sendable {
    /// Bare DEFLATE data, no header or checksum.
    case raw
    /// The zlib format (RFC 1950): a two-byte header, DEFLATE data, an Adler-32 checksum. PDF's `FlateDecode`.
    case zlib
    /// The gzip format (RFC 1952): a header, DEFLATE data, a CRC-32 and the length. A status list's `encodedList`.
    case gzip

    /// zlib's `windowBits` for this format with the largest (32 KiB) window.
    var windowBits: Int32 {
        switch self {
        case .raw: -15
        case .zlib: 15
        case .gzip: 15 + 16
        }
    }
}
