/// Why data could not be inflated.
public struct ZlibError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code callers and tests compare.
    public var code: Code
    /// What happened, for a person; for corrupt data it carries zlib's own message.
    public var reason: String

    /// The stable error codes: a struct over a private enum, so the set can grow without breaking
    /// callers; `description` is the spelling people and logs see (e.g. `too_large`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case tooLarge = "too_large"
            case corrupt
            case truncated
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The stable spelling, e.g. `too_large`.
        public var description: String { backing.rawValue }

        /// The output would pass the caller's limit: a decompression bomb, or simply too much data.
        public static let tooLarge = Code(.tooLarge)
        /// The data is not valid DEFLATE (or zlib, or gzip) data: a bad header, code, distance or checksum.
        public static let corrupt = Code(.corrupt)
        /// The data ends before the compressed stream does.
        public static let truncated = Code(.truncated)
    }

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and reason on one line.
    public var description: String { "\(code): \(reason)" }
}
