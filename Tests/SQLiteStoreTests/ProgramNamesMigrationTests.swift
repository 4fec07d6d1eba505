import Foundation
import GRDB
import IssuerCore
import Testing

@testable import SQLiteStore

/// The `v8-program-names` migration: a program stored before templates and page sizes were typed
/// (the CLI then took any page size, and the renderer drew an unknown one as A4) still loads, as
/// what it was drawn as; afterwards the table refuses unknown names even from raw SQL.
@Suite("Migration v8-program-names")
struct ProgramNamesMigrationTests {
    let scratch: TemporaryDirectory
    let path: String

    init() throws {
        scratch = try TemporaryDirectory()
        path = scratch.file("attest.sqlite")
    }

    /// `Samples.program()` as JSON with `template` and `branding.pageSize` set to any text.
    static func definition(id: String, template: String, pageSize: String) throws -> String {
        var object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(Samples.program(id))) as? [String: Any])
        object["template"] = template
        var branding = object["branding"] as? [String: Any] ?? [:]
        branding["pageSize"] = pageSize
        object["branding"] = branding
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func oldRowsLoadAsDrawnAndNewUnknownNamesAreRefused() async throws {
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v7-credential-documents")
        try await queue.write { db in
            for (id, template, pageSize) in [
                ("legacy-a3", "completion", "a3"), ("legacy-poster", "poster", "letter"), ("fine", "achievement", "letter"),
            ] {
                try db.execute(
                    sql: "INSERT INTO program (id, version, definition) VALUES (?, 1, ?)",
                    arguments: [id, try Self.definition(id: id, template: template, pageSize: pageSize)])
            }
        }
        try queue.close()

        let store = try SQLiteIssuerStore(path: path)
        let programs = try await store.read { try $0.programs() }
        let byID = Dictionary(uniqueKeysWithValues: programs.map { ($0.id, $0) })
        #expect(byID["legacy-a3"]?.branding.pageSize == nil)
        #expect(byID["legacy-a3"]?.template == .completion)
        #expect(byID["legacy-poster"]?.template == .completion)
        #expect(byID["legacy-poster"]?.branding.pageSize == .letter)
        #expect(byID["fine"]?.template == .achievement)
        #expect(byID["fine"]?.branding.pageSize == .letter)

        let raw = try DatabaseQueue(path: path)
        for (template, pageSize) in [("poster", "a4"), ("completion", "tabloid")] {
            #expect(throws: DatabaseError.self) {
                try raw.write { db in
                    try db.execute(
                        sql: "INSERT INTO program (id, version, definition) VALUES ('new', 1, ?)",
                        arguments: [try Self.definition(id: "new", template: template, pageSize: pageSize)])
                }
            }
            #expect(throws: DatabaseError.self) {
                try raw.write { db in
                    try db.execute(
                        sql: "UPDATE program SET definition = ? WHERE id = 'fine'",
                        arguments: [try Self.definition(id: "fine", template: template, pageSize: pageSize)])
                }
            }
        }
    }
}
