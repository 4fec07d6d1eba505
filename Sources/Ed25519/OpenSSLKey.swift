internal import COpenSSL

/// Owns one `EVP_PKEY` and frees it when the last Swift reference goes away.
///
/// `@unchecked Sendable` is safe because nothing mutates the key after `init`: OpenSSL 3 allows
/// one fully built `EVP_PKEY` to be used from several threads at once, and every sign or verify
/// call makes its own `EVP_MD_CTX`.
final class OpenSSLKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of a key that OpenSSL returned to us.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// An Ed25519 private key from its 32-byte RFC 8032 seed.
    static func ed25519(seed: [UInt8]) throws(CryptoError) -> OpenSSLKey {
        guard seed.count == Ed25519Sizes.seed else {
            throw CryptoError(
                code: .invalidKeyLength,
                reason: "an Ed25519 seed has \(Ed25519Sizes.seed) bytes, this one has \(seed.count)")
        }
        OpenSSLErrorQueue.clear()
        let pointer = seed.withNonNilBaseAddress { base, count in
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, base, count)
        }
        guard let pointer else {
            throw CryptoError.openSSL(.invalidKey, "OpenSSL refused the Ed25519 seed")
        }
        return OpenSSLKey(taking: pointer)
    }

    /// An Ed25519 public key from its 32-byte encoding.
    static func ed25519(publicKey: [UInt8]) throws(CryptoError) -> OpenSSLKey {
        guard publicKey.count == Ed25519Sizes.publicKey else {
            throw CryptoError(
                code: .invalidKeyLength,
                reason: "an Ed25519 public key has \(Ed25519Sizes.publicKey) bytes, this one has \(publicKey.count)")
        }
        OpenSSLErrorQueue.clear()
        let pointer = publicKey.withNonNilBaseAddress { base, count in
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, base, count)
        }
        guard let pointer else {
            throw CryptoError.openSSL(.invalidKey, "OpenSSL refused the Ed25519 public key")
        }
        return OpenSSLKey(taking: pointer)
    }

    /// A fresh Ed25519 key from OpenSSL's CSPRNG.
    static func generateEd25519() throws(CryptoError) -> OpenSSLKey {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else {
            throw CryptoError.openSSL(.invalidKey, "OpenSSL could not set up Ed25519 key generation")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var pointer: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_keygen(context, &pointer) == 1, let pointer else {
            throw CryptoError.openSSL(.invalidKey, "OpenSSL could not generate an Ed25519 key")
        }
        return OpenSSLKey(taking: pointer)
    }

    /// Whether OpenSSL holds an Ed25519 key (not X25519, RSA, EC, …).
    var isEd25519: Bool {
        EVP_PKEY_is_a(pointer, "ED25519") == 1
    }

    /// OpenSSL's name for the algorithm, such as `RSA` or `EC`, for error messages.
    var algorithmName: String {
        guard let name = EVP_PKEY_get0_type_name(pointer) else { return "unknown" }
        return String(cString: name)
    }

    /// The 32-byte public key; nil if OpenSSL cannot give it (not a raw-key algorithm).
    func rawPublicKey() -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: Ed25519Sizes.publicKey)
        var length = bytes.count
        let status = bytes.withUnsafeMutableBufferPointer {
            EVP_PKEY_get_raw_public_key(pointer, $0.baseAddress, &length)
        }
        guard status == 1, length == Ed25519Sizes.publicKey else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return bytes
    }

    /// The 32-byte seed; nil if OpenSSL cannot give it.
    func rawPrivateKey() -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: Ed25519Sizes.seed)
        var length = bytes.count
        let status = bytes.withUnsafeMutableBufferPointer {
            EVP_PKEY_get_raw_private_key(pointer, $0.baseAddress, &length)
        }
        guard status == 1, length == Ed25519Sizes.seed else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return bytes
    }
}

/// The fixed sizes of RFC 8032 Ed25519.
enum Ed25519Sizes {
    static let seed = 32
    static let publicKey = 32
    static let signature = 64
}
