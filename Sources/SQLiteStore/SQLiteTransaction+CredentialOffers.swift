import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: CredentialOfferWriting {
    func credentialOffer(id: String) throws -> CredentialOfferRecord? {
        try offer(where: "id", is: id)
    }

    func credentialOffer(codeHash: String) throws -> CredentialOfferRecord? {
        try offer(where: "codeHash", is: codeHash)
    }

    func credentialOffer(accessTokenHash: String) throws -> CredentialOfferRecord? {
        try offer(where: "accessTokenHash", is: accessTokenHash)
    }

    func credentialOffer(transactionIDHash: String) throws -> CredentialOfferRecord? {
        try offer(where: "transactionIDHash", is: transactionIDHash)
    }

    func walletNonce(_ value: String) throws -> WalletNonceRecord? {
        try WalletNonceRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(WalletNonceRow.columnList) FROM walletNonce WHERE value = ?"), arguments: [value])?.nonce
    }

    func saveCredentialOffer(_ offer: CredentialOfferRecord) throws {
        do {
            try CredentialOfferRow(offer).save(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw IssuerError(.duplicate, "another credential offer has the same code, token or transaction id")
        }
    }

    func saveWalletNonce(_ nonce: WalletNonceRecord) throws {
        try WalletNonceRow(nonce).save(db)
    }

    func deleteStaleCredentialOffers(before date: Date) throws {
        let cutoff = DatabaseTimestamp.text(from: date)
        try db.execute(sql: "DELETE FROM walletNonce WHERE expiresAt < ?", arguments: [cutoff])
        try db.execute(
            sql: """
                DELETE FROM credentialOffer WHERE expiresAt < ?1
                    AND coalesce(accessTokenExpiresAt, expiresAt) < ?1 AND coalesce(transactionExpiresAt, expiresAt) < ?1
                """, arguments: [cutoff])
    }

    /// The offer whose `column` (a fixed name, never input) holds `value`.
    private func offer(where column: String, is value: String) throws -> CredentialOfferRecord? {
        try CredentialOfferRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(CredentialOfferRow.columnList) FROM credentialOffer WHERE \(column) = ?"), arguments: [value])?
            .offer()
    }
}
