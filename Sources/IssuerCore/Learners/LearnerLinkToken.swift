import Ed25519
import Foundation
import VerifiableCredentials

/// The token of a learner's magic link (`BASE/learner/{token}`): an email address and an expiry,
/// signed with one of the issuer's Ed25519 keys. Stateless: nothing is stored, a rotated key
/// keeps its links working (retired keys still verify), and a copy of the database cannot mint
/// one. The address is the subject, not a learner record, because one person reported by two
/// systems has two learner records but one mailbox.
///
/// Form: `v1.B64URL(email).EXPIRY.KEYID.B64URL(signature)`; the signature covers
/// `attest-learner-link\n` and the first four parts, so it can never pass for any other
/// signature the issuer makes.
public struct LearnerLinkToken: Sendable, Hashable {
    /// How long a link works.
    public static let lifetime: TimeInterval = 24 * 3600
    /// The outbox event of the email that carries a link (its `subjectID` is the token).
    public static let outboxEvent = "learner.link"

    /// The address the link was sent to, lower-cased.
    public let email: String
    /// The end of the link's life.
    public let expiresAt: Date
    /// The signing key's id (`key-2`).
    public let keyID: String
    /// The whole token as it appears in the URL.
    public let text: String

    /// A new token for `email`, valid for ``lifetime`` from `now`.
    public static func make(email: String, keyID: String, key: Ed25519PrivateKey, now: Date) throws -> LearnerLinkToken {
        let expiry = Int(now.addingTimeInterval(lifetime).timeIntervalSince1970)
        let signed = "v1.\(Base64URL.encode(Array(email.lowercased().utf8))).\(expiry).\(keyID)"
        let signature = try key.signature(for: Self.message(signed))
        return LearnerLinkToken(
            email: email.lowercased(), expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry)), keyID: keyID,
            text: signed + "." + Base64URL.encode(signature))
    }

    /// The token's parts, unchecked; `nil` when `text` is not shaped like a token.
    public static func parse(_ text: String) -> LearnerLinkToken? {
        guard text.utf8.count <= 600 else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "v1", let emailBytes = Base64URL.decode(parts[1]),
            let email = String(bytes: emailBytes, encoding: .utf8), let expiry = Int(parts[2]), !parts[3].isEmpty,
            parts[3].utf8.count <= 64, Base64URL.decode(parts[4])?.count == 64
        else { return nil }
        return LearnerLinkToken(email: email, expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry)), keyID: parts[3], text: text)
    }

    /// The token when its signature verifies with the named key among `keys` and it has not
    /// expired at `now`; `nil` otherwise (callers answer every failure the same way).
    public static func verify(_ text: String, keys: [SigningKeyRecord], now: Date) -> LearnerLinkToken? {
        guard let token = parse(text), now < token.expiresAt,
            let record = keys.first(where: { $0.id == token.keyID }),
            let publicKey = try? Multikey.decodePublicKey(record.publicKeyMultibase),
            let dot = text.lastIndex(of: "."), let signature = Base64URL.decode(String(text[text.index(after: dot)...]))
        else { return nil }
        return publicKey.isValidSignature(signature, for: message(String(text[..<dot]))) ? token : nil
    }

    private static func message(_ signed: String) -> [UInt8] { Array("attest-learner-link\n\(signed)".utf8) }
}
