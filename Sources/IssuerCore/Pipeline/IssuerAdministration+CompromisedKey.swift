import CanonicalJSON
import Foundation
import VerifiableCredentials

/// What ``IssuerAdministration/retireCompromisedKey(_:since:)`` did.
public struct KeyCompromiseOutcome: Sendable, Hashable {
    /// The compromised key's id (`key-1`).
    public var keyID: String
    /// The compromise time in force (the earliest ever given for this key), whole seconds.
    public var since: Date
    /// Credentials the key signed before `since`, each with the id of its reissued version.
    public var reissued: [Reissue]
    /// Credentials the key signed at or after `since`: revoked.
    public var revoked: [String]
    /// Credentials it signed that were expired: left as they are (a verifier refuses them anyway).
    public var expired: [String]

    /// One reissued credential.
    public struct Reissue: Sendable, Hashable {
        /// The credential the compromised key signed (now superseded).
        public var old: String
        /// Its new version, signed by the active key.
        public var new: String
    }
}

extension IssuerAdministration {
    /// The revocation reason of a credential signed by a compromised key after it leaked.
    public static func compromisedKeyReason(keyID: String, since: Date) -> String {
        "signed by the compromised key \(keyID) after its compromise time \(DateTimeStamp.format(since))"
    }

    /// Marks a retired key compromised since `since` and deals with everything it signed, each step
    /// audited, so that verifiers who know nothing of Attest reach the right verdict:
    ///
    /// 1. The key leaves the DID document's `assertionMethod` and is published with `revoked`
    ///    (see ``IssuerProfile/didDocument(keys:)``), so every verifier refuses whatever it
    ///    signed, forgeries included, whatever date they carry. Every status list is re-signed by
    ///    the active key, since lists the compromised key signed would no longer verify.
    /// 2. Each active or suspended credential it signed before `since` is reissued under the active
    ///    key (the learner is sent the new version; a suspended one stays suspended).
    /// 3. Each one it signed at or after `since` is revoked, its reason naming the key and the time:
    ///    it may have been made by whoever held the key.
    ///
    /// Running it again finishes an interrupted run; a later `since` than the recorded one changes
    /// nothing (the earliest wins), an earlier one widens what is revoked.
    /// - Throws: ``IssuerError`` `notFound` (no such key), `activeKey` (rotate first),
    ///   `invalidRequest` (`since` in the future).
    public func retireCompromisedKey(_ keyID: String, since requested: Date) async throws -> KeyCompromiseOutcome {
        let now = environment.now()
        let requested = Date(timeIntervalSince1970: requested.timeIntervalSince1970.rounded(.down))
        guard requested <= now else {
            throw IssuerError(.invalidRequest, "the compromise time \(DateTimeStamp.format(requested)) is in the future")
        }
        let signing = try await environment.activeSigningKey()
        guard signing.record.id != keyID else {
            throw IssuerError(.activeKey, "\(keyID) is the active signing key: make a new one first (attest keys rotate), then retire it")
        }
        let recorder = AuditRecorder(keyID: signing.record.id, key: signing.key, actor: actor, at: now)
        let (since, methodID) = try await environment.store.write { transaction in
            guard var key = try transaction.signingKeys().first(where: { $0.id == keyID }) else {
                throw IssuerError(.notFound, "there is no signing key \(keyID)")
            }
            guard let issuer = try transaction.issuer() else { throw IssuerError(.notInitialized, "the issuer is not set up") }
            if key.compromisedSince.map({ requested < $0 }) ?? true {
                key.compromisedSince = requested
                key.retiredAt = key.retiredAt ?? now
                try transaction.saveSigningKey(key)
                try recorder.record(
                    "key.compromised", subject: keyID,
                    data: [
                        "since": .string(DateTimeStamp.format(requested)), "publicKeyMultibase": .string(key.publicKeyMultibase),
                        "activeKey": .string(signing.record.id),
                    ],
                    in: transaction)
            }
            let publisher = StatusListPublisher(issuer: issuer, signingKeyID: signing.record.id, signingKey: signing.key, now: now)
            for list in try transaction.statusLists(purpose: nil) { try publisher.republish(list, in: transaction) }
            return (key.compromisedSince ?? requested, "\(issuer.did)#\(keyID)")
        }
        let signed = try await environment.store.read { reading in
            // Only each signed JSON is read, never the PDFs.
            try reading.credentialSummaries(filter: CredentialFilter(states: [.active, .suspended]))
                .filter { Self.signingMethods(of: try reading.credentialDocument(.json, credentialID: $0.id)).contains(methodID) }
                .sorted { ($0.issuedAt, $0.id) < ($1.issuedAt, $1.id) }
        }
        var outcome = KeyCompromiseOutcome(keyID: keyID, since: since, reissued: [], revoked: [], expired: [])
        let changes = CredentialChanges(environment: environment, actor: actor)
        for record in signed {
            if record.issuedAt >= since {
                try await changes.revoke(record.id, reason: Self.compromisedKeyReason(keyID: keyID, since: since))
                outcome.revoked.append(record.id)
            } else if let validUntil = record.validUntil, validUntil <= now {
                outcome.expired.append(record.id)
            } else {
                let new = try await changes.reissue(record.id)
                if record.state == .suspended {
                    try await changes.suspend(new.id, reason: record.stateReason)
                }
                outcome.reissued.append(.init(old: record.id, new: new.id))
            }
        }
        return outcome
    }

    /// The `verificationMethod` of each proof of a stored credential.
    static func signingMethods(of credentialJSON: Data?) -> [String] {
        guard let credentialJSON, let credential = try? JSONValue.parse(bytes: Array(credentialJSON)) else { return [] }
        let proofs = credential["proof"].map { $0.arrayValue ?? [$0] } ?? []
        return proofs.compactMap { $0["verificationMethod"]?.stringValue }
    }
}
