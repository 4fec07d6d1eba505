import Ed25519
import Foundation
import IssuerCore
import Synchronization
import VerifiableCredentials

/// The key store folder of a deployment, the one place private keys are read and written: PKCS#8
/// PEM files, mode 0600, named like `attest init` and key rotation name them, encrypted when a
/// passphrase is set. It gives the issuer its signing keys (loaded once per process: an encrypted
/// key costs a deliberate ~0.5 s to unlock) and makes new ones for `POST /api/v1/keys/rotate`.
/// Every failure is an ``IssuerCore/IssuerError`` with code `keyUnavailable`.
public final class PEMKeyStore: SigningKeyProvider, SigningKeyMaker {
    /// The folder.
    public let directory: URL
    /// The passphrase keys are encrypted with; `nil` reads and writes them unencrypted.
    /// - Warning: without a passphrase the key file is all that protects the key.
    public let passphrase: String?
    private let cache = Mutex<[String: Ed25519PrivateKey]>([:])

    /// A key store at `directory`.
    public init(directory: URL, passphrase: String?) {
        self.directory = directory
        self.passphrase = passphrase
    }

    /// `certs.example.org-key-2.pem` for `did:web:certs.example.org` and `key-2`.
    public static func fileName(did: String, keyID: String) -> String {
        let host = did.replacingOccurrences(of: "did:web:", with: "").replacingOccurrences(of: "%3A", with: "_")
            .replacingOccurrences(of: ":", with: "_")
        return "\(host)-\(keyID).pem"
    }

    /// The private key of `record`, from its file, checked against the public key the database holds.
    public func privateKey(for record: SigningKeyRecord) throws -> Ed25519PrivateKey {
        if let key = cache.withLock({ $0[record.fileName] }) { return key }
        let key = try Self.load(directory.appendingPathComponent(record.fileName).path, passphrase: passphrase)
        guard Multikey.encode(key.publicKey) == record.publicKeyMultibase else {
            throw IssuerError(.keyUnavailable, "\(record.fileName) does not hold the key \(record.id) recorded in the database")
        }
        cache.withLock { $0[record.fileName] = key }
        return key
    }

    /// Generates a key and writes it as `HOST-KEYID.pem`; refuses to replace an existing file.
    public func makeKey(keyID: String, issuer: IssuerProfile, now: Date) throws -> SigningKeyRecord {
        let key = try Ed25519PrivateKey()
        let record = SigningKeyRecord(
            id: keyID, publicKeyMultibase: Multikey.encode(key.publicKey), fileName: Self.fileName(did: issuer.did, keyID: keyID),
            createdAt: now)
        let path = directory.appendingPathComponent(record.fileName).path
        switch Self.create(path, holding: Array(try key.pemRepresentation(passphrase: passphrase).utf8)) {
        case .written: return record
        case .notCreated(let code):
            throw IssuerError(.keyUnavailable, "cannot create the key file \(record.fileName): \(String(cString: strerror(code)))")
        case .notWritten:
            throw IssuerError(.keyUnavailable, "cannot write the key file \(record.fileName)")
        }
    }

    /// Deletes the key's file.
    public func discardKey(_ record: SigningKeyRecord) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(record.fileName))
    }

    /// Writes `pem` to a new file at `path` with mode 0600, refusing to replace an existing one.
    public static func writeNew(_ pem: String, to path: String) throws(IssuerError) {
        switch create(path, holding: Array(pem.utf8)) {
        case .written: return
        case .notCreated(EEXIST):
            throw IssuerError(.keyUnavailable, "\(path) already exists; choose another --out or remove it first")
        case .notCreated(let code): throw IssuerError(.keyUnavailable, "cannot create \(path): \(String(cString: strerror(code)))")
        case .notWritten(let code): throw IssuerError(.keyUnavailable, "cannot write \(path): \(String(cString: strerror(code)))")
        }
    }

    /// Loads a private key, refusing a file that other users can read.
    public static func load(_ path: String, passphrase: String?) throws(IssuerError) -> Ed25519PrivateKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw IssuerError(.keyUnavailable, "cannot read the key file \(path): \(String(cString: strerror(errno)))")
        }
        if status.st_mode & 0o077 != 0 {
            throw IssuerError(
                .keyUnavailable,
                "the key file \(path) is readable by other users (mode \(String(status.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IssuerError(.keyUnavailable, "cannot read the key file \(path)")
        }
        do {
            return try Ed25519PrivateKey(pemRepresentation: String(decoding: data, as: UTF8.self), passphrase: passphrase)
        } catch {
            throw IssuerError(.keyUnavailable, "\(path): \(error.reason)")
        }
    }

    /// How ``create(_:holding:)`` went; a failure carries its `errno`.
    private enum Creation {
        case written
        case notCreated(Int32)
        case notWritten(Int32)
    }

    /// Creates `path` with mode 0600 (O_EXCL: never over an existing file, even one the database
    /// does not know) and writes `bytes`; a file half written is removed.
    private static func create(_ path: String, holding bytes: [UInt8]) -> Creation {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return .notCreated(errno) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            let code = errno
            try? FileManager.default.removeItem(atPath: path)
            return .notWritten(code)
        }
        return .written
    }
}
