import ArgumentParser
import Delivery
import Ed25519
import Foundation
import IssuerCore
import IssuerServer
import VerifiableCredentials

/// `attest init`: a new issuer — database, first key, did:web identity.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an issuer: its database, its first Ed25519 key and its did:web identity.",
        discussion: "Example: attest init --data data --name \"Example Safety Training\" --base-url https://certs.example.org")

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "The organisation's name, as certificates show it.")
    var name: String

    @Option(name: .long, help: ArgumentHelp("Where the issuer's pages are served, e.g. https://certs.example.org.", valueName: "url"))
    var baseURL: String

    @Option(name: .long, help: ArgumentHelp("A contact address shown in credentials.", valueName: "address"))
    var email: String?

    @Option(name: .long, help: ArgumentHelp("The key store folder for private keys.", valueName: "dir"))
    var keys: String = "Keys"

    func validate() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name is empty") }
    }

    func run() async throws {
        let fileManager = FileManager.default
        let onPostgres = try dataOptions.postgresLocation() != nil
        if !onPostgres && fileManager.fileExists(atPath: dataOptions.databasePath)
            && !fileManager.fileExists(atPath: dataOptions.settingsPath)
        {
            throw CLIError(IssuerContext.halfMadeIssuer(dataOptions))
        }
        let holdsIssuer = try await dataOptions.storeHoldsIssuer()
        if holdsIssuer || fileManager.fileExists(atPath: dataOptions.settingsPath) {
            throw CLIError("\(dataOptions.data) (\(try dataOptions.storeDescription())) already holds an issuer; init never overwrites one")
        }
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let did = try IssuerProfile.didWeb(forBaseURL: base)
        let keyStore = URL(fileURLWithPath: keys, isDirectory: true).standardizedFileURL
        try fileManager.createDirectory(at: keyStore, withIntermediateDirectories: true)
        // Private from the start (0700): the database, the settings' webhook secrets and the
        // outbox's emails live here. A folder the user made beforehand is narrowed too.
        try PrivateFiles.makeFolder(dataOptions.directory)

        let key = try Ed25519PrivateKey()
        let record = SigningKeyRecord(
            id: "key-1", publicKeyMultibase: Multikey.encode(key.publicKey), fileName: KeyNaming.fileName(did: did, keyID: "key-1"),
            createdAt: Date())
        let keyPath = keyStore.appendingPathComponent(record.fileName).path
        try PEMKeyStore.writeNew(try key.pemRepresentation(passphrase: try dataOptions.passphrase.resolve()), to: keyPath)
        do {
            let store = AuditHeadRecordingStore(
                base: try await dataOptions.openStore(), headFile: AuditHeadFile(path: dataOptions.auditHeadPath))
            let environment = IssuerEnvironment(store: store, keys: InMemoryKeyProvider(keys: [record.id: key]))
            let issuer = IssuerProfile(did: did, name: name, baseURL: base, email: email, createdAt: Date())
            try await IssuerAdministration(environment: environment, actor: "cli").initialize(issuer: issuer, firstKey: record)
            let settings = try JSONEncoder().encode(IssuerSettings(keyStore: keyStore.path))
            do { try PrivateFiles.writeAtomically(Array(settings), to: URL(fileURLWithPath: dataOptions.settingsPath)) } catch {
                throw CLIError("cannot write \(dataOptions.settingsPath): \(error)")
            }
        } catch {
            // Leave nothing half-made: a later init must be able to start again.
            for path in [
                keyPath, dataOptions.databasePath, dataOptions.databasePath + "-wal", dataOptions.databasePath + "-shm",
                dataOptions.settingsPath, dataOptions.auditHeadPath,
            ] {
                try? fileManager.removeItem(atPath: path)
            }
            throw error
        }
        print("created issuer \(name)")
        print("  did         \(did)")
        print("  data        \(dataOptions.directory.path)")
        print("  signing key \(keyPath) (key-1, \(record.publicKeyMultibase))")
        print("next: attest programs add --data \(dataOptions.data) Spec/examples/program.json")
    }
}

/// How private key files are named in the key store: one folder can serve several issuers.
enum KeyNaming {
    static func fileName(did: String, keyID: String) -> String {
        let host = did.replacingOccurrences(of: "did:web:", with: "").replacingOccurrences(of: "%3A", with: "_").replacingOccurrences(
            of: ":", with: "_")
        return "\(host)-\(keyID).pem"
    }
}
