import CanonicalJSON
import Ed25519
import Foundation

/// Appends signed, hash-chained audit entries inside a transaction.
struct AuditRecorder: Sendable {
    let keyID: String
    let key: Ed25519PrivateKey
    let actor: String
    let at: Date

    /// Appends one entry after the last; needs only the audit part of the store.
    func record(_ kind: String, subject: String, data: JSONValue = [:], in transaction: any AuditWriting) throws {
        let entry = try AuditEntry.make(
            after: try transaction.lastAuditEntry(), at: at, kind: kind, actor: actor, subject: subject, data: data, keyID: keyID, key: key)
        try transaction.appendAuditEntry(entry)
    }
}

extension IssuerEnvironment {
    /// The active signing key record and its private key.
    func activeSigningKey() async throws -> (record: SigningKeyRecord, key: Ed25519PrivateKey) {
        let records = try await store.read { try $0.signingKeys() }
        guard let active = records.last(where: { $0.retiredAt == nil }) else {
            throw IssuerError(.noSigningKey, "the issuer has no active signing key; run attest init or attest keys rotate")
        }
        return (active, try keys.privateKey(for: active))
    }

    /// A recorder for one operation by `actor`.
    func auditRecorder(actor: String) async throws -> AuditRecorder {
        let active = try await activeSigningKey()
        return AuditRecorder(keyID: active.record.id, key: active.key, actor: actor, at: now())
    }
}
