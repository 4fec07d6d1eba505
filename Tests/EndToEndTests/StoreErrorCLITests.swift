import Foundation
import Testing

/// A database that cannot be opened stops `attest` with one clear line and a non-zero status: the
/// store's error is the issuer's error (`IssuerError` `storeUnavailable`), printed as its reason,
/// not as a Swift enum case.
@Suite("attest: a broken database is reported in one line")
struct StoreErrorCLITests {
    @Test func aFileThatIsNotADatabaseStopsTheCommandWithOneLine() throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        try Data("name,email\nZoë,zoe@example.org\n".utf8).write(to: URL(fileURLWithPath: workspace.database))
        let result = try workspace.attest(["credentials", "list"])
        #expect(result.status != 0)
        let lines = result.standardError.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(lines == ["Error: cannot open the database \(workspace.database): file is not a database"], "\(result.standardError)")
    }
}
