internal import COpenSSL

/// An Ed25519 (RFC 8032) private key: signs messages.
///
/// The secret stays inside OpenSSL (an `EVP_PKEY` owned by a private class and freed with
/// it); ``seed`` copies it out only when asked.
public struct Ed25519PrivateKey: Sendable {
    let key: OpenSSLKey
    /// The matching public key, for verifiers and for publishing.
    public let publicKey: Ed25519PublicKey

    /// A fresh key from OpenSSL's CSPRNG.
    public init() throws(CryptoError) {
        try self.init(key: OpenSSLKey.generateEd25519())
    }

    /// The key whose RFC 8032 secret is `seed`.
    ///
    /// - Throws: `invalidKeyLength` unless there are exactly 32 bytes.
    public init(seed: [UInt8]) throws(CryptoError) {
        try self.init(key: OpenSSLKey.ed25519(seed: seed))
    }

    /// Wraps a private key OpenSSL already holds; `unsupportedKeyType` unless it is Ed25519.
    init(key: OpenSSLKey) throws(CryptoError) {
        self.publicKey = try Ed25519PublicKey(key: key)
        self.key = key
    }

    /// The 32-byte RFC 8032 secret.
    ///
    /// - Warning: This is the whole secret. Prefer ``pemRepresentation(passphrase:)`` for
    ///   storage and never log it.
    public var seed: [UInt8] {
        guard let seed = key.rawPrivateKey() else {
            preconditionFailure("OpenSSL could not export the seed of an Ed25519 key it created")
        }
        return seed
    }

    /// The 64-byte Ed25519 signature of `message`.
    ///
    /// Ed25519 is deterministic: the same key and message always give the same signature.
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_MD_CTX_new() else {
            throw CryptoError.openSSL(.signingFailed, "OpenSSL could not allocate a signing context")
        }
        defer { EVP_MD_CTX_free(context) }
        // Ed25519 hashes internally (PureEdDSA), so OpenSSL wants no digest here.
        guard EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1 else {
            throw CryptoError.openSSL(.signingFailed, "OpenSSL could not start an Ed25519 signature")
        }
        var signature = [UInt8](repeating: 0, count: Ed25519Sizes.signature)
        var length = signature.count
        let status = message.withNonNilBaseAddress { messageBase, messageCount in
            signature.withUnsafeMutableBufferPointer { signatureBuffer in
                EVP_DigestSign(context, signatureBuffer.baseAddress, &length, messageBase, messageCount)
            }
        }
        guard status == 1, length == Ed25519Sizes.signature else {
            throw CryptoError.openSSL(.signingFailed, "OpenSSL could not sign with the Ed25519 key")
        }
        return signature
    }
}
