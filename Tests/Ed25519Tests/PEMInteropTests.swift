import Ed25519
import Foundation
import TestSupport
import Testing

/// PEM files crossing between this library, the `openssl` command and Python `cryptography`.
@Suite("PEM interop with openssl and Python cryptography")
struct PEMInteropTests {
    let message = Array("Attest interop message".utf8)

    @Test("openssl reads our plain PKCS#8 key and derives the same public key")
    func opensslReadsOurPlainKey() throws {
        let directory = try TemporaryDirectory()
        let key = try Ed25519PrivateKey()
        let keyPath = try directory.write(key.pemRepresentation(), to: "key.pem")
        let publicPEM = try ExternalTool.runSucceeding(["openssl", "pkey", "-in", keyPath, "-pubout"])
        #expect(publicPEM == key.publicKey.pemRepresentation)
        #expect(try Ed25519PublicKey(pemRepresentation: publicPEM) == key.publicKey)
    }

    @Test("openssl reads our public key PEM")
    func opensslReadsOurPublicKey() throws {
        let directory = try TemporaryDirectory()
        let key = try Ed25519PrivateKey()
        let path = try directory.write(key.publicKey.pemRepresentation, to: "public.pem")
        let text = try ExternalTool.runSucceeding(["openssl", "pkey", "-pubin", "-in", path, "-noout", "-text"])
        #expect(text.contains("ED25519 Public-Key"))
    }

    @Test("a key from openssl genpkey loads; signatures agree both ways")
    func opensslGeneratedKey() throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.path("key.pem")
        try ExternalTool.runSucceeding(["openssl", "genpkey", "-algorithm", "ed25519", "-out", keyPath])
        let key = try Ed25519PrivateKey(pemRepresentation: directory.read("key.pem"))

        let publicPath = directory.path("public.pem")
        try ExternalTool.runSucceeding(["openssl", "pkey", "-in", keyPath, "-pubout", "-out", publicPath])
        #expect(try Ed25519PublicKey(pemRepresentation: directory.read("public.pem")) == key.publicKey)

        let messagePath = try directory.write(message, to: "message.bin")
        let signaturePath = try directory.write(key.signature(for: message), to: "ours.sig")
        let verified = try ExternalTool.runSucceeding([
            "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicPath, "-rawin",
            "-in", messagePath, "-sigfile", signaturePath,
        ])
        #expect(verified.contains("Signature Verified Successfully"))

        // Ed25519 is deterministic, so openssl's signature must equal ours byte for byte.
        let theirsPath = directory.path("theirs.sig")
        try ExternalTool.runSucceeding([
            "openssl", "pkeyutl", "-sign", "-inkey", keyPath, "-rawin", "-in", messagePath, "-out", theirsPath,
        ])
        let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: theirsPath)))
        #expect(theirs == (try key.signature(for: message)))
        #expect(key.publicKey.isValidSignature(theirs, for: message))
    }

    @Test("openssl opens our encrypted key with the passphrase and refuses a wrong one")
    func opensslOpensOurEncryptedKey() throws {
        let directory = try TemporaryDirectory()
        let key = try Ed25519PrivateKey()
        let keyPath = try directory.write(key.pemRepresentation(passphrase: "s3cret passphrase"), to: "key.pem")
        let publicPEM = try ExternalTool.runSucceeding([
            "openssl", "pkey", "-in", keyPath, "-passin", "pass:s3cret passphrase", "-pubout",
        ])
        #expect(publicPEM == key.publicKey.pemRepresentation)
        let wrong = try ExternalTool.run(["openssl", "pkey", "-in", keyPath, "-passin", "pass:wrong", "-pubout"])
        #expect(wrong.status != 0)
    }

    @Test("our encrypted key uses PBES2, PBKDF2 with HMAC-SHA256 and many iterations, and AES-256-CBC")
    func encryptionParameters() throws {
        let directory = try TemporaryDirectory()
        let keyPath = try directory.write(try Ed25519PrivateKey().pemRepresentation(passphrase: "pw"), to: "key.pem")
        let structure = try ExternalTool.runSucceeding(["openssl", "asn1parse", "-in", keyPath])
        #expect(structure.contains(":PBES2"))
        #expect(structure.contains(":PBKDF2"))
        #expect(structure.contains(":hmacWithSHA256"))
        #expect(structure.contains(":aes-256-cbc"))
        // asn1parse prints INTEGERs in hex; the PBKDF2 iteration count is one of them.
        let integers = structure.split(separator: "\n")
            .filter { $0.contains("prim: INTEGER") }
            .compactMap { line in line.split(separator: ":").last.flatMap { Int($0, radix: 16) } }
        #expect(integers.contains(600_000), "INTEGERs found: \(integers)")
    }

    @Test("a key encrypted by openssl genpkey -aes-256-cbc opens in ours")
    func opensslEncryptedKey() throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.path("key.pem")
        try ExternalTool.runSucceeding([
            "openssl", "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:from openssl", "-out",
            keyPath,
        ])
        let pem = try directory.read("key.pem")
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let key = try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "from openssl")
        let publicPEM = try ExternalTool.runSucceeding([
            "openssl", "pkey", "-in", keyPath, "-passin", "pass:from openssl", "-pubout",
        ])
        #expect(key.publicKey.pemRepresentation == publicPEM)
    }

    @Test("PEM from Python cryptography loads in ours, plain and encrypted, and Python reads ours")
    func pythonCryptography() throws {
        let seedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
        let script = """
            import sys
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
            from cryptography.hazmat.primitives import serialization as s
            key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(sys.argv[1]))
            sys.stdout.write(key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode())
            sys.stdout.write(key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8,
                s.BestAvailableEncryption(b"python pass")).decode())
            """
        let output = try ExternalTool.runSucceeding(["python3", "-c", script, seedHex])
        let blocks = output.components(separatedBy: "-----BEGIN ").dropFirst().map { "-----BEGIN " + $0 }
        try #require(blocks.count == 2)

        let plain = try Ed25519PrivateKey(pemRepresentation: blocks[0])
        #expect(hex(plain.seed) == seedHex)
        let encrypted = try Ed25519PrivateKey(pemRepresentation: blocks[1], passphrase: "python pass")
        #expect(hex(encrypted.seed) == seedHex)

        let readBack = """
            import sys
            from cryptography.hazmat.primitives import serialization as s
            key = s.load_pem_private_key(sys.stdin.buffer.read(), password=b"ours")
            print(key.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption()).hex())
            """
        let ours = try plain.pemRepresentation(passphrase: "ours")
        let seedFromPython = try ExternalTool.runSucceeding(["python3", "-c", readBack], input: Array(ours.utf8))
        #expect(seedFromPython.trimmingCharacters(in: .whitespacesAndNewlines) == seedHex)
    }
}
