import Ed25519
import Foundation
import Testing

/// Issue 20's "done means" with real processes: three `attest serve` on one PostgreSQL (a data
/// folder each, one shared key folder, as Spec/deployment.md says), 2,000 completion events signed with
/// `X-Attest-Signature` and posted concurrently across them, one instance SIGKILLed half-way and
/// restarted on its port. In the end: exactly one credential per event, no status index twice,
/// every certificate email received by a real SMTP server (aiosmtpd) once — at most one twice, the
/// crash bound of Spec/delivery.md for one kill —, `attest audit verify` passes, and every
/// credential verifies with `attest-verify` against the status lists the instances serve.
@Suite("Three attest serve on one PostgreSQL: 2,000 events, one SIGKILL half-way")
struct MultiInstancePostgresTests {
    /// The issue's figure; `ATTEST_E2E_MULTI_INSTANCE_EVENTS` makes a quicker local run possible.
    static let events = ProcessInfo.processInfo.environment["ATTEST_E2E_MULTI_INSTANCE_EVENTS"].flatMap(Int.init) ?? 2000
    /// Concurrent clients, spread over the instances.
    static let clients = 12

    @Test("2,000 events across three instances, one killed and restarted: one credential each, unique indexes, mail once, all verify")
    func threeInstancesOneKill() async throws {
        let began = ContinuousClock.now
        let database = try PostgresDatabase.fresh()
        // Instance A's address is the issuer's did:web and status list host, so attest-verify reaches them.
        let port = try LoopbackPort.unused()
        let workspace = try IssuerWorkspace()
        let made = try PostgresCLITests.attest(
            workspace, database,
            ["init", "--name", "Northwind Safety Academy", "--base-url", "http://127.0.0.1:\(port)", "--keys", workspace.keys])
        try #require(made.status == 0, "init: \(made.standardError)")
        try #require(try PostgresCLITests.attest(workspace, database, ["programs", "add", IssuerWorkspace.exampleProgram]).status == 0)
        let lms = try LMSKey(workspace, database)

        let sink = try MessageIDSink(folder: workspace.folder, listeners: 3)
        // Each instance has its own data folder, as Spec/deployment.md runs them: attest.json and
        // sealing.key the same (copied), the key folder shared (named in attest.json), the audit head its own.
        let folders = try [workspace] + (1...2).map { _ in try IssuerWorkspace() }
        for other in folders.dropFirst() { try FileManager.default.copyItem(atPath: workspace.data, toPath: other.data) }
        func serve(_ index: Int, port: Int = 0, name: String) throws -> RunningServer {
            try RunningServer(
                folders[index], port: port, arguments: ["--smtp-url", sink.url(index)], name: name, environment: database.environment)
        }
        let first = try serve(0, port: port, name: "serve-a")
        let second = try serve(1, name: "serve-b")
        let third = try serve(2, name: "serve-c")
        let addresses = [first.address, second.address, third.address]

        let poster = MultiInstancePoster(addresses: addresses, lms: lms)
        let posting = Task { try await poster.postAll(count: Self.events, clients: Self.clients) }

        // Half-way (observed in the database, not timed): SIGKILL the third, then start it again on its port.
        let deadline = ContinuousClock.now + .seconds(600)
        while try database.count("SELECT count(*) FROM completion") < Self.events / 2 {
            try #require(ContinuousClock.now < deadline, "never reached half-way")
            try await Task.sleep(for: .milliseconds(100))
        }
        third.process.kill()
        #expect(third.process.wait() != 0 && third.process.wasKilled)
        // Email rows claimed when the kill came: the one the killed instance held (if any) is among them.
        let claimedAtKill = Set(
            try rows(database, "SELECT id FROM outboxMessage WHERE channel = 'email' AND state = 'pending' AND attempts >= 1"))
        let pendingAtKill = try database.count("SELECT count(*) FROM credential WHERE state = 'pending'")
        print("multi-instance: killed serve-c at \(ContinuousClock.now - began) with \(pendingAtKill) credentials pending")
        let restarted = try serve(2, port: third.port, name: "serve-c-restarted")
        #expect(restarted.waitForLog("startup work done"), "\(restarted.process.errorOutput)")

        let outcome = try await posting.value
        print("multi-instance: \(Self.events) events answered at \(ContinuousClock.now - began); retried \(outcome.retries)")
        #expect(outcome.accepted == Self.events)
        #expect(outcome.refused.isEmpty, "refused: \(outcome.refused.prefix(5))")
        #expect(outcome.retries > 0 || pendingAtKill == 0, "nothing was cut by the kill")

        // Every credential finished (the restart finishes what the killed instance left pending).
        try await Self.waitUntil("no credential pending") {
            try database.count("SELECT count(*) FROM credential WHERE state = 'pending'") == 0
        }
        #expect(try database.count("SELECT count(*) FROM completion") == Self.events)
        #expect(try database.count("SELECT count(*) FROM credential") == Self.events)
        #expect(try database.count("SELECT count(*) FROM credential WHERE state = 'active'") == Self.events)
        #expect(try database.count("SELECT count(DISTINCT learnerID) FROM credential") == Self.events)
        // No status index twice, and every list's count matches the credentials pointing at it.
        #expect(try database.count("SELECT count(DISTINCT (revocationList, revocationIndex)) FROM credential") == Self.events)
        #expect(try database.count("SELECT count(DISTINCT (suspensionList, suspensionIndex)) FROM credential") == Self.events)
        #expect(
            try database.count(
                """
                SELECT count(*) FROM statusList WHERE allocated <>
                (SELECT count(*) FROM credential WHERE revocationList = statusList.id OR suspensionList = statusList.id)
                """) == 0)

        try await expectEveryEmailOnce(database, sink, claimedAtKill: claimedAtKill)

        // The chain verifies from every instance's folder, each checking the heads it recorded.
        for folder in folders {
            let audit = try PostgresCLITests.attest(folder, database, ["audit", "verify"])
            #expect(audit.status == 0, "audit verify: \(audit.standardOutput) \(audit.standardError)")
        }
        try await expectEveryCredentialVerifies(database, workspace, addresses: addresses)

        for server in [first, second, restarted] {
            let stopped = server.stop()
            #expect(stopped.status == 0 && !stopped.wasKilled, "\(server.process.errorOutput.suffix(2000))")
        }
        print("multi-instance: done at \(ContinuousClock.now - began)")
    }

    /// Each certificate email arrives; only a row the killed instance had claimed may arrive twice
    /// (after its lease, moved into the past here rather than waited for five minutes).
    func expectEveryEmailOnce(_ database: PostgresDatabase, _ sink: MessageIDSink, claimedAtKill: Set<String>) async throws {
        let unsent = "SELECT count(*) FROM outboxMessage WHERE channel = 'email' AND state <> 'sent'"
        try await Self.waitUntil("every email sent but the one in doubt") { try database.count(unsent) <= 1 }
        let inDoubt = try rows(database, "SELECT id FROM outboxMessage WHERE channel = 'email' AND state <> 'sent'")
        #expect(Set(inDoubt).isSubset(of: claimedAtKill), "a row not claimed at the kill is unsent: \(inDoubt)")
        if !inDoubt.isEmpty {
            try database.psql("UPDATE outboxMessage SET nextAttemptAt = createdAt WHERE state = 'pending' AND channel = 'email'")
            try await Self.waitUntil("the row in doubt sent after its lease") { try database.count(unsent) == 0 }
        }
        let emailRows = Set(try rows(database, "SELECT id FROM outboxMessage WHERE channel = 'email' AND event = 'credential.issued'"))
        #expect(emailRows.count == Self.events)
        let received = sink.messageIDs()
        let receivedRows = received.map { String($0.dropFirst().prefix { $0 != "@" }) }
        #expect(
            Set(receivedRows).isSuperset(of: emailRows), "\(emailRows.subtracting(receivedRows).count) certificate emails never arrived")
        let twice = Dictionary(grouping: receivedRows, by: { $0 }).filter { $0.value.count > 1 }
        print(
            "multi-instance: \(received.count) emails for \(emailRows.count) rows; in doubt after the kill: \(inDoubt.count), twice: \(twice.count)"
        )
        #expect(
            twice.count <= 1 && twice.values.allSatisfy { $0.count == 2 }, "more duplicates than one kill allows: \(twice.keys.sorted())")
        #expect(Set(twice.keys).isSubset(of: claimedAtKill), "a duplicate that no kill explains: \(twice.keys.sorted())")
        #expect(received.count == Set(receivedRows).count + twice.count)
        // All three instances delivered, the restarted one included (port 2 is the third's, before and after).
        for listener in 0..<3 { #expect(!sink.messageIDs(listener: listener).isEmpty, "instance \(listener) sent no email") }
    }

    /// Every credential, as stored, verifies offline against the served DID document and the served
    /// status lists; a sample also verifies online through each instance's `/c/ID` (no cache).
    func expectEveryCredentialVerifies(_ database: PostgresDatabase, _ workspace: IssuerWorkspace, addresses: [String]) async throws {
        let folder = workspace.folder.appendingPathComponent("verify")
        let certificates = folder.appendingPathComponent("certificates")
        try FileManager.default.createDirectory(at: certificates, withIntermediateDirectories: true)
        let did = try await HTTPExchange.send("GET", "\(addresses[0])/.well-known/did.json")
        #expect(did.status == 200)
        try did.body.write(to: folder.appendingPathComponent("did.json"))
        var statusArguments: [String] = []
        for list in try rows(database, "SELECT id FROM statusList ORDER BY id") {
            let served = try await HTTPExchange.send("GET", "\(addresses[0])/status/\(list)")
            #expect(served.status == 200, "status list \(list): \(served.status)")
            let file = folder.appendingPathComponent("status-\(list).json")
            try served.body.write(to: file)
            statusArguments += ["--status-list", file.path]
        }
        let documents = try rows(
            database, "SELECT credentialID || '|' || encode(bytes, 'hex') FROM credentialDocument WHERE kind = 'json' ORDER BY credentialID"
        )
        #expect(documents.count == Self.events)
        var ids: [String] = []
        for row in documents {
            let parts = row.split(separator: "|", maxSplits: 1).map(String.init)
            let bytes = try #require(parts.count == 2 ? LowercaseHex.decode(parts[1]) : nil, "not hex: \(row.prefix(80))")
            try Data(bytes).write(to: certificates.appendingPathComponent("\(parts[0]).json"))
            ids.append(parts[0])
        }
        let offline = try Executables.run(
            "attest-verify",
            ["--offline", "--trust", folder.appendingPathComponent("did.json").path] + statusArguments + [certificates.path])
        let summary = offline.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        #expect(offline.status == 0, "\(summary) \(offline.standardError.prefix(500))")
        #expect(summary == "\(Self.events) files: \(Self.events) valid, 0 invalid, 0 indeterminate, 0 unusable", "\(summary)")

        // Online: 30 credentials spread over the list, each through one of the three instances.
        let step = max(1, ids.count / 30)
        for (number, id) in stride(from: 0, to: ids.count, by: step).map({ ids[$0] }).enumerated() {
            let online = try Executables.run(
                "attest-verify", LiveRevocationTests.localOption + ["--no-cache", "\(addresses[number % 3])/c/\(id)"])
            #expect(online.status == 0, "\(id): \(online.standardOutput) \(online.standardError)")
        }
    }

    /// The rows of a one-column query.
    func rows(_ database: PostgresDatabase, _ sql: String) throws -> [String] {
        let result = try database.psql(sql)
        try #require(result.status == 0, "\(sql): \(result.standardError)")
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    /// Polls (never a timing assertion: the deadline only stops a hung run) until `condition` holds.
    static func waitUntil(_ what: String, deadline seconds: Int = 300, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while try !condition() {
            try #require(ContinuousClock.now < deadline, "gave up waiting: \(what)")
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}

/// An `lms` API key as `attest api-keys create` prints it: the bearer token and the HMAC secret.
struct LMSKey: Sendable {
    let token: String
    let secret: String

    init(_ workspace: IssuerWorkspace, _ database: PostgresDatabase) throws {
        let created = try PostgresCLITests.attest(workspace, database, ["api-keys", "create", "--role", "lms", "--name", "lms"])
        try #require(created.status == 0, "api-keys create: \(created.standardError)")
        let lines = created.standardOutput.split(separator: "\n").map(String.init)
        token = try #require(lines.last { $0.hasPrefix("attest_") }, "no token: \(created.standardOutput)")
        secret = try #require(
            lines.first { $0.hasPrefix("HMAC secret") }?.split(separator: " ").last.map(String.init), "no secret: \(created.standardOutput)"
        )
    }

    /// `X-Attest-Signature: t=NOW,v1=HMAC-SHA256(secret, "t.body")`, as an LMS signs an event.
    func signature(_ body: Data) -> String {
        let timestamp = Int(Date().timeIntervalSince1970)
        return "t=\(timestamp),v1="
            + LowercaseHex.encode(HMAC.sha256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + Array(body)))
    }
}
