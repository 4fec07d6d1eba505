import ArgumentParser
import CertificateDocuments
import Ed25519
import Foundation
import IssuerCore
import IssuerServer
import VerifiableCredentials

/// `--data DIR`: the issuer's folder (its SQLite database and settings).
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The issuer's data folder. Default: $ATTEST_DATA, else ./data.", valueName: "dir"))
    var data: String = ProcessInfo.processInfo.environment["ATTEST_DATA"] ?? "data"

    // No default shown in --help: the URL from the environment holds a password.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The issuer's PostgreSQL database instead of DATA/attest.sqlite: postgres://USER:PASSWORD@HOST:5432/DB"
                + "?sslmode=verify-full&sslrootcert=CA.pem. Default: $ATTEST_DATABASE_URL (which keeps the password out of ps).",
            valueName: "url"))
    var database: String?

    @OptionGroup var passphrase: PassphraseOptions

    var directory: URL { URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL }
    var databasePath: String { directory.appendingPathComponent("attest.sqlite").path }
    var settingsPath: String { directory.appendingPathComponent("attest.json").path }
    /// Branding images programs name, copied here by `programs add`.
    var assetsDirectory: URL { directory.appendingPathComponent("assets", isDirectory: true) }
    /// Where emails go as `.eml` files when no SMTP server is configured.
    var outboxDirectory: URL { directory.appendingPathComponent("outbox", isDirectory: true) }
    /// The audit chain's head (`SEQUENCE:HASH`), kept outside the database (``AuditHeadFile``).
    var auditHeadPath: String { directory.appendingPathComponent("audit-head").path }
}

/// What `attest init` records beside the database: where the private keys are.
struct IssuerSettings: Codable {
    /// The key store folder (absolute).
    var keyStore: String
    /// Outbound webhook endpoints, each with its own signing secret (edit the file to add them).
    var webhooks: [WebhookSettings]?
}

/// One webhook endpoint in `attest.json`: `{"url": "https://lms.example/hooks/attest", "secret": "…", "events": ["credential.issued"]}`.
struct WebhookSettings: Codable {
    var url: String
    var secret: String
    /// The events to send; all when absent. A name Attest does not know makes the file unreadable
    /// (a typo would otherwise silently send nothing).
    var events: [OutboxEvent]?
}

/// An opened issuer: its store and the environment every command runs in.
struct IssuerContext {
    let options: DataOptions
    let settings: IssuerSettings
    /// The database, recording the audit head beside it after each commit.
    let store: AuditHeadRecordingStore
    let environment: IssuerEnvironment

    static func open(_ options: DataOptions) async throws -> IssuerContext {
        let onPostgres = try options.postgresLocation() != nil
        if !onPostgres && FileManager.default.fileExists(atPath: options.databasePath)
            && !FileManager.default.fileExists(atPath: options.settingsPath)
        {
            throw CLIError(halfMadeIssuer(options))
        }
        guard onPostgres || FileManager.default.fileExists(atPath: options.databasePath),
            let data = FileManager.default.contents(atPath: options.settingsPath)
        else {
            throw CLIError(
                "\(options.data) holds no issuer; create one with: attest init --data \(options.data) --name NAME --base-url URL")
        }
        let settings: IssuerSettings
        do {
            settings = try JSONDecoder().decode(IssuerSettings.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            // An unknown webhook event name lands here: refused with its place and text, not ignored.
            let place = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw CLIError("\(options.settingsPath)\(place.isEmpty ? "" : " " + place.drop { $0 == "." }): \(context.debugDescription)")
        }
        try DataFolderPermissions.tightenAndWarn(options)
        let store = AuditHeadRecordingStore(base: try await options.openStore(), headFile: AuditHeadFile(path: options.auditHeadPath))
        let keys = PEMKeyStore(directory: URL(fileURLWithPath: settings.keyStore), passphrase: try options.passphrase.resolve())
        let assets = options.assetsDirectory
        let documents = CertificateDocumentRenderer { name in
            guard let data = FileManager.default.contents(atPath: assets.appendingPathComponent(name).path) else {
                throw CLIError("the branding image \(name) is missing from \(assets.path)")
            }
            return Array(data)
        }
        return IssuerContext(
            options: options, settings: settings, store: store,
            environment: IssuerEnvironment(store: store, now: ClockOverride.fromEnvironment(), keys: keys, documents: documents))
    }

    /// A database without its settings file: `attest init` was killed between the two, or the
    /// settings file was lost. Neither `init` nor any other command can go on, so say how out.
    static func halfMadeIssuer(_ options: DataOptions) -> String {
        "\(options.databasePath) exists but \(options.settingsPath) does not. If an attest init was interrupted, delete "
            + "\(options.databasePath) and the new key file in the key store, then run attest init again; if this issuer is in use, "
            + "restore \(options.settingsPath) as {\"keyStore\": \"/path/to/Keys\"}"
    }

    /// The issuer profile, which every opened store has.
    func issuer() async throws -> IssuerProfile {
        guard let issuer = try await store.read({ try $0.issuer() }) else { throw CLIError("\(options.data) holds no issuer") }
        return issuer
    }
}
