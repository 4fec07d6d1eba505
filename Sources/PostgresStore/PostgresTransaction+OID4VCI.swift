import Foundation
import IssuerCore
import PostgresNIO

// OpenID4VCI offers and nonces (``IssuerCore/CredentialOfferWriting``), as SQLiteTransaction+CredentialOffers.
extension PostgresTransaction {
    private static let offerColumns = """
        id, codeHash, learnerID, credentialID, completionID, state, createdAt, expiresAt, transactionCodeHash, failedTransactionCodes,
        accessTokenHash, accessTokenExpiresAt, transactionIDHash, transactionExpiresAt, holderDID, createdBy
        """

    private static func credentialOffer(_ row: PostgresRowReader) throws -> CredentialOfferRecord {
        var row = row
        let id = try row(String.self)
        let codeHash: String = try row()
        let learnerID: String = try row()
        let credentialID: String? = try row.optional()
        let completionID: String? = try row.optional()
        let state = try named(try row(), as: CredentialOfferState.self, of: "credential offer \(id)", column: "state")
        let subject: CredentialOfferSubject
        switch (credentialID, completionID) {
        case (let credential?, nil): subject = .credential(id: credential)
        case (nil, let completion?): subject = .completion(id: completion)
        default: throw IssuerError(.inconsistentStore, "credential offer \(id) must name a credential or a completion")
        }
        let createdAt = try row.date()
        let expiresAt = try row.date()
        let transactionCodeHash: String? = try row.optional()
        let failed = try row.int()
        let accessTokenHash: String? = try row.optional()
        let accessTokenExpiresAt = try row.optionalDate()
        let transactionIDHash: String? = try row.optional()
        let transactionExpiresAt = try row.optionalDate()
        let holderDID: String? = try row.optional()
        let createdBy: String = try row()
        var offer = CredentialOfferRecord(
            id: id, codeHash: codeHash, learnerID: learnerID, subject: subject, createdAt: createdAt, expiresAt: expiresAt,
            createdBy: createdBy)
        offer.state = state
        offer.transactionCodeHash = transactionCodeHash
        offer.failedTransactionCodes = failed
        offer.accessTokenHash = accessTokenHash
        offer.accessTokenExpiresAt = accessTokenExpiresAt
        offer.transactionIDHash = transactionIDHash
        offer.transactionExpiresAt = transactionExpiresAt
        offer.holderDID = holderDID
        return offer
    }

    /// The offer whose `column` (a fixed name, never input) holds `value`.
    private func credentialOffer(where column: String, is value: String) throws -> CredentialOfferRecord? {
        try row("SELECT \(Self.offerColumns) FROM credentialOffer WHERE \(column) = $1", [value]).map(Self.credentialOffer)
    }

    func credentialOffer(id: String) throws -> CredentialOfferRecord? { try credentialOffer(where: "id", is: id) }
    func credentialOffer(codeHash: String) throws -> CredentialOfferRecord? { try credentialOffer(where: "codeHash", is: codeHash) }
    func credentialOffer(accessTokenHash: String) throws -> CredentialOfferRecord? {
        try credentialOffer(where: "accessTokenHash", is: accessTokenHash)
    }
    func credentialOffer(transactionIDHash: String) throws -> CredentialOfferRecord? {
        try credentialOffer(where: "transactionIDHash", is: transactionIDHash)
    }

    func walletNonce(_ value: String) throws -> WalletNonceRecord? {
        guard var row = try row("SELECT value, createdAt, expiresAt, usedAt FROM walletNonce WHERE value = $1", [value]) else { return nil }
        return WalletNonceRecord(value: try row(), createdAt: try row.date(), expiresAt: try row.date(), usedAt: try row.optionalDate())
    }

    func saveCredentialOffer(_ offer: CredentialOfferRecord) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO credentialOffer (\(Self.offerColumns))
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                ON CONFLICT (id) DO UPDATE SET codeHash = excluded.codeHash, learnerID = excluded.learnerID,
                    credentialID = excluded.credentialID, completionID = excluded.completionID, state = excluded.state,
                    createdAt = excluded.createdAt, expiresAt = excluded.expiresAt, transactionCodeHash = excluded.transactionCodeHash,
                    failedTransactionCodes = excluded.failedTransactionCodes, accessTokenHash = excluded.accessTokenHash,
                    accessTokenExpiresAt = excluded.accessTokenExpiresAt, transactionIDHash = excluded.transactionIDHash,
                    transactionExpiresAt = excluded.transactionExpiresAt, holderDID = excluded.holderDID, createdBy = excluded.createdBy
                """,
                [
                    offer.id, offer.codeHash, offer.learnerID, offer.credentialID, offer.completionID, offer.state.rawValue,
                    offer.createdAt,
                    offer.expiresAt, offer.transactionCodeHash, offer.failedTransactionCodes, offer.accessTokenHash,
                    offer.accessTokenExpiresAt, offer.transactionIDHash, offer.transactionExpiresAt, offer.holderDID, offer.createdBy,
                ])
        } explain: {
            IssuerError(.duplicate, "another credential offer has the same code, token or transaction id")
        }
    }

    func saveWalletNonce(_ nonce: WalletNonceRecord) throws {
        try execute(
            """
            INSERT INTO walletNonce (value, createdAt, expiresAt, usedAt) VALUES ($1, $2, $3, $4)
            ON CONFLICT (value) DO UPDATE SET createdAt = excluded.createdAt, expiresAt = excluded.expiresAt, usedAt = excluded.usedAt
            """, [nonce.value, nonce.createdAt, nonce.expiresAt, nonce.usedAt])
    }

    func deleteStaleCredentialOffers(before date: Date) throws {
        try execute("DELETE FROM walletNonce WHERE expiresAt < $1", [date])
        try execute(
            """
            DELETE FROM credentialOffer WHERE expiresAt < $1
                AND coalesce(accessTokenExpiresAt, expiresAt) < $1 AND coalesce(transactionExpiresAt, expiresAt) < $1
            """, [date])
    }
}
