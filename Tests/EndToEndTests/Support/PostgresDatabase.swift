import Foundation
import Testing

/// A PostgreSQL database of its own for one test: made with `psql` in the server that
/// `scripts/test.sh` started (`ATTEST_TEST_POSTGRES_URL`), or in a cluster the test starts itself
/// with `scripts/postgres.sh` when it must stop the server. Never a mock.
struct PostgresDatabase {
    /// `postgres://attest:PASSWORD@127.0.0.1:PORT/NAME`.
    let url: String
    /// The cluster's folder when this test started the cluster itself (``stopCluster()`` removes it).
    let clusterFolder: String?

    /// The password in ``url``, which must never show in what Attest prints.
    var password: String { String(url.split(separator: ":")[2].split(separator: "@")[0]) }

    /// A new, empty database in the shared test server.
    static func fresh() throws -> PostgresDatabase {
        guard let server = ProcessInfo.processInfo.environment["ATTEST_TEST_POSTGRES_URL"], !server.isEmpty else {
            throw Unavailable(
                description: "ATTEST_TEST_POSTGRES_URL is not set: run scripts/test.sh, or scripts/postgres.sh start DIR and export the URL"
            )
        }
        return try create(in: server, clusterFolder: nil)
    }

    /// A new cluster of this test's own (stopped by ``stopCluster()``), with a new database in it.
    static func ownCluster() throws -> PostgresDatabase {
        let folder = try Executables.temporaryDirectory().appendingPathComponent("cluster").path
        let started = try Executables.runProgram("bash", [Self.script, "start", folder])
        guard started.status == 0 else { throw Unavailable(description: "scripts/postgres.sh start: \(started.standardError)") }
        return try create(in: started.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), clusterFolder: folder)
    }

    private static func create(in server: String, clusterFolder: String?) throws -> PostgresDatabase {
        let name = "e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let made = try Executables.runProgram("psql", [server, "-qAt", "-c", "CREATE DATABASE \(name)"])
        guard made.status == 0 else { throw Unavailable(description: "CREATE DATABASE: \(made.standardError)") }
        let base = server[..<(server.lastIndex(of: "/") ?? server.endIndex)]
        return PostgresDatabase(url: "\(base)/\(name)", clusterFolder: clusterFolder)
    }

    /// Runs SQL with `psql` (rows `|`-separated, unaligned).
    @discardableResult
    func psql(_ sql: String) throws -> Executables.Result {
        try Executables.runProgram("psql", [url, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// One number from a query such as `SELECT count(*) FROM credential`.
    func count(_ sql: String) throws -> Int {
        let result = try psql(sql)
        return try #require(Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)), "\(sql): \(result.standardError)")
    }

    /// Stops the cluster this test started (and removes its folder).
    func stopCluster() throws {
        guard let clusterFolder else { return }
        _ = try Executables.runProgram("bash", [Self.script, "stop", clusterFolder])
    }

    /// The environment that points `attest` at this database.
    var environment: [String: String] { ["ATTEST_DATABASE_URL": url] }

    private static let script = IssuerWorkspace.repositoryRoot.appendingPathComponent("scripts/postgres.sh").path

    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }
}
