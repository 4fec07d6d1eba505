import Foundation
import IssuerCore
import PostgresNIO

// Wallet exchanges (``IssuerCore/WalletExchangeWriting``), as SQLiteTransaction+WalletExchanges.
extension PostgresTransaction: WalletExchangeWriting {
    private static let exchangeColumns = """
        idHash, credentialID, protocol, actor, createdAt, expiresAt, state, challenge, challengeExpiresAt, holder, completedAt
        """

    private static func exchange(_ row: PostgresRowReader) throws -> WalletExchangeRecord {
        var row = row
        let idHash: String = try row()
        let credentialID: String = try row()
        let walletProtocol = try named(try row(), as: WalletProtocol.self, of: "wallet exchange \(idHash.prefix(12))", column: "protocol")
        let actor: String = try row()
        let createdAt = try row.date()
        let expiresAt = try row.date()
        let state = try named(try row(), as: WalletExchangeState.self, of: "wallet exchange \(idHash.prefix(12))", column: "state")
        return WalletExchangeRecord(
            idHash: idHash, credentialID: credentialID, walletProtocol: walletProtocol, actor: actor, createdAt: createdAt,
            expiresAt: expiresAt, state: state, challenge: try row.optional(), challengeExpiresAt: try row.optionalDate(),
            holder: try row.optional(), completedAt: try row.optionalDate())
    }

    func walletExchange(idHash: String) throws -> WalletExchangeRecord? {
        try row("SELECT \(Self.exchangeColumns) FROM walletExchange WHERE idHash = $1", [idHash]).map(Self.exchange)
    }

    func unexpiredWalletExchangeCount(credentialID: String, at now: Date) throws -> Int {
        try value(Int.self, "SELECT count(*) FROM walletExchange WHERE credentialID = $1 AND expiresAt > $2", [credentialID, now])
            ?? 0
    }

    func saveWalletExchange(_ exchange: WalletExchangeRecord) throws {
        try execute(
            """
            INSERT INTO walletExchange (\(Self.exchangeColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (idHash) DO UPDATE SET credentialID = excluded.credentialID, protocol = excluded.protocol,
                actor = excluded.actor, createdAt = excluded.createdAt, expiresAt = excluded.expiresAt, state = excluded.state,
                challenge = excluded.challenge, challengeExpiresAt = excluded.challengeExpiresAt, holder = excluded.holder,
                completedAt = excluded.completedAt
            """,
            [
                exchange.idHash, exchange.credentialID, exchange.walletProtocol.rawValue, exchange.actor, exchange.createdAt,
                exchange.expiresAt, exchange.state.rawValue, exchange.challenge, exchange.challengeExpiresAt, exchange.holder,
                exchange.completedAt,
            ])
    }

    func deleteWalletExchanges(expiredBefore date: Date) throws -> Int {
        try execute("DELETE FROM walletExchange WHERE expiresAt < $1 RETURNING 1", [date])
    }
}
