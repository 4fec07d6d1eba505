import Foundation
import Testing

/// Revocation seen live: while the real `attest serve` runs, a change made through its admin API is
/// what the real `attest-verify URL` (no cache, did:web and the status lists fetched from the
/// server) reports on its next run.
@Suite("attest-verify sees a revocation, suspension and reinstatement made through the running server's API")
struct LiveRevocationTests {
    /// `--allow-local` when this attest-verify has it (loopback targets may need the opt-in).
    static let localOption: [String] = {
        let help = (try? Executables.run("attest-verify", ["--help"]))?.standardOutput ?? ""
        return help.contains("--allow-local") ? ["--allow-local"] : []
    }()

    /// An issuer whose public address is the server's, with `count` credentials; the server running.
    /// The base URL must name the port before the server binds it, so if another process took that
    /// port in between, the whole issuer is made again on a fresh one (at most three times).
    static func issuer(credentials count: Int, suspendable: Bool = false) throws -> (IssuerWorkspace, RunningServer, [String]) {
        for attempt in 1...3 {
            do {
                return try issuer(credentials: count, port: try LoopbackPort.unused(), suspendable: suspendable)
            } catch is RunningServer.StartFailed where attempt < 3 {
                continue
            }
        }
        throw RunningServer.StartFailed(description: "unreachable")
    }

    static func issuer(credentials count: Int, port: Int, suspendable: Bool = false) throws -> (IssuerWorkspace, RunningServer, [String]) {
        let workspace = try IssuerWorkspace()
        let initialized = try workspace.attest([
            "init", "--name", "Northwind Safety Academy", "--base-url", "http://127.0.0.1:\(port)", "--keys", workspace.keys,
        ])
        try #require(initialized.status == 0, "init: \(initialized.standardError)")
        try #require(try workspace.attest(["programs", "add", IssuerWorkspace.exampleProgram]).status == 0)
        if suspendable { try workspace.makeExampleProgramSuspendable() }
        var ids: [String] = []
        for number in 1...count {
            let issued = try workspace.attest([
                "issue", "--program", IssuerWorkspace.programID, "--learner-id", "live-\(number)", "--email", "live\(number)@example.org",
                "--name", "Learner \(number)", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds",
                "--module", "harness",
            ])
            let id = issued.standardOutput.split(separator: " ").dropFirst().first.map(String.init)
            ids.append(try #require(issued.standardOutput.hasPrefix("issued ") ? id : nil, "issue: \(issued.standardOutput)"))
        }
        return (workspace, try RunningServer(workspace, port: port), ids)
    }

    /// The real verifier on the credential's URL, fetching everything afresh.
    static func verify(_ server: RunningServer, _ id: String) throws -> Executables.Result {
        try Executables.run("attest-verify", localOption + ["--no-cache", "\(server.address)/c/\(id)"])
    }

    static func post(_ server: RunningServer, _ path: String, token: String, body: String? = nil) async throws -> HTTPExchange {
        try await HTTPExchange.send(
            "POST", "\(server.address)\(path)", headers: ServeCommandTests.bearer(token), body: body.map { Data($0.utf8) })
    }

    @Test("revoked through POST /api/v1/credentials/{id}/revoke: the next attest-verify run says INVALID, revoked")
    func revocation() async throws {
        let (workspace, server, ids) = try Self.issuer(credentials: 1)
        let token = try ServeCommandTests.createKey(workspace, role: "issuer", name: "registrar")
        let before = try Self.verify(server, ids[0])
        #expect(before.status == 0, "\(before.standardOutput) \(before.standardError)")
        #expect(before.standardOutput.contains(": VALID"), "\(before.standardOutput)")

        let revoked = try await Self.post(
            server, "/api/v1/credentials/\(ids[0])/revoke", token: token, body: #"{"reason": "issued in error"}"#)
        #expect(revoked.status == 200, "\(revoked.text)")
        let after = try Self.verify(server, ids[0])
        #expect(after.status == 1, "\(after.standardOutput) \(after.standardError)")
        #expect(after.standardOutput.contains("INVALID"))
        #expect(after.standardOutput.contains("revoked"), "\(after.standardOutput)")
        _ = server.stop()
    }

    @Test("suspended through the API: INVALID, suspended; reinstated: VALID again")
    func suspensionAndReinstatement() async throws {
        let (workspace, server, ids) = try Self.issuer(credentials: 2, suspendable: true)
        let token = try ServeCommandTests.createKey(workspace, role: "issuer", name: "registrar")
        let (id, bystander) = (ids[0], ids[1])
        #expect(try Self.verify(server, id).status == 0)

        let suspended = try await Self.post(server, "/api/v1/credentials/\(id)/suspend", token: token, body: #"{"reason": "under review"}"#)
        #expect(suspended.status == 200, "\(suspended.text)")
        let whileSuspended = try Self.verify(server, id)
        #expect(whileSuspended.status == 1, "\(whileSuspended.standardOutput) \(whileSuspended.standardError)")
        #expect(whileSuspended.standardOutput.contains("INVALID"))
        #expect(whileSuspended.standardOutput.contains("suspended"), "\(whileSuspended.standardOutput)")
        // The same lists, another index: the other certificate stays valid.
        let other = try Self.verify(server, bystander)
        #expect(other.status == 0, "\(other.standardOutput)")

        let reinstated = try await Self.post(server, "/api/v1/credentials/\(id)/reinstate", token: token)
        #expect(reinstated.status == 200, "\(reinstated.text)")
        let afterwards = try Self.verify(server, id)
        #expect(afterwards.status == 0, "\(afterwards.standardOutput) \(afterwards.standardError)")
        #expect(afterwards.standardOutput.contains(": VALID"), "\(afterwards.standardOutput)")
        _ = server.stop()
    }
}
