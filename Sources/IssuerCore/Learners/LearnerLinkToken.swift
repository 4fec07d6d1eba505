import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// The token of a learner's magic link (`BASE/learner/{token}`): the address it was sent to and 32
/// random bytes. Only its SHA-256 is stored (``LearnerLinkRecord``), one per address, so a new link
/// or a sign-out ends the one before, and neither a database reader nor an API key can use one.
/// It is made when the email is composed (``LearnerLinks/issue(to:)``), never when it is queued:
/// the outbox row holds the address, not the token.
///
/// Form: `v2.B64URL(email).B64URL(32 random bytes)`. The address is the subject, not a learner
/// record, because one person reported by two systems has two learner records but one mailbox.
public struct LearnerLinkToken: Sendable, Hashable {
    /// How long a link works after it is sent: 1 hour.
    public static let lifetime: TimeInterval = 3600
    /// The flood window: one link request per address per 10 minutes queues an email; more
    /// requests inside the window are answered alike and send nothing.
    public static let requestWindow: TimeInterval = 600
    /// The outbox event of the email that carries a link (its `recipient` is the address; the token
    /// is made when the email is composed).
    public static let outboxEvent = OutboxEvent.learnerLink

    /// The address the link was sent to, lower-cased.
    public let email: String
    /// The whole token as it appears in the URL.
    public let text: String
    /// The end of the link's life (from the store when verified).
    public let expiresAt: Date

    /// A new token for `email`, working until `expiresAt`.
    static func make(email: String, expiresAt: Date) -> LearnerLinkToken {
        let lowered = email.lowercased()
        let text = "v2.\(Base64URL.encode(Array(lowered.utf8))).\(Base64URL.encode(SecureRandom.bytes(count: 32)))"
        return LearnerLinkToken(email: lowered, text: text, expiresAt: expiresAt)
    }

    /// The address a token names, unchecked; `nil` when `text` is not shaped like a token.
    public static func address(in text: String) -> String? {
        guard text.utf8.count <= 600 else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "v2", let emailBytes = Base64URL.decode(parts[1]),
            let email = String(bytes: emailBytes, encoding: .utf8), !email.isEmpty, Base64URL.decode(parts[2])?.count == 32
        else { return nil }
        return email
    }

    /// Lower-case hex SHA-256 of a token's text, what the store keeps.
    static func hash(_ text: String) -> String {
        Hex.encode(SHA256.hash(Array(text.utf8)))
    }
}
