internal import COpenSSL

/// An Ed25519 (RFC 8032) public key: checks signatures.
///
/// Two keys are equal when their 32 bytes are equal.
public struct Ed25519PublicKey: Sendable, Hashable {
    /// The 32-byte RFC 8032 encoding of the key.
    public let rawRepresentation: [UInt8]
    // Built once, so verifying many signatures does not decode the point again each time.
    private let key: OpenSSLKey

    /// A key from its 32-byte RFC 8032 encoding.
    ///
    /// - Throws: `invalidKeyLength` unless there are exactly 32 bytes.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        self.key = try OpenSSLKey.ed25519(publicKey: rawRepresentation)
        self.rawRepresentation = rawRepresentation
    }

    /// Wraps a key OpenSSL already holds, after checking that it is Ed25519.
    init(key: OpenSSLKey) throws(CryptoError) {
        guard key.isEd25519 else {
            throw CryptoError(
                code: .unsupportedKeyType,
                reason: "the key is \(key.algorithmName), not Ed25519")
        }
        guard let raw = key.rawPublicKey() else {
            throw CryptoError.openSSL(.invalidKey, "OpenSSL could not export the Ed25519 public key")
        }
        self.key = key
        self.rawRepresentation = raw
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    ///
    /// A signature of the wrong length is simply invalid.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == Ed25519Sizes.signature else { return false }
        // A failed verification queues errors we do not report; leave the queue clean.
        defer { OpenSSLErrorQueue.clear() }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        // Ed25519 hashes internally (PureEdDSA), so OpenSSL wants no digest here.
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1 else { return false }
        let status = signature.withNonNilBaseAddress { signatureBase, signatureCount in
            message.withNonNilBaseAddress { messageBase, messageCount in
                EVP_DigestVerify(context, signatureBase, signatureCount, messageBase, messageCount)
            }
        }
        return status == 1
    }

    /// Whether both keys have the same 32 bytes.
    public static func == (left: Ed25519PublicKey, right: Ed25519PublicKey) -> Bool {
        left.rawRepresentation == right.rawRepresentation
    }

    /// Hashes the 32 bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}

extension Ed25519PublicKey {
    /// A key from a SubjectPublicKeyInfo PEM block (`-----BEGIN PUBLIC KEY-----`, RFC 8410).
    ///
    /// - Throws: `invalidPEM` if the text holds no readable public key, `unsupportedKeyType`
    ///   for a public key of another algorithm.
    public init(pemRepresentation: String) throws(CryptoError) {
        OpenSSLErrorQueue.clear()
        let buffer = try MemoryBIO(contents: Array(pemRepresentation.utf8))
        guard let pointer = PEM_read_bio_PUBKEY(buffer.pointer, nil, nil, nil) else {
            throw CryptoError.openSSL(
                .invalidPEM,
                "not a readable public key: " + PEMLabel.diagnosis(of: pemRepresentation, expected: ["PUBLIC KEY"]))
        }
        try self.init(key: OpenSSLKey(taking: pointer))
    }

    /// The key as a SubjectPublicKeyInfo PEM block (`-----BEGIN PUBLIC KEY-----`), which
    /// `openssl pkey -pubin` reads.
    public var pemRepresentation: String {
        OpenSSLErrorQueue.clear()
        // Writing 44 bytes of DER into memory fails only when memory is exhausted.
        guard let buffer = try? MemoryBIO(), PEM_write_bio_PUBKEY(buffer.pointer, key.pointer) == 1 else {
            let messages = OpenSSLErrorQueue.drain().joined(separator: "; ")
            preconditionFailure("OpenSSL could not write an Ed25519 public key as PEM: \(messages)")
        }
        return buffer.contentsAsString()
    }
}
