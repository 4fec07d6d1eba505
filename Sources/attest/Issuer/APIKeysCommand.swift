import ArgumentParser
import Foundation
import IssuerCore
import IssuerServer

/// `attest api-keys`: keys for the HTTP API of `attest serve`.
struct APIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-keys", abstract: "Create and list API keys for attest serve.",
        subcommands: [APIKeysCreateCommand.self, APIKeysListCommand.self])
}

/// `attest api-keys create --role R --name N [--hmac-secret S]`: prints the token once.
struct APIKeysCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API key and print its token (shown only this once).",
        discussion: """
            Roles: admin (everything), issuer (read, change credentials, decide reviews), lms (post
            completion events only), viewer (read only). With --hmac-secret an LMS key must sign
            each event: X-Attest-Signature: t=UNIX_TIME,v1=HEX(HMAC-SHA256(secret, "t.body")).
            """)

    @OptionGroup var data: DataOptions

    @Option(help: "admin, issuer, lms or viewer.")
    var role: String

    @Option(help: "A name for the key, e.g. the LMS it belongs to; events it posts carry it as their source.")
    var name: String

    @Option(help: "A shared secret the LMS signs its events with (at least 16 characters).")
    var hmacSecret: String?

    @Option(help: ArgumentHelp("Read the HMAC secret from the first line of this file (keeps it out of ps).", valueName: "file"))
    var hmacSecretFile: String?

    @Option(help: ArgumentHelp("Read the HMAC secret from this environment variable.", valueName: "name"))
    var hmacSecretEnv: String?

    func validate() throws {
        guard APIRole(rawValue: role) != nil else { throw ValidationError("--role must be admin, issuer, lms or viewer") }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64 else { throw ValidationError("--name must be 1–64 characters") }
        if let hmacSecret, hmacSecret.utf8.count < 16 { throw ValidationError("--hmac-secret must be at least 16 characters") }
    }

    func run() async throws {
        let context = try IssuerContext.open(data)
        let token = APIKeyToken.generate()
        let record = APIKeyToken.record(
            name: name.trimmingCharacters(in: .whitespaces), role: APIRole(rawValue: role)!, token: token, hmacSecret: try resolvedHMACSecret(),
            random: context.environment.random, now: context.environment.now())
        try await context.store.write { try $0.saveAPIKey(record) }
        print("Created API key \(record.id) \"\(record.name)\" (\(record.role.rawValue)). The token is shown only now:")
        print(token)
    }
}

/// `attest api-keys list`: ids, names and roles (never tokens).
struct APIKeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List API keys (ids, names, roles).")

    @OptionGroup var data: DataOptions

    func run() async throws {
        let context = try IssuerContext.open(data)
        for key in try await context.store.read({ try $0.apiKeys() }) {
            let signed = key.hmacSecret == nil ? "" : "  hmac"
            let revoked = key.revokedAt == nil ? "" : "  revoked"
            print("\(key.id)  \(key.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(key.name)\(signed)\(revoked)")
        }
    }
}
