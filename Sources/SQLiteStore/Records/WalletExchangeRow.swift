import Foundation
import GRDB
import IssuerCore

/// The `walletExchange` table: one wallet exchange, found by the hash of its id.
struct WalletExchangeRow: NamedColumnRecord {
    static let databaseTableName = "walletExchange"
    static let columnNames = [
        "idHash", "credentialID", "protocol", "actor", "createdAt", "expiresAt", "state", "challenge", "challengeExpiresAt", "holder",
        "completedAt",
    ]

    var idHash: String
    var credentialID: String
    var `protocol`: String
    var actor: String
    var createdAt: Date
    var expiresAt: Date
    var state: String
    var challenge: String?
    var challengeExpiresAt: Date?
    var holder: String?
    var completedAt: Date?

    init(_ exchange: WalletExchangeRecord) {
        idHash = exchange.idHash
        credentialID = exchange.credentialID
        `protocol` = exchange.walletProtocol.rawValue
        actor = exchange.actor
        createdAt = exchange.createdAt
        expiresAt = exchange.expiresAt
        state = exchange.state.rawValue
        challenge = exchange.challenge
        challengeExpiresAt = exchange.challengeExpiresAt
        holder = exchange.holder
        completedAt = exchange.completedAt
    }

    /// The record; a protocol or state the code does not know is refused by name, never defaulted.
    func exchange() throws -> WalletExchangeRecord {
        guard let walletProtocol = WalletProtocol(rawValue: `protocol`), let state = WalletExchangeState(rawValue: state) else {
            throw IssuerError(.inconsistentStore, "wallet exchange \(idHash.prefix(12)) has protocol \(`protocol`), state \(state)")
        }
        return WalletExchangeRecord(
            idHash: idHash, credentialID: credentialID, walletProtocol: walletProtocol, actor: actor, createdAt: createdAt,
            expiresAt: expiresAt, state: state, challenge: challenge, challengeExpiresAt: challengeExpiresAt, holder: holder,
            completedAt: completedAt)
    }
}
