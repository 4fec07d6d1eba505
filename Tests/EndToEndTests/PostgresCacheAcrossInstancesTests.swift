import Foundation
import Testing

/// Issue 20 point 4: a revocation made through one instance reaches the other instance's
/// verification page within its page cache's time (`--page-cache-seconds`), and its status list
/// at once (served from the database on every request; verifiers cache it for the list's `ttl`).
@Suite("attest serve: caches across instances on PostgreSQL")
struct PostgresCacheAcrossInstancesTests {
    @Test func aRevocationOnOneInstanceShowsOnTheOtherWithinTheCacheTime() async throws {
        let database = try PostgresDatabase.fresh()
        let workspace = try PostgresCLITests.issuer(on: database)
        let imported = try workspace.attest(
            ["import", IssuerWorkspace.exampleCompletions, "--program", IssuerWorkspace.programID], environment: database.environment)
        #expect(imported.status == 0, "\(imported.standardError)")
        let listed = try workspace.attest(["credentials", "list", "--json"], environment: database.environment)
        let line = try #require(listed.standardOutput.split(separator: "\n").first)
        let id = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])["id"] ?? nil
        let credential = try #require(id)

        let cacheSeconds = 2.0
        let arguments = ["--page-cache-seconds", "\(Int(cacheSeconds))"]
        let first = try RunningServer(workspace, arguments: arguments, name: "serve-a", environment: database.environment)
        let second = try RunningServer(workspace, arguments: arguments, name: "serve-b", environment: database.environment)
        // The second instance has the page cached as VALID, and the list as it was.
        let cached = try await HTTPExchange.send("GET", "\(second.address)/c/\(credential)")
        #expect(cached.status == 200 && cached.text.contains(">VALID</h1>"), "\(cached.text.prefix(300))")
        let listBefore = try await HTTPExchange.send("GET", "\(second.address)/status/revocation-1")
        #expect(listBefore.status == 200)

        // Revoked through the first instance's API.
        let created = try workspace.attest(
            ["api-keys", "create", "--role", "issuer", "--name", "registrar"], environment: database.environment)
        #expect(created.status == 0, "\(created.standardError)")
        let token = try #require(created.standardOutput.split(separator: "\n").last.map(String.init))
        let revoked = try await HTTPExchange.send(
            "POST", "\(first.address)/api/v1/credentials/\(credential)/revoke", headers: ServeCommandTests.bearer(token),
            body: Data(#"{"reason":"issued in error"}"#.utf8))
        #expect(revoked.status == 200, "\(revoked.text)")
        let revokedAt = Date()

        // The list on the other instance changed at once (its ETag is the signed list's hash).
        let listAfter = try await HTTPExchange.send("GET", "\(second.address)/status/revocation-1")
        #expect(listAfter.status == 200 && listAfter.header("ETag") != listBefore.header("ETag"))
        // Once the page cache's time has passed since the revocation, the other instance says REVOKED.
        let wait = cacheSeconds + 0.5 - Date().timeIntervalSince(revokedAt)
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        let page = try await HTTPExchange.send("GET", "\(second.address)/c/\(credential)")
        #expect(page.text.contains(">REVOKED</h1>") && !page.text.contains(">VALID</h1>"), "\(page.text.prefix(300))")
        _ = first.stop()
        _ = second.stop()
    }
}
