import GRDB
import Testing

@testable import SQLiteStore

/// Migrations run in the order of their names, so the list reads as the history it is.
@Suite("Migration order")
struct MigrationOrderTests {
    /// The version number in a migration's name: `v3-compliance` is 3.
    private func version(_ name: String) throws -> Int {
        let digits = name.dropFirst().prefix { $0.isNumber }
        return try #require(name.first == "v" ? Int(digits) : nil, "migration \(name) is not named vN-…")
    }

    @Test("every migration is registered after the ones whose version number is lower")
    func registeredInNameOrder() throws {
        let names = StoreSchema.migrator.migrations
        let versions = try names.map(version)
        #expect(versions == versions.sorted(), "registered as \(names)")
        #expect(Set(versions).count == versions.count, "two migrations share a version: \(names)")
    }

    @Test("names of shipped migrations stay as databases know them")
    func shippedNamesStay() {
        let shipped = [
            "v1", "v2", "v3-compliance", "v4-claims", "v5-security", "v6-compromised-keys", "v7-credential-documents",
            "v8-program-names",
        ]
        #expect(Array(StoreSchema.migrator.migrations.prefix(shipped.count)) == shipped)
    }
}
