import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Wallet exchanges: a VC-API / VCALM exchange behind an interaction URL, or a DCC request link.
/// Opening one names the credential and who let the wallet in; the wallet asks for a challenge,
/// signs it in a DID authentication presentation, and receives the credential bound to its DID
/// (``WalletCopies``). The state lives in the store, so any instance answers any step.
///
/// - A challenge is single-use: the step that hands out the copy marks the exchange completed in
///   the same transaction as the copy's audit entry, after checking that the challenge it verified
///   is still the exchange's, so two instances racing on one presentation hand out one copy.
/// - A refused presentation changes nothing: the wallet may try again until the challenge expires.
public struct WalletExchanges: Sendable {
    /// The store, clock, randomness and keys.
    public let environment: IssuerEnvironment

    /// Exchanges on this environment.
    public init(environment: IssuerEnvironment) {
        self.environment = environment
    }

    /// What ``open(credentialID:via:actor:)`` made: the id for the URL (shown once, stored only hashed) and the record.
    public struct Opened: Sendable {
        /// The exchange id for `/interactions/{id}` and `/exchanges/{id}`.
        public let id: String
        /// The stored exchange.
        public let record: WalletExchangeRecord
    }

    /// Opens an exchange that hands out credential `credentialID`, on behalf of `actor`. A DCC
    /// request link (`.lcwRequest`) carries its challenge from the start, so it is opened challenged
    /// and lives only as long as a challenge.
    /// - Throws: ``IssuerError`` `notFound`, `invalidState` (not active or expired), `invalidRequest`
    ///   (more than ``WalletExchangeRecord/maximumOpenPerCredential`` unexpired exchanges).
    public func open(credentialID: String, via walletProtocol: WalletProtocol, actor: String) async throws -> Opened {
        let now = environment.now()
        let random = environment.random
        let id = random.identifier(length: 26)
        let lcw = walletProtocol == .lcwRequest
        let expiresAt = now.addingTimeInterval(lcw ? WalletExchangeRecord.challengeLifetime : WalletExchangeRecord.lifetime)
        let record = WalletExchangeRecord(
            idHash: WalletExchangeRecord.hash(ofID: id), credentialID: credentialID, walletProtocol: walletProtocol, actor: actor,
            createdAt: now, expiresAt: expiresAt, state: lcw ? .challenged : .open, challenge: lcw ? random.identifier(length: 26) : nil,
            challengeExpiresAt: lcw ? expiresAt : nil)
        try await environment.store.write { transaction in
            guard let summary = try transaction.credentialSummary(id: credentialID) else {
                throw IssuerError(.notFound, "there is no credential \(credentialID)")
            }
            try WalletCopies.requireCopyable(summary, at: now)
            try transaction.deleteWalletExchanges(expiredBefore: now.addingTimeInterval(-WalletExchangeRecord.retention))
            let open = try transaction.unexpiredWalletExchangeCount(credentialID: credentialID, at: now)
            guard open < WalletExchangeRecord.maximumOpenPerCredential else {
                throw IssuerError(
                    .invalidRequest,
                    "credential \(credentialID) has \(open) wallet offers open already; use one of them or wait until they expire")
            }
            try transaction.saveWalletExchange(record)
        }
        return Opened(id: id, record: record)
    }

    /// The exchange behind `id` as it stands, or `nil` when there is none (never opened, or deleted).
    public func exchange(id: String) async throws -> WalletExchangeRecord? {
        guard Self.isPlausibleID(id) else { return nil }
        let idHash = WalletExchangeRecord.hash(ofID: id)
        return try await environment.store.read { try $0.walletExchange(idHash: idHash) }
    }

    /// Hands out a fresh challenge (the answer to the wallet's `POST {}`); a challenge handed out
    /// before in this exchange stops working. The challenge expires after
    /// ``WalletExchangeRecord/challengeLifetime``, never after the exchange.
    /// - Throws: ``IssuerError`` `notFound`, `exchangeExpired`, `challengeUsed` (completed already).
    public func challenge(id: String) async throws -> (challenge: String, record: WalletExchangeRecord) {
        let now = environment.now()
        let challenge = environment.random.identifier(length: 26)
        let idHash = WalletExchangeRecord.hash(ofID: id)
        guard Self.isPlausibleID(id) else { throw Self.unknown }
        return try await environment.store.write { transaction in
            guard var record = try transaction.walletExchange(idHash: idHash) else { throw Self.unknown }
            try Self.requireUsable(record, at: now)
            record.state = .challenged
            record.challenge = challenge
            record.challengeExpiresAt = min(now.addingTimeInterval(WalletExchangeRecord.challengeLifetime), record.expiresAt)
            try transaction.saveWalletExchange(record)
            return (challenge, record)
        }
    }

    /// Checks the wallet's DID authentication `presentation` against the exchange's challenge and
    /// `domain` and answers the credential bound to the holder, signed now; the exchange is then
    /// completed and its challenge spent.
    /// - Parameter domainRequired: `false` only for the DCC request link, whose wallets sign no domain.
    /// - Throws: ``IssuerError`` `notFound`, `exchangeExpired`, `challengeUsed`, `invalidPresentation`
    ///   (the reason starts with the Data Integrity code, e.g. `INVALID_DOMAIN_ERROR`), or what
    ///   ``WalletCopies/boundCopy(of:holder:via:alsoInTransaction:)`` throws. Nothing is written on any of them.
    public func complete(id: String, presentation: JSONValue, domain: String, domainRequired: Bool = true) async throws -> JSONValue {
        let now = environment.now()
        guard let record = try await exchange(id: id) else { throw Self.unknown }
        try Self.requireUsable(record, at: now)
        guard record.state == .challenged, let challenge = record.challenge, let challengeExpiresAt = record.challengeExpiresAt else {
            throw IssuerError(.invalidPresentation, "this exchange has not handed out a challenge yet; POST {} to it first")
        }
        guard now < challengeExpiresAt else {
            throw IssuerError(.exchangeExpired, "the challenge expired at \(DateTimeStamp.format(challengeExpiresAt)); start again")
        }
        let holder: String
        do {
            holder = try DIDAuthentication(challenge: challenge, domain: domain, domainRequired: domainRequired).authenticate(presentation)
                .holder
        } catch {
            throw IssuerError(.invalidPresentation, "\(error.code): \(error.reason)")
        }
        let idHash = record.idHash
        return try await WalletCopies(environment: environment, actor: record.actor).boundCopy(
            of: record.credentialID, holder: holder, via: record.walletProtocol
        ) { transaction in
            // The single use: only the presentation of the challenge that is still current completes
            // the exchange; a concurrent or replayed one finds it completed and is refused.
            guard var current = try transaction.walletExchange(idHash: idHash) else { throw Self.unknown }
            guard current.state == .challenged, current.challenge == challenge else {
                throw IssuerError(.challengeUsed, "this exchange's challenge was used already; a presentation is accepted once")
            }
            current.state = .completed
            current.holder = holder
            current.completedAt = now
            try transaction.saveWalletExchange(current)
        }
    }

    static let unknown = IssuerError(.notFound, "there is no such wallet exchange; open a new one from the certificate's page")

    /// An exchange id as ``open(credentialID:via:actor:)`` makes them: 26 Crockford base-32 digits.
    public static func isPlausibleID(_ id: String) -> Bool {
        id.utf8.count == 26 && id.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) }
    }

    static func requireUsable(_ record: WalletExchangeRecord, at now: Date) throws {
        if record.state == .completed {
            throw IssuerError(.challengeUsed, "this exchange is complete: its challenge was used already; open a new one")
        }
        guard now < record.expiresAt else {
            throw IssuerError(.exchangeExpired, "this exchange expired at \(DateTimeStamp.format(record.expiresAt)); open a new one")
        }
    }
}
