import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// How a learner reached their credential when it was claimed.
public struct ClaimChannel: RawRepresentable, Sendable, Hashable {
    /// The name written to the audit entry and the webhook (`page`, `pdf`, `learnerPage`, …).
    public let rawValue: String
    /// A channel by name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The verification page, opened from the link in the learner's email.
    public static let page = ClaimChannel(rawValue: "page")
    /// The PDF download, from the link in the learner's email.
    public static let pdf = ClaimChannel(rawValue: "pdf")
    /// The learner's own page, reached through a magic link that already proved who they are.
    public static let learnerPage = ClaimChannel(rawValue: "learnerPage")
}

/// What ``CredentialClaims/recordClaim(credentialID:via:)`` did.
public enum ClaimOutcome: Sendable, Hashable {
    /// This was the first claim: `claimedAt` is now set, audited, and a `credential.claimed` webhook is queued.
    case recorded(at: Date)
    /// The credential was claimed before, at this moment; nothing changed.
    case alreadyClaimed(at: Date)
    /// The token does not belong to this credential (or the issuer has made no tokens yet); nothing changed.
    case invalidToken
    /// The credential is still being issued; nothing changed.
    case notClaimable
}

/// The claim tokens of learner links: `TOKEN = base64url(HMAC-SHA256(secret, credentialID))`,
/// where the secret is 32 random bytes the store keeps under ``secretName``, made on first use.
/// The token proves the link came from the learner's own email; it grants nothing else.
public struct ClaimTokens: Sendable {
    /// The name of the issuer secret that keys the tokens.
    public static let secretName = "claim-token"
    let store: any IssuerStore
    let random: any RandomSource

    /// Tokens over this store; `random` makes the secret the first time one is needed.
    public init(store: any IssuerStore, random: any RandomSource) {
        self.store = store
        self.random = random
    }

    /// The claim token for a credential, making the issuer's secret first if there is none.
    public func token(forCredentialID credentialID: String) async throws -> String {
        let existing = try await store.read { try $0.issuerSecret(name: Self.secretName) }
        if let existing { return Self.token(secret: existing, credentialID: credentialID) }
        let random = self.random
        let secret = try await store.write { transaction -> [UInt8] in
            // Another process may have made it meanwhile; the first one stays.
            if let made = try transaction.issuerSecret(name: Self.secretName) { return made }
            let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: random.next().bigEndian, Array.init) }
            try transaction.insertIssuerSecret(name: Self.secretName, value: bytes)
            return bytes
        }
        return Self.token(secret: secret, credentialID: credentialID)
    }

    /// Whether `token` is the claim token of `credentialID` (compared in constant time); `false`
    /// when the issuer has not made a secret yet, since then no token was ever sent.
    public func isValid(_ token: String, credentialID: String) async throws -> Bool {
        guard token.utf8.count == 43, let secret = try await store.read({ try $0.issuerSecret(name: Self.secretName) }) else {
            return false
        }
        return constantTimeEquals(Array(token.utf8), Array(Self.token(secret: secret, credentialID: credentialID).utf8))
    }

    static func token(secret: [UInt8], credentialID: String) -> String {
        Base64URL.encode(HMAC.sha256(key: secret, message: Array(credentialID.utf8)))
    }
}

/// Claim tracking: the first time the learner themself opens or downloads a credential is
/// recorded once (`CredentialRecord.claimedAt`), with an audit entry `credential.claimed` and a
/// `credential.claimed` webhook, in one transaction.
///
/// The public routes call ``recordClaim(credentialID:token:via:)`` with the `claim` query value
/// of links in the learner's email. Code that has proved who the learner is in another way (a
/// magic-link page) calls ``recordClaim(credentialID:via:)`` directly.
public struct CredentialClaims: Sendable {
    /// The store, clock, randomness and keys (the audit entry is signed).
    public let environment: IssuerEnvironment
    /// Who the audit entry names.
    public let actor: String

    /// Claims recorded as `actor` (default `learner`).
    public init(environment: IssuerEnvironment, actor: String = "learner") {
        self.environment = environment
        self.actor = actor
    }

    /// Checks `token` and records the claim when it is valid; an invalid token changes nothing.
    public func recordClaim(credentialID: String, token: String, via channel: ClaimChannel) async throws -> ClaimOutcome {
        let tokens = ClaimTokens(store: environment.store, random: environment.random)
        guard try await tokens.isValid(token, credentialID: credentialID) else { return .invalidToken }
        return try await recordClaim(credentialID: credentialID, via: channel)
    }

    /// Records that the learner has claimed the credential, if this is the first time. The caller
    /// vouches that the person is the learner.
    /// - Throws: `IssuerError` `notFound` for an unknown credential.
    public func recordClaim(credentialID: String, via channel: ClaimChannel) async throws -> ClaimOutcome {
        // Most views are repeats: answer them from a read, without a write or a signature.
        let current = try await environment.store.read { try $0.credentialSummary(id: credentialID) }
        guard let current else { throw IssuerError(.notFound, "there is no credential \(credentialID)") }
        if let claimedAt = current.claimedAt { return .alreadyClaimed(at: claimedAt) }
        if current.state == .pending { return .notClaimable }
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        return try await environment.store.write { transaction -> ClaimOutcome in
            guard var record = try transaction.credential(id: credentialID) else {
                throw IssuerError(.notFound, "there is no credential \(credentialID)")
            }
            // A second request may have won the race between the read and this transaction.
            if let claimedAt = record.claimedAt { return .alreadyClaimed(at: claimedAt) }
            record.claimedAt = recorder.at
            try transaction.updateCredential(record)
            try recorder.record("credential.claimed", subject: record.id, data: ["via": .string(channel.rawValue)], in: transaction)
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-" + random.identifier(length: 12), channel: .webhook, event: .credentialClaimed, subjectID: record.id,
                    recipient: nil, createdAt: recorder.at))
            try SchedulePlanner.planAfterClaim(of: record, claimedAt: recorder.at, random: random, in: transaction)
            return .recorded(at: recorder.at)
        }
    }
}
