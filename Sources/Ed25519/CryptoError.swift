/// An error from the crypto wrapper: a stable `code` to compare against and a human `reason`.
///
/// When OpenSSL refused an operation, `reason` ends with OpenSSL's own messages (its drained
/// error queue), so a log line says what the library saw. Key material never appears in it.
public struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; compare it (`error.code == .wrongPassphrase`), never `reason`.
    public let code: Code
    /// What happened and, where it helps, what to do about it.
    public let reason: String

    /// Creates an error with a code and a human explanation.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason`, one line.
    public var description: String { "\(code): \(reason)" }

    /// The codes this library produces: a struct over a private enum, so the set can grow without
    /// breaking callers; `description` is the stable spelling (e.g. `wrongPassphrase`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case invalidKeyLength, invalidKey, invalidPEM, unsupportedKeyType, passphraseRequired
            case invalidPassphrase, wrongPassphrase, signingFailed, encodingFailed
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The stable spelling, e.g. `wrongPassphrase`.
        public var description: String { backing.rawValue }

        /// A raw key or seed did not have exactly 32 bytes.
        public static let invalidKeyLength = Code(.invalidKeyLength)
        /// OpenSSL could not make a key from the bytes or generate a new one.
        public static let invalidKey = Code(.invalidKey)
        /// The text is not a PEM block of the expected kind, or its contents do not decode.
        public static let invalidPEM = Code(.invalidPEM)
        /// The PEM holds a key of another algorithm (RSA, EC, …), not Ed25519.
        public static let unsupportedKeyType = Code(.unsupportedKeyType)
        /// The private key is encrypted and no passphrase was given.
        public static let passphraseRequired = Code(.passphraseRequired)
        /// A passphrase was given for encryption but it is empty.
        public static let invalidPassphrase = Code(.invalidPassphrase)
        /// The passphrase did not decrypt the private key.
        public static let wrongPassphrase = Code(.wrongPassphrase)
        /// OpenSSL failed to sign.
        public static let signingFailed = Code(.signingFailed)
        /// OpenSSL failed to write a key as PEM.
        public static let encodingFailed = Code(.encodingFailed)
    }
}

extension CryptoError {
    /// An error whose reason is `summary` followed by whatever OpenSSL queued on this thread.
    ///
    /// Drains the queue, so the next operation starts clean and never reports a stale cause.
    static func openSSL(_ code: Code, _ summary: String) -> CryptoError {
        let messages = OpenSSLErrorQueue.drain()
        if messages.isEmpty {
            return CryptoError(code: code, reason: summary)
        }
        return CryptoError(code: code, reason: "\(summary) (OpenSSL: \(messages.joined(separator: "; ")))")
    }
}
