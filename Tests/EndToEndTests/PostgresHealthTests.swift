import Foundation
import Testing

/// `/health/live` and `/health/ready` of the real `attest serve` on a real PostgreSQL that the
/// test stops under it: live stays 200 (nothing to restart), ready turns 503 with a problem that
/// says nothing about where the database is.
@Suite("attest serve: health on PostgreSQL")
struct PostgresHealthTests {
    @Test func readyFollowsTheDatabaseAndLiveFollowsTheProcess() async throws {
        let database = try PostgresDatabase.ownCluster()
        defer { try? database.stopCluster() }
        let workspace = try PostgresCLITests.issuer(on: database)
        let server = try RunningServer(workspace, environment: database.environment)

        for path in ["/health", "/health/live"] {
            let answer = try await HTTPExchange.send("GET", server.address + path)
            #expect(answer.status == 200)
            #expect(try answer.json()["status"] as? String == "ok")
        }
        let ready = try await HTTPExchange.send("GET", server.address + "/health/ready")
        #expect(ready.status == 200, "\(ready.text)")
        #expect(try ready.json()["status"] as? String == "ready")
        #expect(ready.header("Cache-Control") == "no-store")

        try database.stopCluster()
        // Polled: connections the server holds notice the stopped server on their next use.
        var answer = try await HTTPExchange.send("GET", server.address + "/health/ready", headers: ["Accept": "application/json"])
        let deadline = Date().addingTimeInterval(60)
        while answer.status == 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            answer = try await HTTPExchange.send("GET", server.address + "/health/ready", headers: ["Accept": "application/json"])
        }
        #expect(answer.status == 503, "\(answer.text)")
        #expect(answer.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(try answer.json()["code"] as? String == "storeUnavailable")
        #expect(answer.header("Retry-After") == "5")
        #expect(!answer.text.contains("127.0.0.1") && !answer.text.contains(database.password) && !answer.text.contains("postgres"))
        let live = try await HTTPExchange.send("GET", server.address + "/health/live")
        #expect(live.status == 200)
        let old = try await HTTPExchange.send("GET", server.address + "/health")
        #expect(old.status == 200)
        _ = server.stop()
    }
}
