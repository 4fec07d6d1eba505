import Foundation
import Testing

/// A temporary folder holding one issuer (its data folder and key store), with helpers that run
/// the real `attest` against it and read its SQLite file with the system's `sqlite3`.
struct IssuerWorkspace {
    /// The checkout: `Spec/examples/` lives here (symbolic links resolved, for a dev package that links the tests in).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let exampleProgram = repositoryRoot.appendingPathComponent("Spec/examples/program.json").path
    static let exampleCompletions = repositoryRoot.appendingPathComponent("Spec/examples/completions.csv").path
    static let programID = "working-at-height-2"

    let folder: URL
    var data: String { path("data") }
    var keys: String { path("keys") }
    var database: String { path("data/attest.sqlite") }

    /// A fresh, empty folder (no issuer yet).
    init() throws {
        folder = try Executables.temporaryDirectory()
    }

    /// A path inside the workspace.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes a text file into the workspace and returns its path.
    @discardableResult
    func write(_ text: String, _ name: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// `Spec/examples/program.json` with `edit` applied to its JSON object, written into the
    /// workspace as `name` (keys sorted); returns its path.
    func exampleProgram(_ name: String, _ edit: (inout [String: Any]) throws -> Void) throws -> String {
        guard
            var program = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.exampleProgram)))
                as? [String: Any]
        else { throw CocoaError(.fileReadCorruptFile) }
        try edit(&program)
        return try write(String(decoding: try JSONSerialization.data(withJSONObject: program, options: [.sortedKeys]), as: UTF8.self), name)
    }

    /// `attest ARGUMENTS --data DATA`.
    @discardableResult
    func attest(_ arguments: [String], environment: [String: String] = [:]) throws -> Executables.Result {
        try Executables.run("attest", arguments + ["--data", data], environment: environment)
    }

    /// `attest init` for a Northwind issuer at https://certs.example.org, keys in `keys/`.
    @discardableResult
    func initialize() throws -> Executables.Result {
        let result = try attest(["init", "--name", "Northwind Safety Academy", "--base-url", "https://certs.example.org", "--keys", keys])
        #expect(result.status == 0, "init: \(result.standardError)")
        return result
    }

    /// An issuer with the example program added.
    static func withExampleProgram() throws -> IssuerWorkspace {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        let added = try workspace.attest(["programs", "add", exampleProgram])
        #expect(added.status == 0, "programs add: \(added.standardError)")
        return workspace
    }

    /// Imports a CSV for the example program.
    @discardableResult
    func importCSV(_ file: String) throws -> Executables.Result {
        try attest(["import", file, "--program", Self.programID])
    }

    /// The rows of `credentials list --json`, decoded.
    func credentials() throws -> [[String: String]] {
        let listed = try attest(["credentials", "list", "--json"])
        #expect(listed.status == 0, "credentials list: \(listed.standardError)")
        return try listed.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        }
    }

    /// Runs SQL on the issuer's database with the system's sqlite3 (rows `|`-separated).
    @discardableResult
    func sqlite(_ sql: String) throws -> Executables.Result {
        try Executables.runProgram("sqlite3", ["-batch", "-cmd", ".timeout 10000", database, sql])
    }

    /// One number from a query such as `SELECT count(*) FROM credential`.
    func count(_ sql: String) throws -> Int {
        let result = try sqlite(sql)
        return try #require(Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)), "\(sql): \(result.standardError)")
    }

    /// `attest keys export-public` saved as did.json, `status-lists publish` into `site/`, then
    /// `attest-verify --offline` of one exported credential file against both. `environment`
    /// selects the store (`ATTEST_DATABASE_URL` for a PostgreSQL copy of this issuer).
    func verifyOffline(_ file: String, exportDIDDocument: Bool = true, environment: [String: String] = [:]) throws -> Executables.Result {
        if exportDIDDocument {
            let document = try attest(["keys", "export-public"], environment: environment)
            #expect(document.status == 0, "\(document.standardError)")
            try write(document.standardOutput, "did.json")
        }
        let published = try attest(["status-lists", "publish", "--out", path("site")], environment: environment)
        #expect(published.status == 0, "\(published.standardError)")
        return try Executables.run(
            "attest-verify",
            [
                "--offline", "--trust", path("did.json"), "--status-list", path("site/status/revocation-1"), "--status-list",
                path("site/status/suspension-1"), file,
            ])
    }

    /// `credentials export ID --out exported/` and the path of the JSON file, checked against
    /// 1EdTech's Open Badges 3.0 JSON Schema.
    func export(_ id: String) throws -> String {
        let exported = try attest(["credentials", "export", id, "--out", path("exported")])
        #expect(exported.status == 0, "\(exported.standardError)")
        try Self.expectConformingOpenBadge(path("exported/\(id).json"))
        return path("exported/\(id).json")
    }
}
