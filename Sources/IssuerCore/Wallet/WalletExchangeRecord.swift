import CanonicalJSON
import Ed25519
import Foundation

/// Where a wallet exchange stands.
public enum WalletExchangeState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Made; no wallet has asked for a challenge yet.
    case open
    /// A challenge was handed out; the exchange waits for the presentation that signs it.
    case challenged
    /// A wallet took its copy; the challenge is spent.
    case completed
}

/// One wallet exchange (a VC-API exchange behind an interaction URL, or a DCC request link): which
/// credential it hands out, to whom it was opened, and its single-use challenge.
///
/// The exchange id in the URL is a bearer capability (whoever has it can take a copy bound to their
/// own DID until it expires or is used), so only its SHA-256 is kept, like every other secret.
public struct WalletExchangeRecord: Sendable, Hashable, Codable {
    /// Hex SHA-256 of the exchange id (``WalletExchangeRecord/hash(ofID:)``).
    public var idHash: String
    /// The credential a wallet receives a bound copy of.
    public var credentialID: String
    /// The protocol the exchange speaks (`vcapi` or `lcw-request`), written to the audit.
    public var walletProtocol: WalletProtocol
    /// Who opened the exchange (`learner:ID`, `api:NAME`): the copy is audited under this actor.
    public var actor: String
    /// When it was opened.
    public var createdAt: Date
    /// After this nothing more happens in the exchange.
    public var expiresAt: Date
    /// Where it stands.
    public var state: WalletExchangeState
    /// The challenge handed out last; `nil` while ``state`` is `open`.
    public var challenge: String?
    /// After this the challenge is refused (at most ``WalletExchangeRecord/challengeLifetime`` after it was handed out).
    public var challengeExpiresAt: Date?
    /// The DID the copy was bound to, once completed.
    public var holder: String?
    /// When a wallet took its copy.
    public var completedAt: Date?

    /// An exchange record.
    public init(
        idHash: String, credentialID: String, walletProtocol: WalletProtocol, actor: String, createdAt: Date, expiresAt: Date,
        state: WalletExchangeState = .open, challenge: String? = nil, challengeExpiresAt: Date? = nil, holder: String? = nil,
        completedAt: Date? = nil
    ) {
        self.idHash = idHash
        self.credentialID = credentialID
        self.walletProtocol = walletProtocol
        self.actor = actor
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.state = state
        self.challenge = challenge
        self.challengeExpiresAt = challengeExpiresAt
        self.holder = holder
        self.completedAt = completedAt
    }

    /// How long an exchange stays usable after it is opened (the QR code on a page waits while
    /// the learner finds their phone).
    /// - Warning: The interaction URL is a bearer capability for this long; keep it short.
    public static let lifetime: TimeInterval = 30 * 60
    /// How long a challenge may be answered after it is handed out: 10 minutes, never past the exchange's end.
    public static let challengeLifetime: TimeInterval = 10 * 60
    /// At most this many unexpired exchanges per credential; more are refused until some expire.
    public static let maximumOpenPerCredential = 20
    /// Expired exchanges are deleted this long after their end (kept a day for support questions).
    public static let retention: TimeInterval = 24 * 60 * 60

    /// The stored form of an exchange id.
    public static func hash(ofID id: String) -> String { Hex.encode(SHA256.hash(Array(id.utf8))) }
}
