import ArgumentParser
import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import IssuerServer
import VerifiableCredentials

/// `attest api-keys`: keys for the HTTP API of `attest serve`.
struct APIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-keys", abstract: "Create, list, rotate and revoke API keys for attest serve.",
        subcommands: [APIKeysCreateCommand.self, APIKeysListCommand.self, APIKeysRotateCommand.self, APIKeysRevokeCommand.self])

    /// `90d`, `12h`, `30m` or an ISO 8601 duration (`P90D`), added to `now`; `nil` when unreadable.
    static func expiry(_ text: String, from now: Date) -> Date? {
        if let unit = text.last, let count = Int(text.dropLast()), count > 0 {
            switch unit {
            case "d": return now.addingTimeInterval(Double(count) * 86_400)
            case "h": return now.addingTimeInterval(Double(count) * 3_600)
            case "m": return now.addingTimeInterval(Double(count) * 60)
            default: break
            }
        }
        guard let duration = ISODuration(text) else { return nil }
        let end = duration.added(to: now)
        return end > now ? end : nil
    }
}

/// `attest api-keys create --role R --name N [--hmac-secret S] [--expires-in 90d] [--no-require-hmac]`:
/// prints the token once (on the last line).
struct APIKeysCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API key and print its token (shown only this once).",
        discussion: """
            Roles: admin (everything), issuer (read, change credentials, decide reviews), lms (post
            completion events only), viewer (read only). A key that requires signed events refuses
            unsigned ones with 401: X-Attest-Signature: t=UNIX_TIME,v1=HEX(HMAC-SHA256(secret, "t.body")).
            lms keys require them by default; without --hmac-secret a secret is made and printed once.
            The token is always the last line printed.
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

    @Option(help: "When the key stops working: 90d, 12h, 30m or an ISO 8601 duration (P90D). Default: never.")
    var expiresIn: String?

    @Option(
        help: ArgumentHelp(
            "When the key stops working: a date (2027-03-31, midnight UTC), a UTC time (2027-03-31T12:00:00Z), or a duration as for --expires-in.",
            valueName: "when"))
    var expires: String?

    @Option(
        name: .customLong("allow-ip"),
        help: ArgumentHelp(
            "Accept the key only from this address or CIDR block (IPv4 or IPv6; repeat for more). Default: from anywhere.",
            valueName: "cidr"))
    var allowIP: [String] = []

    @Flag(
        inversion: .prefixedNo,
        help: "Refuse unsigned events (401). Default: on for lms keys, off for the others.")
    var requireHmac: Bool?

    func validate() throws {
        guard APIRole(rawValue: role) != nil else { throw ValidationError("--role must be admin, issuer, lms or viewer") }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64 else { throw ValidationError("--name must be 1–64 characters") }
        if let hmacSecret, hmacSecret.utf8.count < 16 { throw ValidationError("--hmac-secret must be at least 16 characters") }
        if let expiresIn, APIKeysCommand.expiry(expiresIn, from: Date()) == nil {
            throw ValidationError("--expires-in must be like 90d, 12h, 30m or P90D")
        }
        if expires != nil, expiresIn != nil { throw ValidationError("give --expires or --expires-in, not both") }
        if let expires, APIKeysCommand.expiryDate(expires, from: Date()) == nil {
            throw ValidationError("--expires must be a future date (2027-03-31), UTC time (2027-03-31T12:00:00Z) or duration (90d, P90D)")
        }
        do { _ = try APIKeyRecord.allowList(allowIP) } catch let error as IssuerError {
            throw ValidationError("--allow-ip: \(error.reason)")
        }
    }

    func run() async throws {
        let context = try await IssuerContext.open(data)
        let role = APIRole(rawValue: role)!
        let now = context.environment.now()
        let requiresHMAC = requireHmac ?? (role == .lms)
        var secret = try resolvedHMACSecret()
        var madeSecret = false
        if requiresHMAC, secret == nil {
            secret = "hs_" + Hex.encode(SecureRandom.bytes(count: 24))
            madeSecret = true
        }
        let token = APIKeyToken.generate()
        let record = APIKeyToken.record(
            name: name.trimmingCharacters(in: .whitespaces), role: role, token: token, hmacSecret: secret, requiresHMAC: requiresHMAC,
            expiresAt: expiresIn.flatMap { APIKeysCommand.expiry($0, from: now) }
                ?? expires.flatMap { APIKeysCommand.expiryDate($0, from: now) },
            allowedNetworks: try APIKeyRecord.allowList(allowIP), random: context.environment.random, now: now)
        try await IssuerAdministration(environment: context.environment, actor: "cli").createAPIKey(record)
        var summary = "Created API key \(record.id) \"\(record.name)\" (\(record.role.rawValue))"
        if let expiresAt = record.expiresAt { summary += ", expires \(Self.format(expiresAt))" }
        if !record.allowedNetworks.isEmpty { summary += ", only from \(record.allowedNetworks.map(\.description).joined(separator: " "))" }
        if requiresHMAC { summary += ", events must be signed" }
        print(summary + ".")
        if madeSecret, let secret {
            print("HMAC secret for X-Attest-Signature (shown only now): \(secret)")
        }
        print("The token is shown only now:")
        print(token)
    }

    /// The HMAC secret from `--hmac-secret`, `--hmac-secret-file` or the variable `--hmac-secret-env`
    /// names, so it need not appear on the command line; nil when none is given.
    func resolvedHMACSecret() throws -> String? {
        let secret = try SecretSource.resolve(option: "--hmac-secret", value: hmacSecret, file: hmacSecretFile, environment: hmacSecretEnv)
        if let hmacSecretEnv, secret == nil { throw CLIError("the environment variable \(hmacSecretEnv) holds no HMAC secret") }
        if let secret, secret.utf8.count < 16 { throw ValidationError("the HMAC secret must be at least 16 characters") }
        return secret
    }

    static func format(_ date: Date) -> String {
        DateTimeStamp.format(date)
    }
}

/// `attest api-keys list`: ids, roles, names, state, expiry, last use and signing (never tokens or secrets).
struct APIKeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List API keys (id, role, name, state, expiry, last use and address, allow-list, signing).",
        discussion: "An lms key marked no-hmac accepts unsigned events: anyone holding its token can report completions.")

    @OptionGroup var data: DataOptions

    func run() async throws {
        let context = try await IssuerContext.open(data)
        let now = context.environment.now()
        for key in try await context.store.read({ try $0.apiKeys() }) {
            print(Self.line(key, now: now))
        }
    }

    static func line(_ key: APIKeyRecord, now: Date) -> String {
        var parts = [key.id, key.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0), key.name]
        parts.append(key.revokedAt != nil ? "revoked" : key.isUsable(at: now) ? "active" : "expired")
        if let expiresAt = key.expiresAt { parts.append("expires=\(APIKeysCreateCommand.format(expiresAt))") }
        parts.append("last-used=\(key.lastUsedAt.map(APIKeysCreateCommand.format) ?? "never")")
        if let address = key.lastUsedAddress { parts.append("last-address=\(address)") }
        parts.append("allow-ip=\(key.allowedNetworks.isEmpty ? "any" : key.allowedNetworks.map(\.description).joined(separator: ","))")
        if let until = key.previousTokenValidUntil, key.acceptsPreviousToken(at: now) {
            parts.append("old-token-until=\(APIKeysCreateCommand.format(until))")
        }
        if key.hmacSecret != nil {
            parts.append("hmac")
        } else if key.role == .lms || key.requiresHMAC {
            parts.append(key.requiresHMAC ? "no-hmac (refuses every event)" : "no-hmac")
        }
        return parts.joined(separator: "  ")
    }
}

/// `attest api-keys revoke ID`: the key is refused from the next request on, also by a running server.
struct APIKeysRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an API key; a running server refuses it from the next request on.")

    @OptionGroup var data: DataOptions

    @Argument(help: "The key's id (ak-…), as attest api-keys list shows it.")
    var id: String

    func run() async throws {
        let context = try await IssuerContext.open(data)
        let key = try await IssuerAdministration(environment: context.environment, actor: "cli").revokeAPIKey(id: id)
        print("Revoked API key \(key.id) \"\(key.name)\" (\(key.role.rawValue)).")
    }
}
