import Foundation
import GRDB
import IssuerCore
import Testing

@testable import SQLiteStore

/// Credentials without their files, and the files one at a time, read the same in every store;
/// SQLite's listings never read the bytes.
@Suite("IssuerStore credential summaries and documents")
struct CredentialDocumentStoreTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    /// Learners 1 and 2, an active credential of learner 1 with every file, and a pending one of
    /// learner 2 with none.
    func seeded(_ kind: StoreKind) async throws -> any IssuerStore {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction throws in
            try Samples.seed(in: transaction)
            try transaction.insertCompletion(Samples.completion("cmp-2", learner: 2))
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 1))
            var pending = Samples.credential("cred-2", learner: 2, completion: "cmp-2", state: .pending, revocationIndex: 2)
            pending.credentialJSON = nil
            pending.pdf = nil
            pending.png = nil
            try transaction.insertCredential(pending)
        }
        return store
    }

    @Test(arguments: StoreKind.allCases)
    func summariesAreTheRecordsWithoutTheirFiles(kind: StoreKind) async throws {
        let store = try await seeded(kind)
        try await store.read { reading throws in
            let records = try reading.credentials(filter: CredentialFilter())
            #expect(try reading.credentialSummaries(filter: CredentialFilter()) == records.map(CredentialRecordSummary.init))
            #expect(try reading.credentialSummaries(filter: CredentialFilter(states: [.pending])).map(\.id) == ["cred-2"])
            #expect(try reading.credentialSummaries(filter: CredentialFilter(learnerID: "lrn-1", limit: 1)).map(\.id) == ["cred-1"])
            #expect(try reading.credentialSummaries(filter: CredentialFilter(limit: 0)).isEmpty)
            let active = try #require(try reading.credentialSummary(id: "cred-1"))
            #expect(active.isSigned && active.hasPDF && active.hasPNG && active.hasPreview)
            let pending = try #require(try reading.credentialSummary(id: "cred-2"))
            #expect(!pending.isSigned && !pending.hasPDF && !pending.hasPNG && !pending.hasPreview)
            #expect(try reading.credentialSummary(id: "cred-9") == nil)
            #expect(try reading.credentialSummary(passcode: "ABCD-EFGH") == CredentialRecordSummary(records[0]))
            #expect(try reading.credentialSummary(passcode: "ZZZZ-ZZZZ") == nil)
            #expect(try reading.currentCredentialSummary(learnerID: "lrn-2", programID: "working-at-height")?.id == "cred-2")
            #expect(try reading.currentCredentialSummary(learnerID: "lrn-3", programID: "working-at-height") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func eachFileIsReadAloneAndUpdatesReplaceOrRemoveIt(kind: StoreKind) async throws {
        let store = try await seeded(kind)
        let sample = Samples.credential("cred-1", revocationIndex: 1)
        try await store.read { reading throws in
            for documentKind in CredentialDocumentKind.allCases {
                #expect(try reading.credentialDocument(documentKind, credentialID: "cred-1") == sample.document(documentKind))
                #expect(try reading.credentialDocument(documentKind, credentialID: "cred-2") == nil)
            }
            #expect(try reading.credentialDocument(.pdf, credentialID: "cred-9") == nil)
        }
        let newPDF = Data(repeating: 0x25, count: 4096)
        try await store.write { transaction throws in
            var record = try #require(try transaction.credential(id: "cred-1"))
            record.pdf = newPDF
            record.png = nil
            try transaction.updateCredential(record)
        }
        try await store.read { reading throws in
            #expect(try reading.credentialDocument(.pdf, credentialID: "cred-1") == newPDF)
            #expect(try reading.credentialDocument(.png, credentialID: "cred-1") == nil)
            #expect(try reading.credentialDocument(.json, credentialID: "cred-1") == sample.credentialJSON)
            #expect(try reading.credentialSummary(id: "cred-1")?.hasPNG == false)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func outboxCountsGroupByStateAndChannel(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction throws in
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-1", createdAt: 1))
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-2", createdAt: 2))
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-3", createdAt: 3, state: .failed))
            var webhook = Samples.outboxMessage("out-4", createdAt: 4)
            webhook.channel = .webhook
            try transaction.saveOutboxMessage(webhook)
        }
        #expect(
            try await store.read { try $0.outboxCounts() } == [
                OutboxCount(state: .failed, channel: .email, count: 1), OutboxCount(state: .pending, channel: .email, count: 2),
                OutboxCount(state: .pending, channel: .webhook, count: 1),
            ])
    }

    /// Every statement SQLite runs for a listing, a summary and intake's check, traced: none names
    /// the file bytes or says `SELECT *`.
    @Test func listingsNeverReadTheFiles() async throws {
        let path = scratch.file("attest.sqlite")
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { transaction throws in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 1))
        }
        let queue = try DatabaseQueue(path: path)
        let statements = try await queue.read { db throws in
            let traced = Traced()
            db.trace(options: .statement) { event in traced.append("\(event)") }
            let reading = SQLiteTransaction(db, sealer: SecretSealing.ephemeralSealer())
            #expect(try reading.credentialSummaries(filter: CredentialFilter()).map(\.hasPDF) == [true])
            #expect(try reading.credentialSummaries(filter: CredentialFilter(learnerID: "lrn-1", states: [.active], limit: 5)).count == 1)
            #expect(try reading.credentialSummary(id: "cred-1")?.isSigned == true)
            #expect(try reading.currentCredentialSummary(learnerID: "lrn-1", programID: "working-at-height")?.id == "cred-1")
            #expect(try reading.credentialSummary(passcode: "ABCD-EFGH")?.id == "cred-1")
            // The full record does read the files: the trace sees it, so the check below can fail.
            #expect(try reading.credential(id: "cred-1")?.pdf != nil)
            return traced.statements
        }
        let listings = statements.dropLast(2)
        #expect(listings.count >= 4)
        for statement in listings {
            #expect(!statement.contains("bytes") && !statement.contains("*"), "\(statement)")
            #expect(!statement.contains("pdf,") && !statement.contains("credentialJSON"), "\(statement)")
        }
        #expect(statements.last?.contains("bytes") == true)
    }
}

/// The statements a trace saw (the trace callback is not `Sendable`-checked by the compiler).
private final class Traced: @unchecked Sendable {
    private(set) var statements: [String] = []
    func append(_ statement: String) { statements.append(statement) }
}
