import Ed25519
import Testing

@Suite("Ed25519 keys without external tools")
struct KeyTests {
    @Test("generated keys differ, sign and verify, and round-trip through their seed")
    func generatedKeys() throws {
        let first = try Ed25519PrivateKey()
        let second = try Ed25519PrivateKey()
        #expect(first.seed != second.seed)
        #expect(first.publicKey != second.publicKey)
        #expect(first.seed.count == 32)

        let message = Array("a course completion".utf8)
        let signature = try first.signature(for: message)
        #expect(signature.count == 64)
        #expect(first.publicKey.isValidSignature(signature, for: message))
        #expect(!second.publicKey.isValidSignature(signature, for: message))

        let restored = try Ed25519PrivateKey(seed: first.seed)
        #expect(restored.publicKey == first.publicKey)
        #expect(try restored.signature(for: message) == signature)
    }

    @Test("public keys compare and hash by their bytes")
    func publicKeyEquality() throws {
        let key = try Ed25519PrivateKey()
        let copy = try Ed25519PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
        #expect(copy == key.publicKey)
        #expect(Set([copy, key.publicKey]).count == 1)
    }

    @Test("public key PEM round-trips and has the SubjectPublicKeyInfo label")
    func publicKeyPEM() throws {
        let key = try Ed25519PrivateKey().publicKey
        let pem = key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(pem.hasSuffix("-----END PUBLIC KEY-----\n"))
        #expect(try Ed25519PublicKey(pemRepresentation: pem) == key)
    }

    @Test("private key PEM round-trips, plain and encrypted")
    func privateKeyPEM() throws {
        let key = try Ed25519PrivateKey()
        let plain = try key.pemRepresentation()
        #expect(plain.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try Ed25519PrivateKey(pemRepresentation: plain).seed == key.seed)
        // A passphrase for an unencrypted key is ignored.
        #expect(try Ed25519PrivateKey(pemRepresentation: plain, passphrase: "unused").seed == key.seed)

        let encrypted = try key.pemRepresentation(passphrase: "correct horse battery staple")
        #expect(encrypted.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(encrypted != (try key.pemRepresentation(passphrase: "correct horse battery staple")), "salt is random")
        let reopened = try Ed25519PrivateKey(pemRepresentation: encrypted, passphrase: "correct horse battery staple")
        #expect(reopened.seed == key.seed)
    }

    @Test("a non-ASCII passphrase works as its UTF-8 bytes")
    func unicodePassphrase() throws {
        let key = try Ed25519PrivateKey()
        let encrypted = try key.pemRepresentation(passphrase: "Zürich ✓ 証明書")
        #expect(try Ed25519PrivateKey(pemRepresentation: encrypted, passphrase: "Zürich ✓ 証明書").seed == key.seed)
    }

    @Test("raw keys of the wrong length are refused", arguments: [0, 31, 33, 64])
    func wrongLengths(length: Int) {
        let bytes = [UInt8](repeating: 7, count: length)
        let publicError = #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: bytes) }
        #expect(publicError?.code == .invalidKeyLength)
        #expect(publicError?.reason.contains("\(length)") == true)
        let seedError = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(seed: bytes) }
        #expect(seedError?.code == .invalidKeyLength)
    }

    @Test("an empty passphrase is refused for encryption")
    func emptyPassphrase() throws {
        let key = try Ed25519PrivateKey()
        let error = #expect(throws: CryptoError.self) { try key.pemRepresentation(passphrase: "") }
        #expect(error?.code == .invalidPassphrase)
    }

    @Test("errors describe themselves as code and reason")
    func errorDescription() {
        let error = CryptoError(code: .wrongPassphrase, reason: "no")
        #expect(error.description == "wrongPassphrase: no")
    }
}

@Suite("Ed25519 keys shared between tasks")
struct ConcurrentKeyTests {
    @Test("one key signs and verifies from many tasks at once with the same results")
    func concurrentSigning() async throws {
        let key = try Ed25519PrivateKey()
        let message = Array("shared key".utf8)
        let expected = try key.signature(for: message)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<50 {
                        let signature = try key.signature(for: message)
                        guard signature == expected, key.publicKey.isValidSignature(signature, for: message) else {
                            return false
                        }
                    }
                    return true
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
