import Foundation
import Testing

/// Issue 20 point 4: a signing-key rotation done on one instance is used by all of them without a
/// restart. Two `attest serve` on one PostgreSQL, each with its own data folder and one shared key
/// folder (Spec/deployment.md); `attest keys rotate` runs as an admin runs it, beside instance A;
/// instance B, never restarted, then signs with the new key, found through the database's record
/// and the shared folder, and both credentials verify against the DID document A serves.
@Suite("attest serve: a key rotation reaches every instance on PostgreSQL")
struct PostgresKeyRotationAcrossInstancesTests {
    @Test func aRotationBesideOneInstanceIsUsedByTheOtherWithoutARestart() async throws {
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
        // B's data folder is a copy of A's: the same attest.json, so the same (shared) key folder.
        let other = try IssuerWorkspace()
        try FileManager.default.copyItem(atPath: workspace.data, toPath: other.data)

        let first = try RunningServer(workspace, port: port, name: "serve-a", environment: database.environment)
        let second = try RunningServer(other, name: "serve-b", environment: database.environment)
        for server in [first, second] { #expect(server.waitForLog("startup work done"), "\(server.process.errorOutput)") }

        let before = try await issue(0, through: second, lms: lms, database: database)
        let rotated = try PostgresCLITests.attest(workspace, database, ["keys", "rotate"])
        try #require(rotated.status == 0, "keys rotate: \(rotated.standardError)")
        let newMethod = try #require(
            rotated.standardOutput.split(separator: " ").first { $0.contains("#key-") }.map(String.init), "\(rotated.standardOutput)")
        let after = try await issue(1, through: second, lms: lms, database: database)

        #expect(before.method != newMethod, "the first credential was already signed with the key rotated in")
        #expect(after.method == newMethod, "instance B kept signing with \(after.method) after the rotation to \(newMethod)")
        // Both instances serve a DID document with both keys, without a restart.
        for server in [first, second] {
            let did = try await HTTPExchange.send("GET", "\(server.address)/.well-known/did.json")
            let methods = try #require(try did.json()["verificationMethod"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(Set(methods) == [before.method, newMethod], "\(server.address): \(methods)")
        }
        try await expectBothVerify([before, after], workspace: workspace, first: first, second: second, database: database)

        for server in [first, second] {
            let stopped = server.stop()
            #expect(stopped.status == 0 && !stopped.wasKilled, "\(server.process.errorOutput.suffix(2000))")
        }
    }

    /// One issued credential: its id, its signed JSON and its proof's `verificationMethod`.
    struct Issued {
        let id: String
        let json: Data
        let method: String
    }

    /// Posts completion event `number` to `server` and waits until that instance has signed its credential.
    func issue(_ number: Int, through server: RunningServer, lms: LMSKey, database: PostgresDatabase) async throws -> Issued {
        let body = MultiInstancePoster.event(number)
        let headers = [
            "Content-Type": "application/json", "Authorization": "Bearer \(lms.token)", "X-Attest-Signature": lms.signature(body),
        ]
        let posted = try await HTTPExchange.send("POST", "\(server.address)/api/v1/events", headers: headers, body: body)
        try #require(posted.status == 202, "event \(number): \(posted.status) \(posted.text)")
        let learner = "(SELECT id FROM learner WHERE externalID = 'multi-learner-\(number)')"
        let active = "SELECT count(*) FROM credential WHERE learnerID = \(learner) AND state = 'active'"
        try await MultiInstancePostgresTests.waitUntil("credential \(number) issued", deadline: 120) { try database.count(active) == 1 }
        let row = try database.psql(
            """
            SELECT c.id || '|' || encode(d.bytes, 'hex') FROM credential c JOIN credentialDocument d ON d.credentialID = c.id
            WHERE c.learnerID = \(learner) AND d.kind = 'json'
            """)
        let parts = row.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", maxSplits: 1).map(String.init)
        let bytes = try #require(
            parts.count == 2 ? LowercaseHex.decode(parts[1]) : nil, "\(row.standardOutput.prefix(80)) \(row.standardError)")
        let credential = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        // One proof, as an object or (as Attest writes it) a one-element array.
        let proofs = (credential["proof"] as? [[String: Any]]) ?? [(credential["proof"] as? [String: Any])].compactMap { $0 }
        let proof = try #require(proofs.count == 1 ? proofs.first : nil, "not one proof: \(String(describing: credential["proof"]))")
        let method = try #require(proof["verificationMethod"] as? String, "no verificationMethod")
        return Issued(id: parts[0], json: Data(bytes), method: method)
    }

    /// Each credential verifies offline against the DID document and status lists instance A serves,
    /// and online through instance B's `/c/ID` (which resolves the did:web at A, uncached).
    func expectBothVerify(
        _ credentials: [Issued], workspace: IssuerWorkspace, first: RunningServer, second: RunningServer, database: PostgresDatabase
    ) async throws {
        let folder = workspace.folder.appendingPathComponent("verify")
        let certificates = folder.appendingPathComponent("certificates")
        try FileManager.default.createDirectory(at: certificates, withIntermediateDirectories: true)
        let did = try await HTTPExchange.send("GET", "\(first.address)/.well-known/did.json")
        try did.body.write(to: folder.appendingPathComponent("did.json"))
        var statusArguments: [String] = []
        let lists = try database.psql("SELECT id FROM statusList ORDER BY id").standardOutput.split(separator: "\n")
        #expect(!lists.isEmpty)
        for list in lists {
            let served = try await HTTPExchange.send("GET", "\(first.address)/status/\(list)")
            #expect(served.status == 200, "status list \(list): \(served.status)")
            let file = folder.appendingPathComponent("status-\(list).json")
            try served.body.write(to: file)
            statusArguments += ["--status-list", file.path]
        }
        for credential in credentials {
            try credential.json.write(to: certificates.appendingPathComponent("\(credential.id).json"))
        }
        let offline = try Executables.run(
            "attest-verify",
            ["--offline", "--trust", folder.appendingPathComponent("did.json").path] + statusArguments + [certificates.path])
        let summary = offline.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        #expect(offline.status == 0 && summary == "2 files: 2 valid, 0 invalid, 0 indeterminate, 0 unusable", "\(offline.standardOutput)")
        for credential in credentials {
            let online = try Executables.run(
                "attest-verify", LiveRevocationTests.localOption + ["--no-cache", "\(second.address)/c/\(credential.id)"])
            #expect(online.status == 0, "\(credential.id): \(online.standardOutput) \(online.standardError)")
        }
    }
}
