import CanonicalJSON
import Ed25519
import Foundation

extension OpenID4VCIIssuance {
    /// The answer of the credential and deferred credential endpoints.
    public enum CredentialResponse: Sendable, Hashable {
        /// The bound copy (HTTP 200, `credentials: [{credential}]`).
        case issued(JSONValue)
        /// Not yet: come back to the deferred endpoint with this id after `interval` seconds (HTTP 202).
        case deferred(transactionID: String, interval: Int)
    }

    /// The credential request (`credential_configuration_id`, `proofs`) with the access token: the
    /// key proof is checked, its nonce used, and the credential bound to the proven `did:key`
    /// comes back; a completion still in review answers with a `transaction_id` instead.
    /// - Throws: ``OpenID4VCIError`` (`invalid_token`, `invalid_credential_request`,
    ///   `unknown_credential_configuration`, `invalid_encryption_parameters`, `invalid_proof`,
    ///   `invalid_nonce`, `credential_request_denied`).
    public func requestCredential(accessToken: String?, body: JSONValue) async throws -> CredentialResponse {
        let now = environment.now()
        let offer = try await offer(accessToken: accessToken, now: now)
        guard offer.state == .redeemed, let expiresAt = offer.accessTokenExpiresAt, now < expiresAt else {
            throw OpenID4VCIError(.invalidToken, "the access token has expired or was used")
        }
        try Self.checkCredentialRequest(body)
        guard let issuer = try await environment.store.read({ try $0.issuer() }) else {
            throw IssuerError(.notInitialized, "the issuer is not set up")
        }
        let proof = try KeyProofVerifier(audience: issuer.baseURL, policy: policy).verify(proofs: body["proofs"], now: now)
        do {
            _ = try WalletCopies.holderKey(proof.holder)
        } catch {
            throw OpenID4VCIError(.invalidProof, "the proof's key is not an Ed25519 did:key")
        }
        switch try await deliverable(offer) {
        case .credential(let credentialID):
            return .issued(try await copy(credentialID, for: offer, proof: proof, from: .redeemed))
        case .pending:
            let transactionID = Self.secret()
            let policy = self.policy
            try await environment.store.write { transaction in
                try Self.consumeNonce(proof.nonce, at: now, in: transaction)
                guard var current = try transaction.credentialOffer(id: offer.id), current.state == .redeemed else {
                    throw OpenID4VCIError(.invalidToken, "the access token was used")
                }
                current.state = .deferred
                current.holderDID = proof.holder
                current.transactionIDHash = Self.hash(transactionID)
                current.transactionExpiresAt = now.addingTimeInterval(policy.deferredLifetime)
                try transaction.saveCredentialOffer(current)
            }
            return .deferred(transactionID: transactionID, interval: policy.deferredInterval)
        }
    }

    /// The deferred credential request (`transaction_id`) with the access token of the deferred
    /// credential request: `deferred` again while the completion waits for review, the bound
    /// copy once it is approved and signed. The transaction id stops working when the copy is handed out.
    /// - Throws: ``OpenID4VCIError`` `invalid_token`, `invalid_transaction_id`,
    ///   `credential_request_denied` (rejected in review, or the credential is not active).
    public func requestDeferred(accessToken: String?, body: JSONValue) async throws -> CredentialResponse {
        let now = environment.now()
        let offer = try await offer(accessToken: accessToken, now: now)
        guard body.objectValue != nil else { throw OpenID4VCIError(.invalidCredentialRequest, "the request body must be a JSON object") }
        guard body["credential_response_encryption"] == nil else {
            throw OpenID4VCIError(.invalidEncryptionParameters, "this issuer does not encrypt credential responses")
        }
        guard let transactionID = body["transaction_id"]?.stringValue, !transactionID.isEmpty else {
            throw OpenID4VCIError(.invalidCredentialRequest, "transaction_id is missing")
        }
        guard offer.state == .deferred, let expected = offer.transactionIDHash, let holder = offer.holderDID,
            constantTimeEquals(Array(Self.hash(transactionID).utf8), Array(expected.utf8))
        else { throw OpenID4VCIError(.invalidTransactionID, "the transaction_id is not known or was used") }
        guard let expiresAt = offer.transactionExpiresAt, now < expiresAt else {
            throw OpenID4VCIError(.invalidToken, "the deferred transaction has expired")
        }
        switch try await deliverable(offer) {
        case .credential(let credentialID):
            return .issued(try await copy(credentialID, for: offer, proof: nil, holder: holder, from: .deferred))
        case .pending:
            return .deferred(transactionID: transactionID, interval: policy.deferredInterval)
        }
    }

    /// Refuses an access token that belongs to no offer, before anything of the request is read:
    /// a caller without a token learns nothing about what the endpoint expects.
    /// - Throws: ``OpenID4VCIError`` `invalid_token`.
    public func authenticate(accessToken: String?) async throws {
        _ = try await offer(accessToken: accessToken, now: environment.now())
    }

    // MARK: Parts

    enum Deliverable { case credential(String), pending }

    /// The offer an access token belongs to.
    func offer(accessToken: String?, now: Date) async throws -> CredentialOfferRecord {
        guard let accessToken, !accessToken.isEmpty, accessToken.utf8.count <= 256 else {
            throw OpenID4VCIError(.invalidToken, "an access token (Authorization: Bearer) is required")
        }
        let hash = Self.hash(accessToken)
        guard let offer = try await environment.store.read({ try $0.credentialOffer(accessTokenHash: hash) }) else {
            throw OpenID4VCIError(.invalidToken, "the access token is not known")
        }
        return offer
    }

    /// Refuses what this issuer does not do; the one configuration it has must be named.
    static func checkCredentialRequest(_ body: JSONValue) throws {
        guard body.objectValue != nil else { throw OpenID4VCIError(.invalidCredentialRequest, "the request body must be a JSON object") }
        guard body["credential_response_encryption"] == nil else {
            throw OpenID4VCIError(.invalidEncryptionParameters, "this issuer does not encrypt credential responses")
        }
        guard body["credential_identifier"] == nil else {
            throw OpenID4VCIError(
                .invalidCredentialRequest,
                "credential_identifier is not used here (no authorization_details); send credential_configuration_id")
        }
        guard let configuration = body["credential_configuration_id"]?.stringValue else {
            throw OpenID4VCIError(.invalidCredentialRequest, "credential_configuration_id is missing")
        }
        guard configuration == configurationID else {
            throw OpenID4VCIError(.unknownCredentialConfiguration, "the credential configuration is not \(configurationID)")
        }
    }

    /// The credential an offer hands out now, or `pending` while its completion waits for review.
    func deliverable(_ offer: CredentialOfferRecord) async throws -> Deliverable {
        try await environment.store.read { reading -> Deliverable in
            switch offer.subject {
            case .credential(let id):
                return .credential(id)
            case .completion(let id):
                guard let completion = try reading.completion(id: id) else {
                    throw OpenID4VCIError(.credentialRequestDenied, "the completion no longer exists")
                }
                switch completion.state {
                case .held: return .pending
                case .rejected: throw OpenID4VCIError(.credentialRequestDenied, "the completion was rejected in review")
                case .issued:
                    guard
                        let current = try reading.currentCredentialSummary(
                            learnerID: completion.learnerID, programID: completion.event.programID)
                    else { throw OpenID4VCIError(.credentialRequestDenied, "the completion has no credential") }
                    // Approved but not signed yet (the documents are being made): still deferred.
                    if current.state == .pending || !current.isSigned { return .pending }
                    return .credential(current.id)
                }
            }
        }
    }

    /// The bound copy of `credentialID`, with the nonce (if any) used and the offer marked issued
    /// in the copy's own transaction.
    func copy(
        _ credentialID: String, for offer: CredentialOfferRecord, proof: KeyProofVerifier.Proof?, holder: String? = nil,
        from state: CredentialOfferState
    ) async throws -> JSONValue {
        let now = environment.now()
        guard let holder = proof?.holder ?? holder else { throw OpenID4VCIError(.invalidProof, "no holder") }
        do {
            return try await WalletCopies(environment: environment, actor: offer.createdBy).boundCopy(
                of: credentialID, holder: holder, via: .openID4VCI
            ) { transaction in
                if let proof { try Self.consumeNonce(proof.nonce, at: now, in: transaction) }
                guard var current = try transaction.credentialOffer(id: offer.id), current.state == state else {
                    throw OpenID4VCIError(state == .deferred ? .invalidTransactionID : .invalidToken, "the offer was used meanwhile")
                }
                current.state = .issued
                current.holderDID = holder
                try transaction.saveCredentialOffer(current)
            }
        } catch let error as IssuerError where error.code == .invalidState || error.code == .notFound {
            throw OpenID4VCIError(.credentialRequestDenied, error.reason)
        }
    }
}
