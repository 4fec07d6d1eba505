import ArgumentParser
import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import IssuerServer
import VerifiableCredentials

/// `attest keys list`: the issuer's keys, active and retired.
struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the issuer's signing keys, active and retired.")

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let issuer = try await context.issuer()
        for key in try await context.store.read({ try $0.signingKeys() }) {
            var state = key.retiredAt.map { "retired \(DateTimeStamp.format($0))" } ?? "active"
            if let since = key.compromisedSince { state += ", COMPROMISED since \(DateTimeStamp.format(since))" }
            print(
                "\(issuer.did)#\(key.id)  \(key.publicKeyMultibase)  \(state)  created \(DateTimeStamp.format(key.createdAt))  \(key.fileName)"
            )
        }
    }
}

/// `attest keys rotate`: a new active key; the old one stays for verification.
struct KeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Make a new active signing key; old keys stay in the DID document so old credentials keep verifying.")

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let (record, path) = try await Self.rotate(context)
        let issuer = try await context.issuer()
        print("active key is now \(issuer.did)#\(record.id) (\(path)); earlier keys are retired and still verify")
    }

    /// Makes and records a new active key; returns it and its file.
    static func rotate(_ context: IssuerContext) async throws -> (record: SigningKeyRecord, path: String) {
        let dataOptions = context.options
        let issuer = try await context.issuer()
        let existing = try await context.store.read { try $0.signingKeys() }
        let number = (existing.compactMap { Int($0.id.replacingOccurrences(of: "key-", with: "")) }.max() ?? 0) + 1
        let key = try Ed25519PrivateKey()
        let record = SigningKeyRecord(
            id: "key-\(number)", publicKeyMultibase: Multikey.encode(key.publicKey),
            fileName: KeyNaming.fileName(did: issuer.did, keyID: "key-\(number)"),
            createdAt: Date())
        let path = URL(fileURLWithPath: context.settings.keyStore).appendingPathComponent(record.fileName).path
        try PEMKeyStore.writeNew(try key.pemRepresentation(passphrase: try dataOptions.passphrase.resolve()), to: path)
        do {
            try await IssuerAdministration(environment: context.environment, actor: "cli").rotateKey(to: record)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return (record, path)
    }
}

/// `attest keys export-public`: the did:web document with every key.
struct KeysExportPublicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-public", abstract: "Print the issuer's DID document (did.json) with every key, current and retired.")

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let issuer = try await context.issuer()
        let keys = try await context.store.read { try $0.signingKeys() }
        print(try issuer.didDocument(keys: keys).json.serialized(pretty: true))
    }
}
