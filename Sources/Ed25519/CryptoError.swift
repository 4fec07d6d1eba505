/// An error from the crypto wrapper: a stable `code` to compare against and a human `reason`.
///
/// When OpenSSL refused an operation, `reason` ends with OpenSSL's own messages (its drained
/// error queue), so a log line says what the library saw. Key material never appears in it.
public struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-comparable identifier such as `wrongPassphrase` (the same
    /// spelling as its constant in ``CryptoError/Code``).
    public let code: String
    /// What happened and, where it helps, what to do about it.
    public let reason: String

    /// Creates an error with a code from ``CryptoError/Code`` and a human explanation.
    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason`, one line.
    public var description: String { "\(code): \(reason)" }

    /// The codes this library produces. Compare `error.code` against these, never against `reason`.
    public enum Code {
        /// A raw key or seed did not have exactly 32 bytes.
        public static let invalidKeyLength = "invalidKeyLength"
        /// OpenSSL could not make a key from the bytes or generate a new one.
        public static let invalidKey = "invalidKey"
        /// The text is not a PEM block of the expected kind, or its contents do not decode.
        public static let invalidPEM = "invalidPEM"
        /// The PEM holds a key of another algorithm (RSA, EC, …), not Ed25519.
        public static let unsupportedKeyType = "unsupportedKeyType"
        /// The private key is encrypted and no passphrase was given.
        public static let passphraseRequired = "passphraseRequired"
        /// A passphrase was given for encryption but it is empty.
        public static let invalidPassphrase = "invalidPassphrase"
        /// The passphrase did not decrypt the private key.
        public static let wrongPassphrase = "wrongPassphrase"
        /// OpenSSL failed to sign.
        public static let signingFailed = "signingFailed"
        /// OpenSSL failed to write a key as PEM.
        public static let encodingFailed = "encodingFailed"
    }
}

extension CryptoError {
    /// An error whose reason is `summary` followed by whatever OpenSSL queued on this thread.
    ///
    /// Drains the queue, so the next operation starts clean and never reports a stale cause.
    static func openSSL(_ code: String, _ summary: String) -> CryptoError {
        let messages = OpenSSLErrorQueue.drain()
        if messages.isEmpty {
            return CryptoError(code: code, reason: summary)
        }
        return CryptoError(code: code, reason: "\(summary) (OpenSSL: \(messages.joined(separator: "; ")))")
    }
}
