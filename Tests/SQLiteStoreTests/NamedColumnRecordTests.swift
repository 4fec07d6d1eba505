import GRDB
import Testing

@testable import SQLiteStore

/// Each row type's column list, which its requests select instead of `*`, is exactly its table's
/// columns in the current schema: a migration that adds or drops a column fails here first.
@Suite("Named column lists")
struct NamedColumnRecordTests {
    static let rows: [any NamedColumnRecord.Type] = [
        IssuerRow.self, SigningKeyRow.self, ProgramRow.self, LearnerRow.self, CompletionRow.self, AuditEntryRow.self,
        OutboxMessageRow.self, StatusListRow.self, APIKeyRow.self, LearnerLinkRow.self, TrainingConfigurationRow.self,
        TrainingAssignmentRow.self, TrainingCompletionRow.self, ComplianceWatchRow.self, StaffSessionRow.self, CredentialOfferRow.self, WalletNonceRow.self,
        WalletExchangeRow.self, ProgramRolloutRow.self, ShadowDecisionRow.self, RolloutCheckRow.self,
    ]

    @Test func everyListIsItsTablesColumns() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue)
        try queue.read { db in
            for row in Self.rows {
                let columns = try db.columns(in: row.databaseTableName).map(\.name)
                #expect(row.columnNames == columns, "\(row.databaseTableName)")
            }
        }
    }

    @Test func requestsNameTheirColumns() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue)
        let sql = try queue.read { db in try LearnerRow.all().makePreparedRequest(db).statement.sql }
        #expect(!sql.contains("*"), "\(sql)")
        #expect(sql.contains("\"externalID\""), "\(sql)")
    }
}
