import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: WalletExchangeWriting {
    func walletExchange(idHash: String) throws -> WalletExchangeRecord? {
        try WalletExchangeRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(WalletExchangeRow.columnList) FROM walletExchange WHERE idHash = ?"), arguments: [idHash])?
            .exchange()
    }

    func unexpiredWalletExchangeCount(credentialID: String, at now: Date) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM walletExchange WHERE credentialID = ? AND expiresAt > ?",
            arguments: [credentialID, DatabaseTimestamp.text(from: now)]) ?? 0
    }

    func saveWalletExchange(_ exchange: WalletExchangeRecord) throws {
        try WalletExchangeRow(exchange).save(db)
    }

    func deleteWalletExchanges(expiredBefore date: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM walletExchange WHERE expiresAt < ?", arguments: [DatabaseTimestamp.text(from: date)])
        return db.changesCount
    }
}
