import Foundation
import GRDB
import IssuerCore
import Testing

@testable import SQLiteStore

/// The `v7-credential-documents` migration on a file written before it: every credential's signed
/// JSON, PDF and PNG leave the row for `credentialDocument`, byte for byte.
@Suite("Migration v7-credential-documents")
struct DocumentsMigrationTests {
    let scratch: TemporaryDirectory
    let path: String

    init() throws {
        scratch = try TemporaryDirectory()
        path = scratch.file("attest.sqlite")
    }

    /// Bytes that are not text and not all alike: every value 0…255, then a pseudo-random tail.
    static func bytes(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data(
            (0..<count).map { index -> UInt8 in
                if index < 256 { return UInt8(index) }
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            })
    }

    static let json = Data(#"{"id":"urn:uuid:1","name":"Zoë"}"#.utf8)
    static let pdf = bytes(300_000, seed: 1)
    static let png = bytes(70_000, seed: 2)

    /// A file at `v6-compromised-keys` with a signed credential (JSON, PDF, PNG), one without a
    /// PNG, and a pending one with no files, written with raw SQL as that schema stored them.
    func makeVersion6File() throws {
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v2")
        let program = String(decoding: try JSONEncoder().encode(Samples.program()), as: UTF8.self)
        try queue.write { db throws in
            try db.execute(
                sql: "INSERT INTO learner (id, externalID, email, legalName) VALUES ('lrn-1', 'lms-user-1', 'a@example.org', 'Zoë')")
            try db.execute(
                sql: "INSERT INTO learner (id, externalID, email, legalName) VALUES ('lrn-2', 'lms-user-2', 'b@example.org', 'Ana')")
            try db.execute(sql: "INSERT INTO program (id, version, definition) VALUES ('working-at-height', 1, ?)", arguments: [program])
            for (number, learner) in [(1, "lrn-1"), (2, "lrn-2"), (3, "lrn-2")] {
                try db.execute(
                    sql: """
                        INSERT INTO completion (id, source, eventID, programID, learnerID, event, receivedAt, state, reasons)
                        VALUES (?, 'lms', ?, 'working-at-height', ?, '{}', '2026-11-23T09:00:00.000000000Z', 'issued', '[]')
                        """, arguments: ["cmp-\(number)", "e-\(number)", learner])
            }
        }
        try StoreSchema.migrator.migrate(queue, upTo: "v6-compromised-keys")
        try queue.write { db in
            let insert = """
                INSERT INTO credential (id, insertionOrder, learnerID, programID, programVersion, completionID, issuedAt, state,
                    revocationList, revocationIndex, suspensionList, suspensionIndex, passcode, credentialJSON, pdf, png)
                VALUES (?, ?, ?, 'working-at-height', 1, ?, '2026-11-23T09:00:00.000000000Z', ?,
                    'revocation-1', ?, 'suspension-1', ?, ?, ?, ?, ?)
                """
            try db.execute(
                sql: insert, arguments: ["CRED1", 1, "lrn-1", "cmp-1", "active", 7, 7, "ABCDE-FGHJK", Self.json, Self.pdf, Self.png])
            try db.execute(
                sql: insert, arguments: ["CRED2", 2, "lrn-2", "cmp-2", "superseded", 8, 8, "BCDEF-GHJKL", Self.json, Self.pdf, nil])
            try db.execute(sql: insert, arguments: ["CRED3", 3, "lrn-2", "cmp-3", "pending", 9, 9, nil, nil, nil, nil])
        }
    }

    @Test func everyFileMovesByteForByteAndTheColumnsGo() async throws {
        try makeVersion6File()
        let store = try SQLiteIssuerStore(path: path)

        let first = try #require(try await store.read { try $0.credential(id: "CRED1") })
        #expect(first.credentialJSON == Self.json)
        #expect(first.pdf == Self.pdf)
        #expect(first.png == Self.png)
        #expect(first.passcode == "ABCDE-FGHJK")
        let second = try #require(try await store.read { try $0.credential(id: "CRED2") })
        #expect(second.pdf == Self.pdf && second.credentialJSON == Self.json && second.png == nil)
        let pending = try #require(try await store.read { try $0.credential(id: "CRED3") })
        #expect(pending.credentialJSON == nil && pending.pdf == nil && pending.png == nil)

        let summaries = try await store.read { try $0.credentialSummaries(filter: CredentialFilter()) }
        #expect(summaries.map(\.id) == ["CRED1", "CRED2", "CRED3"])
        #expect(summaries.map(\.isSigned) == [true, true, false])
        #expect(summaries.map(\.hasPDF) == [true, true, false])
        #expect(summaries.map(\.hasPNG) == [true, false, false])
        #expect(try await store.read { try $0.credentialDocument(.pdf, credentialID: "CRED1") } == Self.pdf)

        try await DatabaseQueue(path: path).read { db throws in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").contains("v7-credential-documents"))
            let columns = try db.columns(in: "credential").map(\.name)
            #expect(!columns.contains("pdf") && !columns.contains("png") && !columns.contains("credentialJSON"))
            #expect(columns.last == "claimedAt")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM credentialDocument") == 5)
            #expect(
                try Data.fetchOne(db, sql: "SELECT bytes FROM credentialDocument WHERE credentialID = 'CRED2' AND kind = 'pdf'") == Self.pdf
            )
        }
    }

    @Test func theTableRefusesAnUnknownKindAndAnUnknownCredential() async throws {
        try makeVersion6File()
        _ = try SQLiteIssuerStore(path: path)
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO credentialDocument VALUES ('CRED3', 'docx', x'00')") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO credentialDocument VALUES ('NOPE', 'pdf', x'00')") }
        }
    }
}
