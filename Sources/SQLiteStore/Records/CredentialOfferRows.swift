import Foundation
import GRDB
import IssuerCore

/// The `credentialOffer` table: one OpenID4VCI offer, its secrets as SHA-256 hashes.
struct CredentialOfferRow: NamedColumnRecord {
    static let databaseTableName = "credentialOffer"
    static let columnNames = [
        "id", "codeHash", "learnerID", "credentialID", "completionID", "state", "createdAt", "expiresAt", "transactionCodeHash",
        "failedTransactionCodes", "accessTokenHash", "accessTokenExpiresAt", "transactionIDHash", "transactionExpiresAt", "holderDID",
        "createdBy",
    ]

    var id: String
    var codeHash: String
    var learnerID: String
    var credentialID: String?
    var completionID: String?
    var state: String
    var createdAt: Date
    var expiresAt: Date
    var transactionCodeHash: String?
    var failedTransactionCodes: Int
    var accessTokenHash: String?
    var accessTokenExpiresAt: Date?
    var transactionIDHash: String?
    var transactionExpiresAt: Date?
    var holderDID: String?
    var createdBy: String

    init(_ offer: CredentialOfferRecord) {
        id = offer.id
        codeHash = offer.codeHash
        learnerID = offer.learnerID
        credentialID = offer.credentialID
        completionID = offer.completionID
        state = offer.state.rawValue
        createdAt = offer.createdAt
        expiresAt = offer.expiresAt
        transactionCodeHash = offer.transactionCodeHash
        failedTransactionCodes = offer.failedTransactionCodes
        accessTokenHash = offer.accessTokenHash
        accessTokenExpiresAt = offer.accessTokenExpiresAt
        transactionIDHash = offer.transactionIDHash
        transactionExpiresAt = offer.transactionExpiresAt
        holderDID = offer.holderDID
        createdBy = offer.createdBy
    }

    func offer() throws -> CredentialOfferRecord {
        guard let state = CredentialOfferState(rawValue: state) else {
            throw IssuerError(.inconsistentStore, "credential offer \(id) has the unknown state \(state)")
        }
        let subject: CredentialOfferSubject
        switch (credentialID, completionID) {
        case (let credential?, nil): subject = .credential(id: credential)
        case (nil, let completion?): subject = .completion(id: completion)
        default: throw IssuerError(.inconsistentStore, "credential offer \(id) must name a credential or a completion")
        }
        var offer = CredentialOfferRecord(
            id: id, codeHash: codeHash, learnerID: learnerID, subject: subject, createdAt: createdAt, expiresAt: expiresAt,
            createdBy: createdBy)
        offer.state = state
        offer.transactionCodeHash = transactionCodeHash
        offer.failedTransactionCodes = failedTransactionCodes
        offer.accessTokenHash = accessTokenHash
        offer.accessTokenExpiresAt = accessTokenExpiresAt
        offer.transactionIDHash = transactionIDHash
        offer.transactionExpiresAt = transactionExpiresAt
        offer.holderDID = holderDID
        return offer
    }
}

/// The `walletNonce` table: the `c_nonce`s handed out, each good for one key proof.
struct WalletNonceRow: NamedColumnRecord {
    static let databaseTableName = "walletNonce"
    static let columnNames = ["value", "createdAt", "expiresAt", "usedAt"]

    var value: String
    var createdAt: Date
    var expiresAt: Date
    var usedAt: Date?

    init(_ nonce: WalletNonceRecord) {
        value = nonce.value
        createdAt = nonce.createdAt
        expiresAt = nonce.expiresAt
        usedAt = nonce.usedAt
    }

    var nonce: WalletNonceRecord { WalletNonceRecord(value: value, createdAt: createdAt, expiresAt: expiresAt, usedAt: usedAt) }
}
