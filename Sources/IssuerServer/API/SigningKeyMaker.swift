import Ed25519
import Foundation
import IssuerCore
import VerifiableCredentials

/// Makes new signing keys for `POST /api/v1/keys/rotate` and keeps their private halves where the
/// server's ``IssuerCore/SigningKeyProvider`` will find them.
public protocol SigningKeyMaker: Sendable {
    /// Generates a key with id `keyID`, stores its private half, and returns its record.
    func makeKey(keyID: String, issuer: IssuerProfile, now: Date) throws -> SigningKeyRecord
    /// Deletes a key made by ``makeKey(keyID:issuer:now:)`` when the rotation did not go through.
    func discardKey(_ record: SigningKeyRecord)
}

/// The key store folder of a deployment: PKCS#8 PEM files, mode 0600, named like `attest init`
/// and `attest keys rotate` name them, encrypted when a passphrase is set.
public struct PEMKeyFolder: SigningKeyMaker {
    /// The folder.
    public let directory: URL
    /// The passphrase new keys are encrypted with; `nil` writes them unencrypted.
    /// - Warning: without a passphrase the key file is all that protects the key.
    public let passphrase: String?

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

    /// Generates a key and writes it as `HOST-KEYID.pem`; refuses to replace an existing file.
    public func makeKey(keyID: String, issuer: IssuerProfile, now: Date) throws -> SigningKeyRecord {
        let key = try Ed25519PrivateKey()
        let record = SigningKeyRecord(
            id: keyID, publicKeyMultibase: Multikey.encode(key.publicKey), fileName: Self.fileName(did: issuer.did, keyID: keyID),
            createdAt: now)
        let path = directory.appendingPathComponent(record.fileName).path
        // O_EXCL: a rotation never overwrites a key file, even one the database does not know.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw IssuerError("keyUnavailable", "cannot create the key file \(record.fileName): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(try key.pemRepresentation(passphrase: passphrase).utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            try? FileManager.default.removeItem(atPath: path)
            throw IssuerError("keyUnavailable", "cannot write the key file \(record.fileName)")
        }
        return record
    }

    /// Deletes the key's file.
    public func discardKey(_ record: SigningKeyRecord) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(record.fileName))
    }
}
