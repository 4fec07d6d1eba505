import Ed25519
import Foundation

/// Magic links of the learner portal (issue 14, points 4, 7 and 8): asking for one, making it
/// when its email is composed, checking it, and ending it.
///
/// - A login request for a known and for an unknown address does the same reads and the same
///   write (the address's ``LearnerLinkRecord``, keyed by its hash) in one transaction; only a
///   known address also gets an outbox row in that same commit. The answer is the same text.
/// - One request per address per ``LearnerLinkToken/requestWindow`` queues an email; more inside
///   the window write nothing and send nothing (for known and unknown addresses alike).
/// - The token is made when the email is composed and only its hash is stored: the outbox row
///   holds the address, `GET /api/v1/outbox` has nothing to leak, and a new link ends the last.
public struct LearnerLinks: Sendable {
    /// Where link records and link emails are kept.
    public let store: any IssuerStore
    /// The clock of requests, expiries and checks.
    public let now: @Sendable () -> Date
    /// Ids of outbox rows (tokens themselves come from the system's secure random source).
    public let random: any RandomSource

    /// Links kept in `store`, on the clock `now`.
    public init(store: any IssuerStore, now: @escaping @Sendable () -> Date, random: any RandomSource) {
        self.store = store
        self.now = now
        self.random = random
    }

    /// What a login request for `email` does; tells the caller nothing about whether the address is known.
    public func request(email: String) async throws {
        let now = self.now()
        let addressHash = LearnerLinkRecord.addressHash(of: email)
        let messageID = "out-" + random.identifier(length: 12)
        try await store.write { transaction in
            let learner = try transaction.learners(email: email, limit: 1).first
            let stored = try transaction.learnerLink(addressHash: addressHash)
            let waiting = try transaction.outboxMessages(state: .pending).contains {
                $0.event == LearnerLinkToken.outboxEvent && $0.recipient?.lowercased() == email.lowercased()
            }
            if let stored, stored.requestedAt <= now, now.timeIntervalSince(stored.requestedAt) < LearnerLinkToken.requestWindow {
                return
            }
            var record = stored ?? LearnerLinkRecord(addressHash: addressHash, requestedAt: now)
            record.requestedAt = now
            try transaction.saveLearnerLink(record)
            // One link waiting to go out is enough, however long delivery takes.
            guard let learner, !waiting else { return }
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: messageID, channel: .email, event: LearnerLinkToken.outboxEvent, subjectID: learner.id, recipient: learner.email,
                    createdAt: now))
        }
    }

    /// Makes the link an email to `email` carries, working for ``LearnerLinkToken/lifetime``; the
    /// link made before for this address stops working. Called when the email is composed.
    public func issue(to email: String) async throws -> LearnerLinkToken {
        let now = self.now()
        let token = LearnerLinkToken.make(email: email, expiresAt: now.addingTimeInterval(LearnerLinkToken.lifetime))
        let addressHash = LearnerLinkRecord.addressHash(of: email)
        try await store.write { transaction in
            var record =
                try transaction.learnerLink(addressHash: addressHash) ?? LearnerLinkRecord(addressHash: addressHash, requestedAt: now)
            record.tokenHash = LearnerLinkToken.hash(token.text)
            record.issuedAt = now
            record.expiresAt = token.expiresAt
            try transaction.saveLearnerLink(record)
        }
        return token
    }

    /// The token when it is the address's current link and has not expired; `nil` otherwise
    /// (callers answer every failure the same way).
    public func verify(_ text: String) async throws -> LearnerLinkToken? {
        guard let email = LearnerLinkToken.address(in: text) else { return nil }
        let now = self.now()
        let record = try await store.read { try $0.learnerLink(addressHash: LearnerLinkRecord.addressHash(of: email)) }
        guard let record, let stored = record.tokenHash, let expiresAt = record.expiresAt, now < expiresAt,
            constantTimeEquals(Array(stored.utf8), Array(LearnerLinkToken.hash(text).utf8))
        else { return nil }
        return LearnerLinkToken(email: email, text: text, expiresAt: expiresAt)
    }

    /// Ends the address's link (sign-out): it stops working at once. Returns whether `text` was the current link.
    @discardableResult
    public func signOut(_ text: String) async throws -> Bool {
        guard let token = try await verify(text) else { return false }
        let addressHash = LearnerLinkRecord.addressHash(of: token.email)
        let hash = LearnerLinkToken.hash(text)
        return try await store.write { transaction in
            guard var record = try transaction.learnerLink(addressHash: addressHash), record.tokenHash == hash else { return false }
            record.tokenHash = nil
            record.expiresAt = nil
            try transaction.saveLearnerLink(record)
            return true
        }
    }
}
