import Foundation
import Testing

/// Issue 14 (points 2, 6 and 13) against the real `attest serve`: hostile uploads do not starve
/// other requests, `--trusted-proxy` decides whose address a forwarding header may name, and
/// secrets come from files or the environment instead of the command line.
@Suite("attest serve: the public edge")
struct ServeEdgeTests {
    /// Three 7 MiB floods of `-` against a 70-character boundary at once: `/health` still
    /// answers while they are in flight, and each flood gets its 400 (or a 503 when the upload
    /// slots are full). Before the linear scan, a debug build spent about 25 s per 2 MiB.
    @Test func healthAnswersWhileUploadFloodsAreInFlight() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let server = try RunningServer(workspace, arguments: ["--verify-lookups-per-minute", "100"])
        let boundary = String(repeating: "-", count: 69) + "x"
        let flood = Data(repeating: UInt8(ascii: "-"), count: 7 << 20)
        let address = server.address
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await HTTPExchange.send(
                        "POST", "\(address)/verify", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: flood
                    ).status
                }
            }
            var healthy = false
            let deadline = Date().addingTimeInterval(30)
            while !healthy && Date() < deadline {
                healthy = (try? await HTTPExchange.send("GET", "\(server.address)/health").status) == 200
            }
            #expect(healthy, "/health did not answer within 30 s while uploads were in flight")
            for try await status in group { #expect(status == 400 || status == 503, "\(status)") }
        }
        #expect(server.stop().status == 0)
    }

    /// The limit per client follows `X-Forwarded-For` only from a trusted peer.
    @Test(arguments: [false, true])
    func forwardedForCountsOnlyFromATrustedProxy(trusted: Bool) async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let proxy = trusted ? ["--trusted-proxy", "127.0.0.0/8", "--trusted-proxy", "::1/128"] : ["--trusted-proxy", "10.0.0.0/8"]
        let server = try RunningServer(
            workspace, arguments: ["--verify-lookups-per-minute", "2"] + proxy, environment: try Self.frozenClock(in: workspace))
        func lookup(from client: String) async throws -> Int {
            try await HTTPExchange.send(
                "GET", "\(server.address)/verify?passcode=00000-00000", headers: ["X-Forwarded-For": client, "Accept": "application/json"]
            ).status
        }
        #expect(try await lookup(from: "198.51.100.1") == 404)
        #expect(try await lookup(from: "198.51.100.1") == 404)
        // A third lookup of one client is limited; another client's is limited only when the header is not believed.
        #expect(try await lookup(from: "198.51.100.1") == 429)
        #expect(try await lookup(from: "198.51.100.2") == (trusted ? 404 : 429))
        #expect(server.stop().status == 0)
    }

    /// Unknown `/c/{id}` ids run out per client (`--credential-misses-per-minute`); the answer is 429.
    @Test func unknownCredentialIdsAreLimited() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let server = try RunningServer(
            workspace, arguments: ["--credential-misses-per-minute", "2"], environment: try Self.frozenClock(in: workspace))
        var statuses: [Int] = []
        for id in ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC"] {
            statuses.append(try await HTTPExchange.send("GET", "\(server.address)/c/\(id)", headers: ["Accept": "application/json"]).status)
        }
        #expect(statuses == [404, 404, 429])
        #expect(server.stop().status == 0)
    }

    /// A clock file holding one moment (`ATTEST_CLOCK_FILE`): the buckets never refill while the
    /// test runs, however slowly a loaded machine answers, so the limit is reached exactly.
    static func frozenClock(in workspace: IssuerWorkspace) throws -> [String: String] {
        let formatter = ISO8601DateFormatter()
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        return ["ATTEST_CLOCK_FILE": try workspace.write(formatter.string(from: now) + "\n", "clock")]
    }

    /// `--metrics-token-file`: the token never appears on the command line; without it `/metrics` is off.
    @Test func metricsTokenFromAFile() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let token = "scrape-" + UUID().uuidString
        let file = try workspace.write(token + "\n", "metrics-token")
        let server = try RunningServer(workspace, arguments: ["--metrics-token-file", file])
        #expect(server.process.output.contains("/metrics (bearer token)"))
        #expect(try await HTTPExchange.send("GET", "\(server.address)/metrics").status == 401)
        #expect(
            try await HTTPExchange.send("GET", "\(server.address)/metrics", headers: ["Authorization": "Bearer wrong-\(token)"]).status
                == 401)
        let scraped = try await HTTPExchange.send("GET", "\(server.address)/metrics", headers: ["Authorization": "Bearer \(token)"])
        #expect(scraped.status == 200 && scraped.text.contains("# TYPE"), "\(scraped.text)")
        #expect(server.stop().status == 0)

        let off = try RunningServer(workspace, name: "serve-off")
        #expect(off.process.output.contains("off (no --metrics-token)"))
        #expect(try await HTTPExchange.send("GET", "\(off.address)/metrics", headers: ["Authorization": "Bearer \(token)"]).status == 404)
        #expect(off.stop().status == 0)
    }

    /// `api-keys create --hmac-secret-file` and `--hmac-secret-env`: the key signs with the secret.
    @Test func hmacSecretFromAFileAndFromTheEnvironment() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let file = try workspace.write("file-secret-0123456789\n", "hmac-secret")
        let fromFile = try workspace.attest(["api-keys", "create", "--role", "lms", "--name", "from-file", "--hmac-secret-file", file])
        #expect(fromFile.status == 0, "\(fromFile.standardError)")
        let fromEnvironment = try workspace.attest(
            ["api-keys", "create", "--role", "lms", "--name", "from-env", "--hmac-secret-env", "LMS_SECRET"],
            environment: ["LMS_SECRET": "env-secret-0123456789"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.standardError)")
        // The given secret was taken: none was made up and printed.
        for created in [fromFile, fromEnvironment] { #expect(!created.standardOutput.contains("HMAC secret"), "\(created.standardOutput)") }
        let listed = try workspace.attest(["api-keys", "list"]).standardOutput
        #expect(listed.split(separator: "\n").filter { $0.contains("from-") && $0.contains("hmac") }.count == 2, "\(listed)")

        let missing = try workspace.attest(
            ["api-keys", "create", "--role", "lms", "--name", "unset", "--hmac-secret-env", "ATTEST_TEST_UNSET_VARIABLE"])
        #expect(missing.status != 0)
        let both = try workspace.attest(
            [
                "api-keys", "create", "--role", "lms", "--name", "both", "--hmac-secret", "inline-secret-0123456789", "--hmac-secret-file",
                file,
            ])
        #expect(both.status != 0 && both.standardError.contains("not both"), "\(both.standardError)")
    }

    /// `--smtp-url-file`: the SMTP URL (with any password in it) comes from a file; the worker uses it.
    @Test func smtpURLFromAFile() throws {
        let folder = try Executables.temporaryDirectory()
        let csv = folder.appendingPathComponent("two.csv")
        let examples = IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/completions.csv")
        let lines = try String(contentsOf: examples, encoding: .utf8).split(separator: "\n").prefix(3)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: csv)
        let data = try DeliveryCLITests.issuer(in: folder, program: "program.json", importing: csv)
        let closed = try LoopbackPort.unused()
        let file = folder.appendingPathComponent("smtp-url")
        try Data("smtp://127.0.0.1:\(closed)\n".utf8).write(to: file)
        let delivered = try Executables.run(
            "attest", ["deliver", "--data", data, "--smtp-url-file", file.path], environment: ["ATTEST_SMTP_URL": ""])
        #expect(delivered.status == 0, "\(delivered.standardError)")
        // Both emails went to the refused SMTP port of the file (to try again later), none to .eml files.
        #expect(delivered.standardOutput.contains("retrying later 2"), "\(delivered.standardOutput)")
        #expect(delivered.standardError.contains("127.0.0.1:\(closed)"), "\(delivered.standardError)")
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: data).appendingPathComponent("outbox").path))
        let both = try Executables.run("attest", ["deliver", "--data", data, "--smtp-url-file", file.path, "--smtp-url", "smtp://x"])
        #expect(both.status != 0 && both.standardError.contains("not both"), "\(both.standardError)")
    }
}
