import GRDB

extension StoreSchema {
    /// Registers the staff console's indexes (issue 17 points 5, 8 and 12).
    static func registerConsoleIndexes(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11-console-indexes") { db in
            try db.execute(sql: version11ConsoleIndexes)
        }
    }

    /// The dashboard counts completions, credentials and outbox messages of the last 7 and 30 days
    /// (by `receivedAt`, `issuedAt`, `createdAt`), and the credentials list filters by when a
    /// credential was issued (finding a learner by the reporting system's id uses
    /// `learner_by_external_id` of `v12-learner-search`). Indexes only: no row changes.
    static let version11ConsoleIndexes = """
        CREATE INDEX credential_by_issued_at ON credential(issuedAt);
        CREATE INDEX completion_by_received_at ON completion(receivedAt);
        CREATE INDEX outboxMessage_by_created_at ON outboxMessage(createdAt);
        """
}
