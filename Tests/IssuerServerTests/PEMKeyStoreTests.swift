import Ed25519
import Foundation
import IssuerCore
import IssuerServer
import Testing
import VerifiableCredentials

/// The one PEM key store: the CLI's key files, the server's signing keys and key rotation.
@Suite("PEM key store")
struct PEMKeyStoreTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-keys-\(UUID().uuidString)")
    let issuer = IssuerProfile(did: "did:web:certs.example.org", name: "x", baseURL: "https://certs.example.org", createdAt: Date())

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test func thePEMKeyFolderWritesPrivateFilesItNeverOverwrites() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let maker = PEMKeyStore(directory: folder, passphrase: "correct horse")
        let record = try maker.makeKey(keyID: "key-2", issuer: issuer, now: Date())
        #expect(record.fileName == "certs.example.org-key-2.pem")
        let path = folder.appendingPathComponent(record.fileName).path
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let pem = try String(contentsOfFile: path, encoding: .utf8)
        let key = try Ed25519PrivateKey(pemRepresentation: pem, passphrase: "correct horse")
        #expect(Multikey.encode(key.publicKey) == record.publicKeyMultibase)
        #expect(throws: IssuerError.self) { try maker.makeKey(keyID: "key-2", issuer: issuer, now: Date()) }
        maker.discardKey(record)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a key it made is the signing key it gives back, for the record the database holds")
    func makesAndProvides() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = PEMKeyStore(directory: folder, passphrase: nil)
        let record = try store.makeKey(keyID: "key-1", issuer: issuer, now: Date())
        let key = try store.privateKey(for: record)
        #expect(Multikey.encode(key.publicKey) == record.publicKeyMultibase)
    }

    @Test("a file that holds another key, a readable file and a missing file are the issuer's keyUnavailable, not a CLI error")
    func failuresAreIssuerErrors() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = PEMKeyStore(directory: folder, passphrase: nil)
        let record = try store.makeKey(keyID: "key-1", issuer: issuer, now: Date())
        let other = SigningKeyRecord(
            id: "key-1", publicKeyMultibase: Multikey.encode(try Ed25519PrivateKey().publicKey), fileName: record.fileName,
            createdAt: Date())
        #expect(throws: IssuerError(.keyUnavailable, "\(record.fileName) does not hold the key key-1 recorded in the database")) {
            try PEMKeyStore(directory: folder, passphrase: nil).privateKey(for: other)
        }
        let path = folder.appendingPathComponent(record.fileName).path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let readable = #expect(throws: IssuerError.self) { try PEMKeyStore.load(path, passphrase: nil) }
        #expect(readable?.code == .keyUnavailable)
        #expect(readable?.reason.contains("is readable by other users (mode 644); run: chmod 600") == true)
        let missing = #expect(throws: IssuerError.self) { try PEMKeyStore.load(path + ".gone", passphrase: nil) }
        #expect(missing?.code == .keyUnavailable)
    }

    @Test("writeNew writes mode 0600 and never replaces a file")
    func writeNew() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("dev.pem").path
        let pem = try Ed25519PrivateKey().pemRepresentation(passphrase: nil)
        try PEMKeyStore.writeNew(pem, to: path)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(throws: IssuerError(.keyUnavailable, "\(path) already exists; choose another --out or remove it first")) {
            try PEMKeyStore.writeNew(pem, to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == pem)
    }
}
