/// Why data could not be inflated.
public struct ZlibError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code callers and tests compare.
    public var code: Code
    /// What happened, for a person; for corrupt data it carries zlib's own message.
    public var reason: String

    /// The stable error codes.
    public enum Code: String, Sendable {
        /// The output would pass the caller's limit: a decompression bomb, or simply too much data.
        case tooLarge = "too_large"
        /// The data is not valid DEFLATE (or zlib, or gzip) data: a bad header, code, distance or checksum.
        case corrupt = "corrupt"
        /// The data ends before the compressed stream does.
        case truncated = "truncated"
    }

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and reason on one line.
    public var description: String { "\(code.rawValue): \(reason)" }
}
