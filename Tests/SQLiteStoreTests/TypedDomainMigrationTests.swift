import Foundation
import GRDB
import IssuerCore
import Testing

@testable import SQLiteStore

/// The `v9-typed-domain` migration: outbox rows and status lists written at `v8` keep every value
/// through the table rebuilds, and afterwards the tables refuse names the domain does not know,
/// even from raw SQL.
@Suite("Migration v9-typed-domain")
struct TypedDomainMigrationTests {
    let scratch: TemporaryDirectory
    let path: String

    init() throws {
        scratch = try TemporaryDirectory()
        path = scratch.file("attest.sqlite")
    }

    /// A file at `v8-program-names` with one outbox row per state and channel and both lists.
    private func fileAtVersion8(extra: ((Database) throws -> Void)? = nil) throws {
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v8-program-names")
        try queue.write { db in
            for (id, channel, event, state, attempts, next) in [
                ("out-1", "email", "credential.issued", "pending", 0, "2026-11-23T09:47:51.123456789Z"),
                ("out-2", "webhook", "credential.revoked", "sent", 1, nil),
                ("out-3", "email", "learner.link", "failed", 7, nil),
            ] as [(String, String, String, String, Int, String?)] {
                try db.execute(
                    sql: """
                        INSERT INTO outboxMessage (id, channel, event, subjectID, recipient, createdAt, state, attempts, nextAttemptAt, lastError)
                        VALUES (?, ?, ?, 'cred-1', 'ana@example.org', '2026-11-23T09:47:50.000000000Z', ?, ?, ?, ?)
                        """,
                    arguments: [id, channel, event, state, attempts, next, state == "failed" ? "550 no such mailbox" : nil])
            }
            for (id, purpose, published) in [("revocation-1", "revocation", true), ("suspension-1", "suspension", false)] {
                try db.execute(
                    sql: """
                        INSERT INTO statusList (id, purpose, capacity, allocated, bits, signedCredentialJSON, updatedAt)
                        VALUES (?, ?, 131072, 3, ?, ?, '2026-11-23T09:47:51.000000000Z')
                        """,
                    arguments: [id, purpose, Data(repeating: 0b0000_0100, count: 16_384), published ? Data("{\"signed\":true}".utf8) : nil])
            }
            try extra?(db)
        }
        try queue.close()
    }

    @Test func rowsKeepEveryValueAndIndexesComeBack() async throws {
        try fileAtVersion8()
        let store = try SQLiteIssuerStore(path: path)
        let messages = try await store.read { try $0.outboxMessages(state: nil) }
        #expect(messages.map(\.id) == ["out-1", "out-2", "out-3"])
        #expect(messages.map(\.channel) == [.email, .webhook, .email])
        #expect(messages.map(\.event) == [.credentialIssued, .credentialRevoked, .learnerLink])
        #expect(messages.map(\.state) == [.pending, .sent, .failed])
        #expect(messages.map(\.attempts) == [0, 1, 7])
        #expect(messages[0].nextAttemptAt != nil && messages[1].nextAttemptAt == nil)
        #expect(messages[2].lastError == "550 no such mailbox")
        #expect(try await store.read { try $0.outboxMessages(state: .failed) }.map(\.id) == ["out-3"])

        let revocation = try #require(try await store.read { try $0.statusList(id: "revocation-1") })
        #expect(revocation.purpose == .revocation && revocation.allocated == 3)
        #expect(revocation.bits == Data(repeating: 0b0000_0100, count: 16_384))
        #expect(revocation.signedCredentialJSON == Data("{\"signed\":true}".utf8))
        #expect(try await store.read { try $0.statusListUsage(purpose: .suspension) }.map(\.isPublished) == [false])

        let raw = try DatabaseQueue(path: path)
        let indexes = try await raw.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('outboxMessage', 'statusList') AND sql IS NOT NULL ORDER BY name"
            )
        }
        #expect(Set(indexes).isSuperset(of: ["outboxMessage_by_state", "statusList_by_purpose"]))
        #expect(
            try await raw.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }.contains("v9-typed-domain"))
    }

    @Test(arguments: [
        "UPDATE outboxMessage SET state = 'lost' WHERE id = 'out-1'",
        "UPDATE outboxMessage SET channel = 'sms' WHERE id = 'out-1'",
        "UPDATE outboxMessage SET event = 'credential.exploded' WHERE id = 'out-1'",
        "UPDATE statusList SET purpose = 'refresh' WHERE id = 'revocation-1'",
    ])
    func unknownNamesAreRefusedBySQL(statement: String) async throws {
        try fileAtVersion8()
        _ = try SQLiteIssuerStore(path: path)
        let raw = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try raw.write { db in try db.execute(sql: statement) } }
    }

    @Test func anUnknownNameStopsTheMigrationByName() throws {
        try fileAtVersion8 { db in try db.execute(sql: "UPDATE outboxMessage SET channel = 'pigeon' WHERE id = 'out-2'") }
        #expect(throws: IssuerError.self) { _ = try SQLiteIssuerStore(path: path) }
        do {
            _ = try SQLiteIssuerStore(path: path)
        } catch {
            #expect("\(error)".contains("\"pigeon\""))
        }
    }

    @Test func theCheckListsNameOnlyDomainNames() {
        let names = Dictionary(uniqueKeysWithValues: StoreSchema.version9Names.map { ("\($0.table).\($0.column)", Set($0.names)) })
        #expect(names["outboxMessage.channel"] == Set(OutboxChannel.allCases.map(\.rawValue)))
        #expect(names["outboxMessage.event"]?.isSubset(of: OutboxEvent.allCases.map(\.rawValue)) == true)
        #expect(names["outboxMessage.state"] == Set(OutboxState.allCases.map(\.rawValue)))
        #expect(names["statusList.purpose"] == Set(StatusPurpose.allCases.map(\.rawValue)))
        for (_, column, list) in StoreSchema.version9Names {
            for name in list { #expect(StoreSchema.version9TypedDomain.contains("'\(name)'"), "\(column) \(name) is not in the CHECK") }
        }
    }

    /// Every name the domain has can be stored by the current schema: a new case without a
    /// migration that widens the `CHECK` fails here, not in production.
    @Test func everyDomainNameIsStorable() async throws {
        let store = try SQLiteIssuerStore(path: path)
        var expected: [OutboxMessage] = []
        for (number, event) in OutboxEvent.allCases.enumerated() {
            let channel = OutboxChannel.allCases[number % OutboxChannel.allCases.count]
            var message = OutboxMessage(
                id: "out-\(number)", channel: channel, event: event, subjectID: "s", recipient: nil, createdAt: Samples.date(Double(number))
            )
            message.state = OutboxState.allCases[number % OutboxState.allCases.count]
            expected.append(message)
        }
        let messages = expected
        try await store.write { transaction in for message in messages { try transaction.saveOutboxMessage(message) } }
        #expect(try await store.read { try $0.outboxMessages(state: nil) } == expected)
        for purpose in StatusPurpose.allCases {
            try await store.write { try $0.saveStatusList(Samples.statusList(purpose)) }
            #expect(try await store.read { try $0.statusLists(purpose: purpose) }.map(\.purpose) == [purpose])
        }
    }

    @Test func aStoredUnknownNameIsRefusedWhenRead() async throws {
        try fileAtVersion8()
        _ = try SQLiteIssuerStore(path: path)
        // Only a file changed outside Attest can hold one: drop the CHECK the way a hand edit would.
        let raw = try DatabaseQueue(path: path)
        try await raw.write { db in
            try db.execute(sql: "PRAGMA writable_schema = ON")
            try db.execute(
                sql: "UPDATE sqlite_master SET sql = replace(sql, ?, '') WHERE name = 'outboxMessage'",
                arguments: ["CHECK (state IN ('pending', 'sent', 'failed'))"])
            try db.execute(sql: "PRAGMA writable_schema = OFF")
        }
        try raw.close()
        let reopened = try DatabaseQueue(path: path)
        try await reopened.write { db in try db.execute(sql: "UPDATE outboxMessage SET state = 'lost' WHERE id = 'out-1'") }
        try reopened.close()
        let store = try SQLiteIssuerStore(path: path)
        do {
            _ = try await store.read { try $0.outboxMessages(state: nil) }
            Issue.record("an unknown state was read")
        } catch {
            #expect("\(error)".contains("\"lost\""))
        }
    }
}
