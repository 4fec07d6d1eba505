import Ed25519
import Foundation

/// Signing staff in to the console: emailed single-use links, sessions with idle and absolute
/// timeouts, the second factor (TOTP), sign-out and sign-out everywhere. Pure: the console gives
/// it the cookie's text and shows what it answers.
///
/// - A link request for a known and for an unknown address does the same read and answers alike;
///   only an active member's address also gets an outbox row (event `staff.sign_in`). The token
///   is made when the email is composed (``issueLink(to:)``), so no row holds it.
/// - Links, session ids and CSRF tokens are 32 bytes of the system's secure random source; links
///   and sessions are stored as SHA-256 hashes, so reading the database opens nothing.
public struct StaffSignIn: Sendable {
    /// Store, clock, randomness and keys.
    public let environment: IssuerEnvironment
    /// Lifetimes.
    public let policy: StaffSessionPolicy
    /// The outbox event of the sign-in email.
    public static let outboxEvent = OutboxEvent.staffSignIn

    /// Sign-in on `environment` with `policy`.
    public init(environment: IssuerEnvironment, policy: StaffSessionPolicy = StaffSessionPolicy()) {
        self.environment = environment
        self.policy = policy
    }

    /// A sign-in link, as made: the token (for the URL) and when it stops working.
    public struct Link: Sendable {
        /// The token; the URL is `BASE/console/sign-in/TOKEN`.
        public let token: String
        /// When it stops working.
        public let expiresAt: Date
    }

    /// A session the console may serve: its record and the member.
    public struct Session: Sendable {
        /// The stored session.
        public var record: StaffSessionRecord
        /// Its member, as stored now.
        public var member: StaffMember
        /// Whether the session still waits for the second factor (a code or, when required of
        /// everyone and none is enrolled, the enrolment).
        public var awaitingSecondFactor: Bool { record.awaitingSecondFactor }
    }

    /// Queues a sign-in email when `email` belongs to an active member (at most one waiting per
    /// address); the caller answers the same whatever happened.
    public func request(email: String) async throws {
        let address = email.lowercased()
        let now = environment.now()
        let messageID = "out-" + environment.random.identifier(length: 12)
        try await environment.store.write { transaction in
            guard let member = try transaction.staffMember(email: address), member.isActive else { return }
            let waiting = try transaction.outboxMessages(state: .pending).contains {
                $0.event == Self.outboxEvent && $0.subjectID == member.id
            }
            guard !waiting else { return }
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: messageID, channel: .email, event: Self.outboxEvent, subjectID: member.id, recipient: member.email, createdAt: now))
        }
    }

    /// Makes a link for `member` (when the email is composed, or for `attest staff add --print-link`),
    /// working for ``StaffSessionPolicy/linkLifetime`` from `requestedAt` (by default now). The outbox
    /// worker passes the time the link was asked for, as the server's clock recorded it: the link's
    /// life is then counted on the clock that checks it, and a link that waited in the outbox is
    /// not given more time than one sent at once.
    public func issueLink(to member: StaffMember, requestedAt: Date? = nil) async throws -> Link {
        let now = requestedAt ?? environment.now()
        let token = StaffSecret.make()
        let link = StaffSignInLink(
            tokenHash: StaffSecret.hash(token), staffID: member.id, createdAt: now, expiresAt: now.addingTimeInterval(policy.linkLifetime))
        try await environment.store.write { transaction in
            guard let current = try transaction.staffMember(id: member.id), current.isActive else {
                throw IssuerError(.invalidState, "the member of staff \(member.email) is disabled")
            }
            try transaction.saveStaffSignInLink(link)
        }
        return Link(token: token, expiresAt: link.expiresAt)
    }

    /// Uses the link `token` (once): a new session and its id for the cookie, or `nil` when the
    /// link is unknown, used, expired, or its member disabled (callers answer all of these alike).
    public func redeem(token: String) async throws -> (sessionID: String, session: Session)? {
        guard StaffSecret.isWellFormed(token) else { return nil }
        let now = environment.now()
        let sessionID = StaffSecret.make()
        let csrfToken = StaffSecret.make()
        let recorder = try await environment.auditRecorder(actor: "system")
        return try await environment.store.write { transaction -> (String, Session)? in
            guard var link = try transaction.staffSignInLink(tokenHash: StaffSecret.hash(token)), link.usedAt == nil, now < link.expiresAt,
                let member = try transaction.staffMember(id: link.staffID), member.isActive
            else { return nil }
            link.usedAt = now
            try transaction.saveStaffSignInLink(link)
            // Housekeeping on the server's clock: links and sessions over a day past their end.
            try transaction.deleteStaleStaffRecords(before: now.addingTimeInterval(-policy.absoluteTimeout - 86_400))
            let required = try transaction.staffSettings().requireSecondFactor
            let awaiting = member.totpSecret != nil || required
            let record = StaffSessionRecord(
                idHash: StaffSecret.hash(sessionID), staffID: member.id, csrfToken: csrfToken, createdAt: now, lastSeenAt: now,
                awaitingSecondFactor: awaiting)
            try transaction.saveStaffSession(record)
            try AuditRecorder(keyID: recorder.keyID, key: recorder.key, actor: member.auditActor, at: now).record(
                awaiting ? "staff.link_used" : "staff.signed_in", subject: member.id, data: ["email": .string(member.email)],
                in: transaction)
            return (sessionID, Session(record: record, member: member))
        }
    }

    /// The live session of the cookie `sessionID`, its last-seen time moved to now; `nil` when it
    /// is unknown, ended, idle for ``StaffSessionPolicy/idleTimeout``, older than
    /// ``StaffSessionPolicy/absoluteTimeout``, or its member is disabled.
    public func session(id sessionID: String) async throws -> Session? {
        guard StaffSecret.isWellFormed(sessionID) else { return nil }
        let now = environment.now()
        let hash = StaffSecret.hash(sessionID)
        let found = try await environment.store.read { reading -> Session? in
            guard let record = try reading.staffSession(idHash: hash), let member = try reading.staffMember(id: record.staffID) else {
                return nil
            }
            return Session(record: record, member: member)
        }
        guard var found, isLive(found, at: now) else { return nil }
        if now.timeIntervalSince(found.record.lastSeenAt) >= policy.touchInterval {
            found.record.lastSeenAt = now
            let record = found.record
            try await environment.store.write { transaction in
                // Only a session still open is touched: a sign-out in between wins.
                guard let stored = try transaction.staffSession(idHash: hash), stored.endedAt == nil else { return }
                var touched = stored
                touched.lastSeenAt = record.lastSeenAt
                try transaction.saveStaffSession(touched)
            }
        }
        return found
    }

    func isLive(_ session: Session, at now: Date) -> Bool {
        session.record.endedAt == nil && session.member.isActive && now >= session.record.createdAt
            && now.timeIntervalSince(session.record.lastSeenAt) < policy.idleTimeout
            && now.timeIntervalSince(session.record.createdAt) < policy.absoluteTimeout
    }

    /// Checks the TOTP `code` of a session waiting for it; on success the session is complete
    /// and the step is remembered (a code works once). Returns whether the code was right.
    public func verifySecondFactor(sessionID: String, code: String) async throws -> Bool {
        let now = environment.now()
        let hash = StaffSecret.hash(sessionID)
        let recorder = try await environment.auditRecorder(actor: "system")
        return try await environment.store.write { transaction in
            guard var record = try transaction.staffSession(idHash: hash), record.endedAt == nil,
                var member = try transaction.staffMember(id: record.staffID), member.isActive, let secret = member.totpSecret,
                let step = TOTP(secret: secret).matchingStep(code, at: now, after: member.totpLastStep)
            else { return false }
            member.totpLastStep = step
            try transaction.saveStaffMember(member)
            record.awaitingSecondFactor = false
            record.lastSeenAt = now
            try transaction.saveStaffSession(record)
            try AuditRecorder(keyID: recorder.keyID, key: recorder.key, actor: member.auditActor, at: now).record(
                "staff.signed_in", subject: member.id, data: ["email": .string(member.email), "secondFactor": "totp"], in: transaction)
            return true
        }
    }

    /// Enrols `secret` as the member's second factor when `code` is its current code; the
    /// session (which may be waiting for an enrolment that is required) is complete afterwards.
    public func enrolSecondFactor(sessionID: String, secret: [UInt8], code: String) async throws -> Bool {
        guard secret.count >= 16 else { return false }
        let now = environment.now()
        let hash = StaffSecret.hash(sessionID)
        let recorder = try await environment.auditRecorder(actor: "system")
        return try await environment.store.write { transaction in
            guard var record = try transaction.staffSession(idHash: hash), record.endedAt == nil,
                var member = try transaction.staffMember(id: record.staffID), member.isActive,
                // A member with a factor already changes it only from a complete session.
                member.totpSecret == nil || !record.awaitingSecondFactor,
                let step = TOTP(secret: secret).matchingStep(code, at: now, after: nil)
            else { return false }
            member.totpSecret = secret
            member.totpLastStep = step
            try transaction.saveStaffMember(member)
            record.awaitingSecondFactor = false
            try transaction.saveStaffSession(record)
            try AuditRecorder(keyID: recorder.keyID, key: recorder.key, actor: member.auditActor, at: now).record(
                "staff.second_factor_enrolled", subject: member.id, data: ["email": .string(member.email)], in: transaction)
            return true
        }
    }

    /// Ends the session of `sessionID`.
    public func signOut(sessionID: String) async throws {
        let now = environment.now()
        let hash = StaffSecret.hash(sessionID)
        let recorder = try await environment.auditRecorder(actor: "system")
        try await environment.store.write { transaction in
            guard var record = try transaction.staffSession(idHash: hash), record.endedAt == nil,
                let member = try transaction.staffMember(id: record.staffID)
            else { return }
            record.endedAt = now
            try transaction.saveStaffSession(record)
            try AuditRecorder(keyID: recorder.keyID, key: recorder.key, actor: member.auditActor, at: now).record(
                "staff.signed_out", subject: member.id, data: ["email": .string(member.email)], in: transaction)
        }
    }

    /// Ends every session of `member` (on every device); returns how many were open.
    @discardableResult
    public func signOutEverywhere(_ member: StaffMember) async throws -> Int {
        let now = environment.now()
        let recorder = try await environment.auditRecorder(actor: member.auditActor)
        return try await environment.store.write { transaction in
            let ended = try transaction.endStaffSessions(staffID: member.id, at: now)
            try recorder.record(
                "staff.signed_out_everywhere", subject: member.id,
                data: ["email": .string(member.email), "sessionsEnded": .number(Double(ended))], in: transaction)
            return ended
        }
    }
}
