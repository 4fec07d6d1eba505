import Foundation
import IssuerCore
import PostgresNIO

// Status lists, the audit chain, the outbox, API keys and learners' magic links.
extension PostgresTransaction {
    // MARK: Status lists

    private static let statusListColumns = "id, purpose, capacity, allocated, bits, signedCredentialJSON, updatedAt"

    private static func statusList(_ row: PostgresRowReader) throws -> StatusListRecord {
        var row = row
        let id = try row(String.self)
        return StatusListRecord(
            id: id, purpose: try named(try row(), as: StatusPurpose.self, of: "status list \(id)", column: "purpose"),
            capacity: try row.int(), allocated: try row.int(), bits: try row(Data.self), signedCredentialJSON: try row.optional(Data.self),
            updatedAt: try row.date())
    }

    func statusList(id: String) throws -> StatusListRecord? {
        try row("SELECT \(Self.statusListColumns) FROM statusList WHERE id = $1", [id]).map(Self.statusList)
    }

    func statusLists(purpose: StatusPurpose?) throws -> [StatusListRecord] {
        if let purpose {
            return try rows(
                "SELECT \(Self.statusListColumns) FROM statusList WHERE purpose = $1 ORDER BY id COLLATE \"C\"", [purpose.rawValue]
            )
            .map(Self.statusList)
        }
        return try rows("SELECT \(Self.statusListColumns) FROM statusList ORDER BY id COLLATE \"C\"").map(Self.statusList)
    }

    func statusListUsage(purpose: StatusPurpose) throws -> [StatusListUsage] {
        try rows(
            """
            SELECT id, capacity, allocated, signedCredentialJSON IS NOT NULL FROM statusList WHERE purpose = $1 ORDER BY id COLLATE \"C\"
            """, [purpose.rawValue]
        ).map { row in
            var row = row
            return StatusListUsage(id: try row(), capacity: try row.int(), allocated: try row.int(), isPublished: try row())
        }
    }

    func isStatusIndexTaken(list: String, index: Int) throws -> Bool {
        try holder(ofList: list, index: index) != nil
    }

    func saveStatusList(_ list: StatusListRecord) throws {
        try execute(
            """
            INSERT INTO statusList (id, purpose, capacity, allocated, bits, signedCredentialJSON, updatedAt)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET purpose = excluded.purpose, capacity = excluded.capacity, allocated = excluded.allocated,
                bits = excluded.bits, signedCredentialJSON = excluded.signedCredentialJSON, updatedAt = excluded.updatedAt
            """,
            [list.id, list.purpose.rawValue, list.capacity, list.allocated, list.bits, list.signedCredentialJSON, list.updatedAt])
    }

    func incrementStatusListAllocated(id: String) throws {
        guard try execute("UPDATE statusList SET allocated = allocated + 1 WHERE id = $1 RETURNING 1", [id]) == 1 else {
            throw IssuerError(.notFound, "status list \(id)")
        }
    }

    // MARK: Audit chain

    static let auditColumns = "sequence, at, kind, actor, subject, data, previousHash, hash, keyID, signature"

    static func auditEntry(_ row: PostgresRowReader) throws -> AuditEntry {
        var row = row
        return AuditEntry(
            sequence: try row.int(), at: try row.date(), kind: try row(), actor: try row(), subject: try row(), data: try row(),
            previousHash: try row(), hash: try row(), keyID: try row(), signature: try row())
    }

    func lastAuditEntry() throws -> AuditEntry? {
        try row("SELECT \(Self.auditColumns) FROM auditEntry ORDER BY sequence DESC LIMIT 1").map(Self.auditEntry)
    }

    func auditEntries(from sequence: Int, limit: Int) throws -> [AuditEntry] {
        try rows("SELECT \(Self.auditColumns) FROM auditEntry WHERE sequence >= $1 ORDER BY sequence LIMIT $2", [sequence, max(limit, 0)])
            .map(Self.auditEntry)
    }

    func appendAuditEntry(_ entry: AuditEntry) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO auditEntry (sequence, at, kind, actor, subject, data, previousHash, hash, keyID, signature)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """,
                [
                    entry.sequence, entry.at, entry.kind, entry.actor, entry.subject, entry.data, entry.previousHash, entry.hash,
                    entry.keyID, entry.signature,
                ])
        } explain: {
            let last = try self.value(Int.self, "SELECT max(sequence) FROM auditEntry") ?? 0
            return IssuerError(.duplicate, "audit entry \(entry.sequence) does not follow \(last)")
        }
    }

    // MARK: Outbox

    static let outboxColumns = "id, channel, event, subjectID, recipient, createdAt, state, attempts, nextAttemptAt, lastError"

    static func outboxMessage(_ row: PostgresRowReader) throws -> OutboxMessage {
        var row = row
        let id = try row(String.self)
        let owner = "outbox message \(id)"
        var message = OutboxMessage(
            id: id, channel: try named(try row(), as: OutboxChannel.self, of: owner, column: "channel"),
            event: try named(try row(), as: OutboxEvent.self, of: owner, column: "event"), subjectID: try row(),
            recipient: try row.optional(), createdAt: try row.date())
        message.state = try named(try row(), as: OutboxState.self, of: owner, column: "state")
        message.attempts = try row.int()
        message.nextAttemptAt = try row.optionalDate()
        message.lastError = try row.optional()
        return message
    }

    func outboxMessage(id: String) throws -> OutboxMessage? {
        try row("SELECT \(Self.outboxColumns) FROM outboxMessage WHERE id = $1", [id]).map(Self.outboxMessage)
    }

    func outboxMessages(state: OutboxState?) throws -> [OutboxMessage] {
        if let state {
            return try rows(
                "SELECT \(Self.outboxColumns) FROM outboxMessage WHERE state = $1 ORDER BY createdAt, id COLLATE \"C\"", [state.rawValue]
            )
            .map(Self.outboxMessage)
        }
        return try rows("SELECT \(Self.outboxColumns) FROM outboxMessage ORDER BY createdAt, id COLLATE \"C\"").map(Self.outboxMessage)
    }

    func outboxCounts() throws -> [OutboxCount] {
        try rows("SELECT state, channel, count(*) FROM outboxMessage GROUP BY state, channel ORDER BY state, channel").map { row in
            var row = row
            return OutboxCount(
                state: try Self.named(try row(), as: OutboxState.self, of: "the outbox", column: "state"),
                channel: try Self.named(try row(), as: OutboxChannel.self, of: "the outbox", column: "channel"), count: try row.int())
        }
    }

    func saveOutboxMessage(_ message: OutboxMessage) throws {
        try execute(
            """
            INSERT INTO outboxMessage (id, channel, event, subjectID, recipient, createdAt, state, attempts, nextAttemptAt, lastError)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, event = excluded.event, subjectID = excluded.subjectID,
                recipient = excluded.recipient, createdAt = excluded.createdAt, state = excluded.state, attempts = excluded.attempts,
                nextAttemptAt = excluded.nextAttemptAt, lastError = excluded.lastError
            """,
            [
                message.id, message.channel.rawValue, message.event.rawValue, message.subjectID, message.recipient, message.createdAt,
                message.state.rawValue, message.attempts, message.nextAttemptAt, message.lastError,
            ])
    }

    // MARK: API keys and magic links

    static let apiKeyColumns =
        "id, name, role, tokenHash, hmacSecret, createdAt, revokedAt, requiresHMAC, expiresAt, lastUsedAt, lastUsedAddress, allowedNetworks, previousTokenHash, previousTokenValidUntil"

    func apiKey(_ row: PostgresRowReader) throws -> APIKeyRecord {
        var row = row
        let id = try row(String.self)
        let name = try row(String.self)
        let roleName = try row(String.self)
        guard let role = APIRole(rawValue: roleName) else {
            throw IssuerError(.storeUnavailable, "API key \(id) has an unknown role \(roleName)")
        }
        let tokenHash = try row(String.self)
        let secret = try row.optional(String.self)
        let createdAt = try row.date()
        let revokedAt = try row.optionalDate()
        return APIKeyRecord(
            id: id, name: name, role: role, tokenHash: tokenHash, hmacSecret: try secret.map { try sealer.open($0) },
            requiresHMAC: try row(), createdAt: createdAt, revokedAt: revokedAt, expiresAt: try row.optionalDate(),
            lastUsedAt: try row.optionalDate(), lastUsedAddress: try row.optional(String.self),
            allowedNetworks: try APIKeyRecord.allowList(storedText: try row.optional(String.self), keyID: id),
            previousTokenHash: try row.optional(String.self), previousTokenValidUntil: try row.optionalDate())
    }

    func apiKey(tokenHash: String) throws -> APIKeyRecord? {
        try row("SELECT \(Self.apiKeyColumns) FROM apiKey WHERE tokenHash = $1", [tokenHash]).map(apiKey)
    }

    func apiKeys() throws -> [APIKeyRecord] {
        try rows("SELECT \(Self.apiKeyColumns) FROM apiKey ORDER BY createdAt, id COLLATE \"C\"").map(apiKey)
    }

    func apiKey(id: String) throws -> APIKeyRecord? {
        try row("SELECT \(Self.apiKeyColumns) FROM apiKey WHERE id = $1", [id]).map(apiKey)
    }

    func saveAPIKey(_ key: APIKeyRecord) throws {
        try refusingConflicts {
            try execute(
                """
                INSERT INTO apiKey (id, name, role, tokenHash, hmacSecret, createdAt, revokedAt, requiresHMAC, expiresAt, lastUsedAt,
                    lastUsedAddress, allowedNetworks, previousTokenHash, previousTokenValidUntil)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, tokenHash = excluded.tokenHash,
                    hmacSecret = excluded.hmacSecret, createdAt = excluded.createdAt, revokedAt = excluded.revokedAt,
                    requiresHMAC = excluded.requiresHMAC, expiresAt = excluded.expiresAt, lastUsedAt = excluded.lastUsedAt,
                    lastUsedAddress = excluded.lastUsedAddress, allowedNetworks = excluded.allowedNetworks,
                    previousTokenHash = excluded.previousTokenHash, previousTokenValidUntil = excluded.previousTokenValidUntil
                """,
                [
                    key.id, key.name, key.role.rawValue, key.tokenHash, key.hmacSecret.map(sealer.seal), key.createdAt, key.revokedAt,
                    key.requiresHMAC, key.expiresAt, key.lastUsedAt, key.lastUsedAddress, APIKeyRecord.allowListText(key.allowedNetworks),
                    key.previousTokenHash, key.previousTokenValidUntil,
                ])
        } explain: {
            IssuerError(.duplicate, "an API key named \(key.name), or with the same token, exists")
        }
    }

    func markAPIKeyUsed(id: String, at date: Date) throws {
        try execute("UPDATE apiKey SET lastUsedAt = $1 WHERE id = $2", [date, id])
    }

    func learnerLink(addressHash: String) throws -> LearnerLinkRecord? {
        guard
            var row = try row(
                "SELECT addressHash, requestedAt, tokenHash, issuedAt, expiresAt FROM learnerLink WHERE addressHash = $1", [addressHash])
        else { return nil }
        return LearnerLinkRecord(
            addressHash: try row(), requestedAt: try row.date(), tokenHash: try row.optional(), issuedAt: try row.optionalDate(),
            expiresAt: try row.optionalDate())
    }

    func saveLearnerLink(_ link: LearnerLinkRecord) throws {
        try execute(
            """
            INSERT INTO learnerLink (addressHash, requestedAt, tokenHash, issuedAt, expiresAt) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (addressHash) DO UPDATE SET requestedAt = excluded.requestedAt, tokenHash = excluded.tokenHash,
                issuedAt = excluded.issuedAt, expiresAt = excluded.expiresAt
            """, [link.addressHash, link.requestedAt, link.tokenHash, link.issuedAt, link.expiresAt])
    }
}
