import Ed25519
import Foundation
import TestSupport
import Testing

/// Each way a PEM can be wrong gives its own error code, with OpenSSL's message where it had one.
@Suite("PEM errors")
struct PEMErrorTests {
    /// A fixed encrypted key (openssl pkcs8 -topk8 -v2 aes-256-cbc, passphrase "right"): with a key
    /// encrypted afresh each run (random salt), about one wrong passphrase in 256 decrypts to valid
    /// padding and fails later in the decoder, so the messages these tests read would vary.
    static let encryptedPEM = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiqgApY20VCXwICCAAw
        DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEA0QsBRSYJCRreqvAq4s0x4EQHbh
        YW++U/9Ii/hvOeCU5hTjHm/73fttwkMsk9Hod4HXtpNkEGR0hugUdIahhiHNN2ol
        NBztImmS370DPs5Qp8Q=
        -----END ENCRYPTED PRIVATE KEY-----
        """

    @Test("a wrong passphrase for our encrypted key")
    func wrongPassphrase() throws {
        let pem = Self.encryptedPEM
        #expect(throws: Never.self) { try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "right") }
        let error = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "wrong")
        }
        #expect(error?.code == .wrongPassphrase)
        #expect(error?.reason.contains("OpenSSL: error:") == true, "\(String(describing: error))")
    }

    @Test("a wrong passphrase for a key encrypted by openssl")
    func wrongPassphraseForOpenSSLKey() throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.path("key.pem")
        try ExternalTool.runSucceeding([
            "openssl", "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:right", "-out", keyPath,
        ])
        let pem = try directory.read("key.pem")
        let error = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "wrong")
        }
        #expect(error?.code == .wrongPassphrase)
        #expect(error?.reason.contains("OpenSSL: error:") == true)
    }

    @Test("an encrypted key without a passphrase")
    func missingPassphrase() throws {
        let pem = Self.encryptedPEM
        #expect(throws: Never.self) { try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "right") }
        let error = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: pem) }
        #expect(error?.code == .passphraseRequired)
        #expect(error?.reason.contains("passphrase") == true)
    }

    @Test(
        "keys of other algorithms are refused by name",
        arguments: [
            (["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], "EC"),
            (["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], "RSA"),
            (["-algorithm", "X25519"], "X25519"),
            (["-algorithm", "ED448"], "ED448"),
        ])
    func otherAlgorithms(options: [String], algorithmName: String) throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.path("key.pem")
        try ExternalTool.runSucceeding(["openssl", "genpkey"] + options + ["-out", keyPath])
        let privateError = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: directory.read("key.pem"))
        }
        #expect(privateError?.code == .unsupportedKeyType)
        #expect(privateError?.reason.contains(algorithmName) == true, "\(String(describing: privateError))")

        let publicPEM = try ExternalTool.runSucceeding(["openssl", "pkey", "-in", keyPath, "-pubout"])
        let publicError = #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemRepresentation: publicPEM) }
        #expect(publicError?.code == .unsupportedKeyType)
    }

    @Test(
        "text that is not a private key PEM",
        arguments: [
            ("", "no -----BEGIN line"),
            ("hello", "no -----BEGIN line"),
            ("-----BEGIN PRIVATE KEY-----\n!!!! not base64 !!!!\n-----END PRIVATE KEY-----\n", "damaged or truncated"),
            // Valid base64 of only the first 45 bytes of a PKCS#8 structure.
            (
                "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMc\n-----END PRIVATE KEY-----\n",
                "damaged or truncated"
            ),
            ("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n", "CERTIFICATE"),
        ])
    func garbage(text: String, explanation: String) {
        let error = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: text) }
        #expect(error?.code == .invalidPEM)
        #expect(error?.reason.contains(explanation) == true, "\(String(describing: error))")
        #expect(error?.reason.contains("OpenSSL: error:") == true, "\(String(describing: error))")
    }

    @Test("a truncated PEM, plain and encrypted")
    func truncated() throws {
        let key = try Ed25519PrivateKey()
        for (pem, passphrase) in [
            (try key.pemRepresentation(), nil), (try key.pemRepresentation(passphrase: "pw"), "pw"),
        ] {
            let cut = String(pem.prefix(pem.count / 2))
            let error = #expect(throws: CryptoError.self) {
                try Ed25519PrivateKey(pemRepresentation: cut, passphrase: passphrase)
            }
            #expect(error?.code == .invalidPEM)
            #expect(error?.reason.contains("damaged or truncated") == true, "\(String(describing: error))")
            #expect(error?.reason.contains("OpenSSL: error:") == true)
        }
    }

    @Test("a public key PEM is not a private key, and a private key PEM is not a public key")
    func swappedKinds() throws {
        let key = try Ed25519PrivateKey()
        let privateError = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: key.publicKey.pemRepresentation)
        }
        #expect(privateError?.code == .invalidPEM)
        #expect(privateError?.reason.contains("the PEM block is PUBLIC KEY") == true)
        let publicError = #expect(throws: CryptoError.self) {
            try Ed25519PublicKey(pemRepresentation: key.pemRepresentation())
        }
        #expect(publicError?.code == .invalidPEM)
        #expect(publicError?.reason.contains("OpenSSL: error:") == true)
    }

    @Test("an error leaves no stale OpenSSL message for the next operation")
    func queueIsDrained() throws {
        #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: "garbage") }
        let pem = Self.encryptedPEM
        #expect(throws: Never.self) { try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "right") }
        let error = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "wrong")
        }
        #expect(error?.code == .wrongPassphrase)
        #expect(error?.reason.contains("bad decrypt") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("DECODER routines::unsupported") == false, "\(String(describing: error))")
    }
}
