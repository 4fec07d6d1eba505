import Foundation
import GRDB
import IssuerCore
import Testing

@testable import SQLiteStore

/// The `v4-claims` migration on a file written before it existed: a database at `v2` with a
/// credential in it is opened by the current store.
@Suite("Migration v4-claims")
struct ClaimsMigrationTests {
    let scratch: TemporaryDirectory
    let path: String

    init() throws {
        scratch = try TemporaryDirectory()
        path = scratch.file("attest.sqlite")
    }

    /// A file at schema `v2` holding one learner, program, completion and credential, written with raw SQL as v2 wrote them.
    func makeVersion2File() throws {
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v2")
        let program = String(decoding: try JSONEncoder().encode(Samples.program()), as: UTF8.self)
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO learner (id, externalID, email, legalName) VALUES ('lrn-1', 'lms-user-1', 'a@example.org', 'Zoë')")
            try db.execute(sql: "INSERT INTO program (id, version, definition) VALUES ('working-at-height', 1, ?)", arguments: [program])
            try db.execute(
                sql: """
                    INSERT INTO completion (id, source, eventID, programID, learnerID, event, receivedAt, state, reasons)
                    VALUES ('cmp-1', 'lms', 'e-1', 'working-at-height', 'lrn-1', '{}', '2026-11-23T09:00:00.000000000Z', 'issued', '[]')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO credential (id, insertionOrder, learnerID, programID, programVersion, completionID, issuedAt, state,
                        revocationList, revocationIndex, suspensionList, suspensionIndex, passcode)
                    VALUES ('CRED1', 1, 'lrn-1', 'working-at-height', 1, 'cmp-1', '2026-11-23T09:00:00.000000000Z', 'active',
                        'revocation-1', 7, 'suspension-1', 7, 'ABCDE-FGHJK')
                    """)
        }
        #expect(
            try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") } == ["v1", "v2"])
    }

    @Test func aVersion2FileGainsClaimsAndKeepsItsCredentials() async throws {
        try makeVersion2File()
        let store = try SQLiteIssuerStore(path: path)
        let before = try #require(try await store.read { try $0.credential(id: "CRED1") })
        #expect(before.claimedAt == nil)
        #expect(before.passcode == "ABCDE-FGHJK")
        #expect(before.revocationIndex == 7)

        let claimedAt = Date(timeIntervalSince1970: 1_795_424_400.25)
        try await store.write { transaction in
            var record = try #require(try transaction.credential(id: "CRED1"))
            record.claimedAt = claimedAt
            try transaction.updateCredential(record)
        }
        let reopened = try SQLiteIssuerStore(path: path)
        #expect(try await reopened.read { try $0.credential(id: "CRED1")?.claimedAt } == claimedAt)
        try await DatabaseQueue(path: path).read { db in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").contains("v4-claims"))
            let columns = try db.columns(in: "credential").map(\.name)
            #expect(columns.last == "claimedAt")
        }
    }

    @Test func issuerSecretsAreMadeOnceAndNeverReplaced() async throws {
        try makeVersion2File()
        let store = try SQLiteIssuerStore(path: path)
        #expect(try await store.read { try $0.issuerSecret(name: "claim-token") } == nil)
        let secret = [UInt8](repeating: 0xA5, count: 32)
        try await store.write { try $0.insertIssuerSecret(name: "claim-token", value: secret) }
        await #expect {
            try await store.write { try $0.insertIssuerSecret(name: "claim-token", value: [UInt8](repeating: 1, count: 32)) }
        } throws: { ($0 as? IssuerError)?.code == .duplicate }
        #expect(try await store.read { try $0.issuerSecret(name: "claim-token") } == secret)
        // The table itself refuses a replacement and a short secret, even through raw SQL.
        let raw = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "UPDATE issuerSecret SET value = zeroblob(32) WHERE name = 'claim-token'") }
        }
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "INSERT INTO issuerSecret (name, value) VALUES ('short', x'0102')") }
        }
    }
}
