import Foundation

/// What an OpenID4VCI credential offer hands out: an issued credential, or a completion that waits
/// in the review queue (the wallet is then told to come back: deferred issuance).
public enum CredentialOfferSubject: Sendable, Hashable {
    /// A signed credential, copied into the wallet bound to the holder's DID.
    case credential(id: String)
    /// A completion held for review; its credential goes to the wallet once a reviewer approves.
    case completion(id: String)
}

/// Where an offer is on its way from the email to the wallet. Each step happens once.
public enum CredentialOfferState: String, Codable, Sendable, CaseIterable {
    /// The pre-authorized code waits for its token request.
    case offered
    /// The code was exchanged for an access token; the wallet may ask for the credential.
    case redeemed
    /// The credential request was answered with a `transaction_id`: the completion waits for review.
    case deferred
    /// The bound copy went to the wallet; nothing more is handed out for this offer.
    case issued
    /// Refused for good: too many wrong transaction codes, or the review rejected the completion.
    case closed
}

/// One OpenID4VCI credential offer as stored. Every secret in it is kept as its SHA-256 hash
/// (lower-case hex): the pre-authorized code, the transaction code, the access token and the
/// deferred `transaction_id`; the values themselves exist only in the offer URL, the email, and
/// the wallet.
public struct CredentialOfferRecord: Sendable, Hashable {
    /// A random public id (the subject of the transaction-code email and of the audit entries).
    public var id: String
    /// SHA-256 of the pre-authorized code, which is also the last segment of `credential_offer_uri`.
    public var codeHash: String
    /// The learner the credential is about; the transaction code goes to their address.
    public var learnerID: String
    /// The credential or held completion offered.
    public var subject: CredentialOfferSubject
    /// How far the offer got.
    public var state: CredentialOfferState
    /// When it was made.
    public var createdAt: Date
    /// When the pre-authorized code stops working.
    public var expiresAt: Date
    /// SHA-256 of `id:transactionCode`, set when the email is composed; `nil` before (no token then).
    public var transactionCodeHash: String?
    /// Wrong transaction codes so far; at the policy's limit the offer closes.
    public var failedTransactionCodes: Int
    /// SHA-256 of the access token the code was exchanged for.
    public var accessTokenHash: String?
    /// When that access token stops working at the Credential Endpoint.
    public var accessTokenExpiresAt: Date?
    /// SHA-256 of the deferred `transaction_id`.
    public var transactionIDHash: String?
    /// When the deferred transaction (and the access token at the Deferred Credential Endpoint) ends.
    public var transactionExpiresAt: Date?
    /// The wallet's DID, proven by the key proof of the credential request.
    public var holderDID: String?
    /// Who made the offer, as the audit trail names them (`learner:…`, `api:…`).
    public var createdBy: String

    /// A new offer in state ``CredentialOfferState/offered``.
    public init(
        id: String, codeHash: String, learnerID: String, subject: CredentialOfferSubject, createdAt: Date, expiresAt: Date,
        createdBy: String
    ) {
        self.id = id
        self.codeHash = codeHash
        self.learnerID = learnerID
        self.subject = subject
        self.state = .offered
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.transactionCodeHash = nil
        self.failedTransactionCodes = 0
        self.accessTokenHash = nil
        self.accessTokenExpiresAt = nil
        self.transactionIDHash = nil
        self.transactionExpiresAt = nil
        self.holderDID = nil
        self.createdBy = createdBy
    }

    /// The id of the credential offered, or `nil` for a held completion.
    public var credentialID: String? { subject.credentialID }

    /// The id of the held completion offered, or `nil` for a credential.
    public var completionID: String? { subject.completionID }
}

extension CredentialOfferSubject {
    /// The id of the credential, or `nil` for a held completion.
    public var credentialID: String? {
        if case .credential(let id) = self { return id }
        return nil
    }

    /// The id of the held completion, or `nil` for a credential.
    public var completionID: String? {
        if case .completion(let id) = self { return id }
        return nil
    }
}

/// A `c_nonce` from the Nonce Endpoint: unpredictable, short-lived, good for one key proof.
public struct WalletNonceRecord: Sendable, Hashable {
    /// The nonce itself (not a secret: it only has to be fresh and used once).
    public var value: String
    /// When it was handed out.
    public var createdAt: Date
    /// When it stops being accepted.
    public var expiresAt: Date
    /// When a key proof used it; a used nonce is refused.
    public var usedAt: Date?

    /// A nonce record.
    public init(value: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.value = value
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}
