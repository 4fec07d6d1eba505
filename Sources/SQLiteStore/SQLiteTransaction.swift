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
        try IssuerRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM issuer WHERE id = ?"), arguments: [IssuerRow.singletonID])?.profile
    }

    // Read on every verification page (with `credential(id:)`): prepared once per connection, since
    // building and preparing the query each time cost as much as running it.
    func signingKeys() throws -> [SigningKeyRecord] {
        try SigningKeyRow.fetchAll(db.cachedStatement(sql: "SELECT * FROM signingKey ORDER BY createdAt, id")).map(\.key)
    }

    func program(id: String) throws -> Program? {
        try ProgramRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM program WHERE id = ?"), arguments: [id])?.definition
    }

    func programs() throws -> [Program] {
        try ProgramRow.order(Column("id")).fetchAll(db).map(\.definition)
    }

    func learner(id: String) throws -> Learner? {
        try LearnerRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM learner WHERE id = ?"), arguments: [id])?.learner
    }

    func learner(externalID: String) throws -> Learner? {
        try LearnerRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM learner WHERE externalID = ? ORDER BY id LIMIT 1"), arguments: [externalID])?
            .learner
    }

    func completion(id: String) throws -> CompletionRecord? {
        try CompletionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM completion WHERE id = ?"), arguments: [id])?.record()
    }

    func completion(source: String, eventID: String) throws -> CompletionRecord? {
        try CompletionRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM completion WHERE source = ? AND eventID = ? LIMIT 1"), arguments: [source, eventID]
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
        try StatusListRow.fetchOne(db, key: id)?.list
    }

    func statusLists(purpose: String?) throws -> [StatusListRecord] {
        var request = StatusListRow.all()
        if let purpose { request = request.filter(Column("purpose") == purpose) }
        return try request.order(Column("id")).fetchAll(db).map(\.list)
    }

    func lastAuditEntry() throws -> AuditEntry? {
        // Read before every audit entry is appended (several per completion): prepared once per connection.
        try AuditEntryRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM auditEntry ORDER BY sequence DESC LIMIT 1"))?.entry()
    }

    func auditEntries(from sequence: Int, limit: Int) throws -> [AuditEntry] {
        try AuditEntryRow.filter(Column("sequence") >= sequence).order(Column("sequence")).limit(max(limit, 0)).fetchAll(db)
            .map { try $0.entry() }
    }

    func outboxMessage(id: String) throws -> OutboxMessage? {
        try OutboxMessageRow.fetchOne(db, key: id)?.message
    }

    func outboxMessages(state: String?) throws -> [OutboxMessage] {
        var request = OutboxMessageRow.all()
        if let state { request = request.filter(Column("state") == state) }
        return try request.order(Column("createdAt"), Column("id")).fetchAll(db).map(\.message)
    }
}
