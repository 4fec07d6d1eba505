import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow: credential offers,
/// the token endpoint's code exchange with a transaction code, nonces, and (in
/// `OpenID4VCIIssuance+Credential.swift`) the credential and deferred credential endpoints.
///
/// All state is in the store, so several `attest serve` instances on one database share it; each
/// step reads and changes an offer in one write transaction, so a code, a nonce or a transaction
/// id is used once however many instances race for it.
public struct OpenID4VCIIssuance: Sendable {
    /// The store, clock and keys.
    public let environment: IssuerEnvironment
    /// Lifetimes and limits.
    public let policy: OpenID4VCIPolicy

    /// The one credential configuration: the Open Badges 3.0 credential as `ldp_vc`.
    public static let configurationID = "OpenBadgeCredential_ldp_vc"
    /// The grant type of the pre-authorized code flow.
    public static let preAuthorizedGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
    /// The outbox event of the email with the transaction code.
    public static let outboxEvent = OutboxEvent.walletTransactionCode

    /// Issuance with `environment` under `policy`.
    public init(environment: IssuerEnvironment, policy: OpenID4VCIPolicy = OpenID4VCIPolicy()) {
        self.environment = environment
        self.policy = policy
    }

    /// A new offer and its pre-authorized code (shown once: the store keeps its hash).
    public struct CreatedOffer: Sendable {
        /// The offer as stored.
        public let offer: CredentialOfferRecord
        /// The pre-authorized code, also the last path segment of the offer's `credential_offer_uri`.
        public let code: String
    }

    /// An access token from the token endpoint.
    public struct AccessGrant: Sendable {
        /// The bearer token for the credential endpoint.
        public let token: String
        /// Its lifetime in seconds.
        public let expiresIn: Int
    }

    /// SHA-256 (lower-case hex) of a secret, the form the store keeps it in.
    public static func hash(_ secret: String) -> String { Hex.encode(SHA256.hash(Array(secret.utf8))) }

    /// 256 random bits as base64url: codes, tokens, transaction ids and nonces.
    static func secret() -> String { Base64URL.encode(SecureRandom.bytes(count: 32)) }

    // MARK: Offers

    /// Offers `subject` to the learner's wallet: a short-lived single-use pre-authorized code, and
    /// an email to the learner with the transaction code (made when the email is composed, see
    /// ``transactionCode(forOfferID:)``). A completion already issued offers its credential.
    /// - Throws: ``IssuerError`` `notFound`, or `invalidState` when the credential is not active
    ///   and signed, the completion is not held for review, or the learner has no address.
    /// - Parameter offerID: a fixed id (an offer made once for a VC-API exchange); an offer with
    ///   it already is refused with `duplicate`, so each such offer is made, and emailed, once.
    public func createOffer(for subject: CredentialOfferSubject, actor: String, offerID fixedID: String? = nil) async throws -> CreatedOffer
    {
        let recorder = try await environment.auditRecorder(actor: actor)
        let code = Self.secret()
        let offerID = fixedID ?? "oid4vci-" + environment.random.identifier(length: 16).lowercased()
        let messageID = "out-" + environment.random.identifier(length: 12)
        let policy = self.policy
        let offer = try await environment.store.write { transaction -> CredentialOfferRecord in
            if fixedID != nil, try transaction.credentialOffer(id: offerID) != nil {
                throw IssuerError(.duplicate, "the credential offer \(offerID) was made already")
            }
            let (resolved, learnerID) = try Self.offerable(subject, in: transaction, at: recorder.at)
            guard let learner = try transaction.learner(id: learnerID), !learner.email.isEmpty else {
                throw IssuerError(.invalidState, "the learner \(learnerID) has no email address for the transaction code")
            }
            let offer = CredentialOfferRecord(
                id: offerID, codeHash: Self.hash(code), learnerID: learnerID, subject: resolved, createdAt: recorder.at,
                expiresAt: recorder.at.addingTimeInterval(policy.codeLifetime), createdBy: actor)
            try transaction.saveCredentialOffer(offer)
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: messageID, channel: .email, event: Self.outboxEvent, subjectID: offerID, recipient: learner.email,
                    createdAt: recorder.at))
            let (kind, id) = resolved.credentialID.map { ("credential", $0) } ?? ("completion", resolved.completionID ?? "")
            try recorder.record(
                "wallet.offer", subject: id,
                data: [
                    "offer": .string(offerID), "protocol": .string(WalletProtocol.openID4VCI.rawValue), "kind": .string(kind),
                    "expiresAt": .string(DateTimeStamp.format(offer.expiresAt)),
                ], in: transaction)
            return offer
        }
        return CreatedOffer(offer: offer, code: code)
    }

    /// What may be offered, and whose it is: an active signed credential, or a held completion
    /// (an issued completion becomes its learner's current credential for the program).
    static func offerable(_ subject: CredentialOfferSubject, in reading: any IssuerReading, at now: Date) throws -> (
        CredentialOfferSubject, String
    ) {
        switch subject {
        case .credential(let id):
            guard let summary = try reading.credentialSummary(id: id) else { throw IssuerError(.notFound, "there is no credential \(id)") }
            guard summary.isSigned else { throw IssuerError(.invalidState, "credential \(id) is not signed yet") }
            try WalletCopies.requireCopyable(summary, at: now)
            return (subject, summary.learnerID)
        case .completion(let id):
            guard let completion = try reading.completion(id: id) else { throw IssuerError(.notFound, "there is no completion \(id)") }
            switch completion.state {
            case .held: return (subject, completion.learnerID)
            case .issued:
                guard
                    let current = try reading.currentCredentialSummary(
                        learnerID: completion.learnerID, programID: completion.event.programID)
                else { throw IssuerError(.invalidState, "completion \(id) has no current credential") }
                return try offerable(.credential(id: current.id), in: reading, at: now)
            case .rejected:
                throw IssuerError(.invalidState, "completion \(id) was rejected; there is nothing to offer")
            }
        }
    }

    /// The offer whose pre-authorized code is `code`, while the code still works (for the
    /// `credential_offer_uri`); `nil` when unknown, used, closed or expired.
    public func liveOffer(code: String) async throws -> CredentialOfferRecord? {
        let now = environment.now()
        let hash = Self.hash(code)
        let offer = try await environment.store.read { try $0.credentialOffer(codeHash: hash) }
        guard let offer, offer.state == .offered, now < offer.expiresAt else { return nil }
        return offer
    }

    /// Makes the transaction code of offer `offerID` (called when its email is composed) and keeps
    /// its hash; a code made before stops working. `nil` when the offer no longer waits for one.
    public func transactionCode(forOfferID offerID: String) async throws -> (code: String, offer: CredentialOfferRecord)? {
        let now = environment.now()
        let code = String((0..<policy.transactionCodeLength).map { _ in Character(String(environment.random.uniform(below: 10))) })
        return try await environment.store.write { transaction -> (String, CredentialOfferRecord)? in
            guard var offer = try transaction.credentialOffer(id: offerID), offer.state == .offered, now < offer.expiresAt else {
                return nil
            }
            offer.transactionCodeHash = Self.hash("\(offerID):\(code)")
            try transaction.saveCredentialOffer(offer)
            return (code, offer)
        }
    }

    // MARK: Token endpoint

    /// The token request of the pre-authorized code flow (`grant_type`, `pre-authorized_code`,
    /// `tx_code`): a single-use code and the emailed transaction code give a short-lived access
    /// token. A wrong transaction code counts; at the policy's limit the offer closes.
    /// - Throws: ``OpenID4VCIError`` `unsupported_grant_type`, `invalid_request` (a parameter
    ///   missing), `invalid_grant` (unknown, used, expired or closed code; wrong transaction code).
    public func redeem(grantType: String?, code: String?, transactionCode: String?) async throws -> AccessGrant {
        guard let grantType else { throw OpenID4VCIError(.invalidRequest, "grant_type is missing") }
        guard grantType == Self.preAuthorizedGrantType else {
            throw OpenID4VCIError(.unsupportedGrantType, "only the pre-authorized code grant is supported")
        }
        guard let code, !code.isEmpty, code.utf8.count <= 256 else {
            throw OpenID4VCIError(.invalidRequest, "pre-authorized_code is missing")
        }
        guard let transactionCode, !transactionCode.isEmpty else {
            throw OpenID4VCIError(.invalidRequest, "tx_code is missing; the offer asks for the code sent by email")
        }
        let now = environment.now()
        let token = Self.secret()
        let policy = self.policy
        let codeHash = Self.hash(code)
        // The failure is returned, not thrown, so the count of wrong codes commits.
        let failure = try await environment.store.write { transaction -> OpenID4VCIError? in
            guard var offer = try transaction.credentialOffer(codeHash: codeHash) else {
                return OpenID4VCIError(.invalidGrant, "the pre-authorized code is not known")
            }
            guard offer.state == .offered else {
                return OpenID4VCIError(.invalidGrant, "the pre-authorized code was used or the offer is closed")
            }
            guard now < offer.expiresAt else {
                return OpenID4VCIError(.invalidGrant, "the pre-authorized code has expired; ask for a new offer")
            }
            guard let expected = offer.transactionCodeHash else {
                return OpenID4VCIError(.invalidGrant, "the transaction code has not been sent yet; wait for the email")
            }
            let given = Self.hash("\(offer.id):\(transactionCode)")
            guard constantTimeEquals(Array(given.utf8), Array(expected.utf8)) else {
                offer.failedTransactionCodes += 1
                if offer.failedTransactionCodes >= policy.transactionCodeAttempts { offer.state = .closed }
                try transaction.saveCredentialOffer(offer)
                return OpenID4VCIError(
                    .invalidGrant,
                    offer.state == .closed ? "too many wrong transaction codes; the offer is closed" : "the transaction code is wrong")
            }
            offer.state = .redeemed
            offer.accessTokenHash = Self.hash(token)
            offer.accessTokenExpiresAt = now.addingTimeInterval(policy.accessTokenLifetime)
            try transaction.saveCredentialOffer(offer)
            return nil
        }
        if let failure { throw failure }
        return AccessGrant(token: token, expiresIn: Int(policy.accessTokenLifetime))
    }

    // MARK: Nonce endpoint

    /// A fresh `c_nonce`, stored so any instance can check it, good for one proof within the policy's lifetime.
    public func nonce() async throws -> WalletNonceRecord {
        let now = environment.now()
        let nonce = WalletNonceRecord(value: Self.secret(), createdAt: now, expiresAt: now.addingTimeInterval(policy.nonceLifetime))
        try await environment.store.write { transaction in
            try transaction.saveWalletNonce(nonce)
            // Old nonces and finished offers go as new ones come, so the tables stay small.
            if environment.random.uniform(below: 64) == 0 { try transaction.deleteStaleCredentialOffers(before: now) }
        }
        return nonce
    }

    /// Marks nonce `value` used; throws `invalid_nonce` when it is unknown, expired or used.
    static func consumeNonce(_ value: String, at now: Date, in transaction: any IssuerTransaction) throws {
        guard var nonce = try transaction.walletNonce(value), nonce.usedAt == nil, now < nonce.expiresAt else {
            throw OpenID4VCIError(.invalidNonce, "the proof's nonce is unknown, expired or used; get a new c_nonce")
        }
        nonce.usedAt = now
        try transaction.saveWalletNonce(nonce)
    }
}
