internal import COpenSSL

extension Ed25519PrivateKey {
    /// PBKDF2-HMAC-SHA256 iterations for encrypted PEM: OWASP's 2023 figure for this PRF.
    /// OpenSSL's own default (2048) is far too low for a passphrase an attacker can guess offline.
    static let passphraseIterations: Int32 = 600_000
    /// Salt length for the key derivation (RFC 8018 asks for at least 8; 16 is today's norm).
    static let passphraseSaltLength = 16

    /// The key as PKCS#8 PEM, which `openssl pkey` reads.
    ///
    /// Without a passphrase the block is labelled `BEGIN PRIVATE KEY` and holds the key in clear.
    /// With one it is labelled `BEGIN ENCRYPTED PRIVATE KEY`: PBES2 with AES-256-CBC and
    /// PBKDF2-HMAC-SHA256 (600,000 iterations, a random 16-byte salt).
    ///
    /// - Warning: The unencrypted form is the whole secret; write it only to a file of mode 0600.
    /// - Throws: `invalidPassphrase` for an empty passphrase, `encodingFailed` if OpenSSL fails.
    public func pemRepresentation(passphrase: String? = nil) throws(CryptoError) -> String {
        OpenSSLErrorQueue.clear()
        let buffer = try MemoryBIO()
        if let passphrase {
            try writeEncrypted(to: buffer, passphrase: passphrase)
        } else {
            guard PEM_write_bio_PKCS8PrivateKey(buffer.pointer, key.pointer, nil, nil, 0, nil, nil) == 1 else {
                throw CryptoError.openSSL(
                    .encodingFailed, "OpenSSL could not write the key as PKCS#8 PEM")
            }
        }
        return buffer.contentsAsString()
    }

    private func writeEncrypted(to buffer: MemoryBIO, passphrase: String) throws(CryptoError) {
        guard !passphrase.isEmpty else {
            throw CryptoError(
                code: .invalidPassphrase,
                reason: "an empty passphrase would protect nothing; give one or write the key unencrypted")
        }
        guard let keyInfo = EVP_PKEY2PKCS8(key.pointer) else {
            throw CryptoError.openSSL(.encodingFailed, "OpenSSL could not build the PKCS#8 structure")
        }
        defer { PKCS8_PRIV_KEY_INFO_free(keyInfo) }
        var salt = SecureRandom.bytes(count: Self.passphraseSaltLength)
        var passphraseBytes = Array(passphrase.utf8CString)
        defer { passphraseBytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        // pbe_nid -1 selects PBES2; with an AES cipher OpenSSL picks PBKDF2 with hmacWithSHA256.
        let encrypted = salt.withUnsafeMutableBufferPointer { saltBuffer in
            PKCS8_encrypt(
                -1, EVP_aes_256_cbc(), passphraseBytes, Int32(passphraseBytes.count - 1),
                saltBuffer.baseAddress, Int32(saltBuffer.count), Self.passphraseIterations, keyInfo)
        }
        guard let encrypted else {
            throw CryptoError.openSSL(.encodingFailed, "OpenSSL could not encrypt the key")
        }
        defer { X509_SIG_free(encrypted) }
        guard PEM_write_bio_PKCS8(buffer.pointer, encrypted) == 1 else {
            throw CryptoError.openSSL(
                .encodingFailed, "OpenSSL could not write the encrypted key as PEM")
        }
    }

    /// A key from PKCS#8 PEM (`BEGIN PRIVATE KEY` or `BEGIN ENCRYPTED PRIVATE KEY`), as written
    /// by ``pemRepresentation(passphrase:)``, `openssl genpkey` or Python `cryptography`.
    ///
    /// A passphrase given for an unencrypted key is ignored.
    ///
    /// - Throws: `passphraseRequired` for an encrypted key without a passphrase,
    ///   `wrongPassphrase` when the passphrase does not decrypt it, `unsupportedKeyType` for an
    ///   RSA, EC or other non-Ed25519 key, `invalidPEM` for anything that is not a private key.
    public init(pemRepresentation: String, passphrase: String? = nil) throws(CryptoError) {
        OpenSSLErrorQueue.clear()
        let buffer = try MemoryBIO(contents: Array(pemRepresentation.utf8))
        let request = PassphraseRequest(passphrase: passphrase)
        defer { request.erase() }
        let pointer = withExtendedLifetime(request) {
            // The callback must not capture anything to be a C function pointer; the request
            // travels through OpenSSL's user-data pointer instead.
            PEM_read_bio_PrivateKey(
                buffer.pointer, nil,
                { buffer, size, _, userData in
                    guard let buffer, let userData else { return -1 }
                    let request = Unmanaged<PassphraseRequest>.fromOpaque(userData).takeUnretainedValue()
                    return request.answer(into: buffer, capacity: Int(size))
                },
                Unmanaged.passUnretained(request).toOpaque())
        }
        guard let pointer else {
            throw Self.readError(
                passphraseWasAsked: request.wasAsked, passphraseGiven: passphrase != nil, text: pemRepresentation)
        }
        try self.init(key: OpenSSLKey(taking: pointer))
    }

    /// Says why OpenSSL could not read the key: the callback tells us whether it got as far as
    /// asking for a passphrase, which separates a decryption failure from unreadable text.
    private static func readError(passphraseWasAsked: Bool, passphraseGiven: Bool, text: String) -> CryptoError {
        switch (passphraseWasAsked, passphraseGiven) {
        case (true, false):
            _ = OpenSSLErrorQueue.drain()  // only "interrupted or cancelled": our own refusal
            return CryptoError(
                code: .passphraseRequired,
                reason: "the private key is encrypted; give its passphrase")
        case (true, true):
            return CryptoError.openSSL(
                .wrongPassphrase,
                "the passphrase does not decrypt the private key (or the encrypted key is damaged)")
        default:
            let expected = ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY"]
            return CryptoError.openSSL(
                .invalidPEM,
                "not a readable private key: " + PEMLabel.diagnosis(of: text, expected: expected))
        }
    }
}

/// Hands a passphrase to OpenSSL's PEM callback and remembers whether OpenSSL asked for one.
///
/// Used only during one synchronous `PEM_read_bio_PrivateKey` call on one thread.
private final class PassphraseRequest {
    private var passphrase: [UInt8]?
    private(set) var wasAsked = false

    init(passphrase: String?) {
        self.passphrase = passphrase.map { Array($0.utf8) }
    }

    /// Copies the passphrase into OpenSSL's buffer; -1 (refusal) when there is none or it
    /// does not fit, which makes OpenSSL fail instead of prompting on the terminal.
    func answer(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        wasAsked = true
        guard let passphrase, passphrase.count <= capacity else { return -1 }
        passphrase.withUnsafeBytes { bytes in
            guard let source = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: source, byteCount: bytes.count)
        }
        return Int32(passphrase.count)
    }

    /// Overwrites our copy of the passphrase.
    func erase() {
        guard passphrase?.isEmpty == false else { return }
        passphrase!.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
        passphrase = nil
    }
}
