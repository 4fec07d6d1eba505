import Foundation
import GRDB
import IssuerCore

/// The store's view of one GRDB transaction: a write transaction for ``SQLiteIssuerStore/write(_:)``,
/// a read-only snapshot for ``SQLiteIssuerStore/read(_:)``. It lives only inside the closure that
/// GRDB runs, so it never outlives or escapes its `Database`.
final class SQLiteTransaction: IssuerTransaction {
    let db: Database
    /// Seals and opens the HMAC secrets of API keys.
    let sealer: SecretSealer

    init(_ db: Database, sealer: SecretSealer) {
        self.db = db
        self.sealer = sealer
    }

    // The reads of every intake and finish use statements prepared once per connection: building
    // and preparing a query-interface request each time (GRDB's statement authorizer included) cost
    // as much as running it.
    func issuer() throws -> IssuerProfile? {
        try IssuerRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(IssuerRow.columnList) FROM issuer WHERE id = ?"), arguments: [IssuerRow.singletonID])?.profile
    }

    // Read on every verification page (with `credential(id:)`): prepared once per connection, since
    // building and preparing the query each time cost as much as running it.
    func signingKeys() throws -> [SigningKeyRecord] {
        try SigningKeyRow.fetchAll(db.cachedStatement(sql: "SELECT \(SigningKeyRow.columnList) FROM signingKey ORDER BY createdAt, id"))
            .map(\.key)
    }

    func issuerSecret(name: String) throws -> [UInt8]? {
        try Row.fetchOne(db, sql: "SELECT value FROM issuerSecret WHERE name = ?", arguments: [name]).map { row in
            let value: [UInt8] = Array(row["value"] as Data)
            return value
        }
    }

    func program(id: String) throws -> Program? {
        try ProgramRow.fetchOne(db.cachedStatement(sql: "SELECT \(ProgramRow.columnList) FROM program WHERE id = ?"), arguments: [id])?
            .definition
    }

    func programs() throws -> [Program] {
        try ProgramRow.order(Column("id")).fetchAll(db).map(\.definition)
    }

    func learner(id: String) throws -> Learner? {
        try LearnerRow.fetchOne(db.cachedStatement(sql: "SELECT \(LearnerRow.columnList) FROM learner WHERE id = ?"), arguments: [id])?
            .learner
    }

    func learner(externalID: String) throws -> Learner? {
        try LearnerRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(LearnerRow.columnList) FROM learner WHERE externalID = ? ORDER BY id LIMIT 1"),
            arguments: [externalID])?
            .learner
    }

    func learner(namespace: LearnerNamespace, externalID: String) throws -> Learner? {
        try LearnerRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(LearnerRow.columnList) FROM learner WHERE namespace = ? AND externalID = ?"),
            arguments: [namespace.rawValue, externalID])?.learner
    }

    func learners(externalID: String) throws -> [Learner] {
        try LearnerRow.fetchAll(
            db.cachedStatement(sql: "SELECT \(LearnerRow.columnList) FROM learner WHERE externalID = ? ORDER BY id"),
            arguments: [externalID]
        )
        .map(\.learner)
    }

    func learners(email: String?, limit: Int) throws -> [Learner] {
        var request = LearnerRow.order(Column("id"))
        // Addresses compare without case: Zoe@Example.org and zoe@example.org are one mailbox in practice.
        if let email { request = request.filter(sql: "lower(email) = lower(?)", arguments: [email]) }
        return try request.limit(max(0, limit)).fetchAll(db).map(\.learner)
    }

    func completion(id: String) throws -> CompletionRecord? {
        try CompletionRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(CompletionRow.columnList) FROM completion WHERE id = ?"), arguments: [id])?.record()
    }

    func completion(source: String, eventID: String) throws -> CompletionRecord? {
        try CompletionRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(CompletionRow.columnList) FROM completion WHERE source = ? AND eventID = ? LIMIT 1"),
            arguments: [source, eventID]
        )?.record()
    }

    func completions(state: CompletionState?) throws -> [CompletionRecord] {
        var request = CompletionRow.all()
        if let state { request = request.filter(Column("state") == state.rawValue) }
        return try request.order(Column("receivedAt"), Column("id")).fetchAll(db).map { try $0.record() }
    }

    func credential(id: String) throws -> CredentialRecord? {
        try CredentialRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(CredentialRow.columnList) FROM credential WHERE id = ?"), arguments: [id]
        ).map(fullRecord)
    }

    func currentCredential(learnerID: String, programID: String) throws -> CredentialRecord? {
        try CredentialRow.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT \(CredentialRow.columnList) FROM credential WHERE learnerID = ? AND programID = ? AND state <> 'superseded'
                    ORDER BY insertionOrder DESC LIMIT 1
                    """), arguments: [learnerID, programID]
        ).map(fullRecord)
    }

    func credentials(filter: CredentialFilter) throws -> [CredentialRecord] {
        let (sql, arguments) = Self.filtered("SELECT \(CredentialRow.columnList) FROM credential", filter)
        return try CredentialRow.fetchAll(db, sql: sql, arguments: arguments).map(fullRecord)
    }

    func credential(passcode: String) throws -> CredentialRecord? {
        try CredentialRow.filter(Column("passcode") == passcode).order(Column("insertionOrder")).fetchOne(db).map(fullRecord)
    }

    func apiKey(tokenHash: String) throws -> APIKeyRecord? {
        try APIKeyRow.filter(Column("tokenHash") == tokenHash).fetchOne(db)?.record(sealer: sealer)
    }

    func apiKeys() throws -> [APIKeyRecord] {
        try APIKeyRow.order(Column("createdAt"), Column("id")).fetchAll(db).map { try $0.record(sealer: sealer) }
    }

    func apiKey(id: String) throws -> APIKeyRecord? {
        try APIKeyRow.fetchOne(db, key: id)?.record(sealer: sealer)
    }

    func learnerLink(addressHash: String) throws -> LearnerLinkRecord? {
        try LearnerLinkRow.fetchOne(db, key: addressHash)?.record
    }

    func isStatusIndexTaken(list: String, index: Int) throws -> Bool {
        try holder(ofList: list, index: index) != nil
    }

    /// The id of the credential holding `index` of `list`, if any.
    func holder(ofList list: String, index: Int) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT id FROM credential WHERE revocationList = ? AND revocationIndex = ?
                UNION ALL SELECT id FROM credential WHERE suspensionList = ? AND suspensionIndex = ? LIMIT 1
                """,
            arguments: [list, index, list, index])
    }

    func statusList(id: String) throws -> StatusListRecord? {
        try StatusListRow.fetchOne(db, key: id)?.list()
    }

    func statusLists(purpose: StatusPurpose?) throws -> [StatusListRecord] {
        var request = StatusListRow.all()
        if let purpose { request = request.filter(Column("purpose") == purpose) }
        return try request.order(Column("id")).fetchAll(db).map { try $0.list() }
    }

    // Every completion allocates two indexes: reading whole rows (16 KiB of bits and the signed
    // list credential each) was the top cost of a burst, so this reads four narrow columns.
    func statusListUsage(purpose: StatusPurpose) throws -> [StatusListUsage] {
        // `IS NOT NULL` reads the column's type from the record header, not the signed credential.
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, capacity, allocated, signedCredentialJSON IS NOT NULL AS isPublished
                FROM statusList WHERE purpose = ? ORDER BY id
                """)
        return try Row.fetchAll(statement, arguments: [purpose]).map { row in
            StatusListUsage(id: row["id"], capacity: row["capacity"], allocated: row["allocated"], isPublished: row["isPublished"])
        }
    }

    func lastAuditEntry() throws -> AuditEntry? {
        // Read before every audit entry is appended (several per completion): prepared once per connection.
        try AuditEntryRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(AuditEntryRow.columnList) FROM auditEntry ORDER BY sequence DESC LIMIT 1"))?.entry()
    }

    func auditEntries(from sequence: Int, limit: Int) throws -> [AuditEntry] {
        try AuditEntryRow.filter(Column("sequence") >= sequence).order(Column("sequence")).limit(max(limit, 0)).fetchAll(db)
            .map { try $0.entry() }
    }

    func outboxMessage(id: String) throws -> OutboxMessage? {
        try OutboxMessageRow.fetchOne(db, key: id)?.message()
    }

    func outboxMessages(state: OutboxState?) throws -> [OutboxMessage] {
        var request = OutboxMessageRow.all()
        if let state { request = request.filter(Column("state") == state) }
        return try request.order(Column("createdAt"), Column("id")).fetchAll(db).map { try $0.message() }
    }

    func outboxCounts() throws -> [OutboxCount] {
        try Row.fetchAll(
            db, sql: "SELECT state, channel, count(*) AS count FROM outboxMessage GROUP BY state, channel ORDER BY state, channel"
        ).map { row in
            OutboxCount(
                state: try StoredName.decode(row["state"], as: OutboxState.self, of: "the outbox", column: "state"),
                channel: try StoredName.decode(row["channel"], as: OutboxChannel.self, of: "the outbox", column: "channel"),
                count: row["count"])
        }
    }
}
