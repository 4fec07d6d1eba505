import CanonicalJSON
import Foundation
import IssuerCore
import SQLiteStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The cohort over HTTP (issue 22): a fresh `attest init` data folder with the example program, an
/// LMS key made with `attest api-keys create`, one real `attest serve` (SQLite) on 127.0.0.1, and
/// `count` completion events posted to `POST /api/v1/events` by 16 concurrent clients, each signed
/// with `X-Attest-Signature` as an LMS signs it. Timed from the first request to the last credential
/// stored with its PDF (the server finishes a credential before it answers; the store is then read
/// to check every one is active with a PDF, and polled until it is).
struct HTTPBurstBenchmark {
    let report: BenchmarkReport
    let folder: URL
    let count: Int
    /// Concurrent clients, each with one kept-alive connection.
    static let clients = 16

    func run() async {
        report.section("The cohort over HTTP (\(count) events, \(Self.clients) clients, one attest serve on SQLite)")
        do {
            try await measure()
        } catch {
            report.notMeasured("http_burst.\(count).seconds", "s", reason: "\(error)")
        }
    }

    private func measure() async throws {
        let attest = ProcessRunner.buildFolder.appendingPathComponent("attest").path
        guard FileManager.default.isExecutableFile(atPath: attest) else {
            throw ProcessRunner.Failure(description: "attest is not built beside attest-bench")
        }
        let program = URL(fileURLWithPath: "Spec/examples/program.json")
        guard FileManager.default.fileExists(atPath: program.path) else {
            throw ProcessRunner.Failure(description: "run from the checkout's root: Spec/examples/program.json is missing")
        }
        let port = try LocalServer.freePort()
        let base = "http://127.0.0.1:\(port)"
        let data = folder.appendingPathComponent("http-burst-data").path
        let keys = folder.appendingPathComponent("http-burst-keys").path
        try LocalServer.check(
            ProcessRunner.run(attest, ["init", "--name", "Northwind Safety Academy", "--base-url", base, "--data", data, "--keys", keys]),
            "attest init")
        try LocalServer.check(ProcessRunner.run(attest, ["programs", "add", program.path, "--data", data]), "attest programs add")
        let created = try ProcessRunner.run(attest, ["api-keys", "create", "--role", "lms", "--name", "bench-lms", "--data", data])
        try LocalServer.check(created, "attest api-keys create")
        let lines = created.output.split(separator: "\n").map(String.init)
        guard let token = lines.last(where: { $0.hasPrefix("attest_") }),
            let secretLine = lines.first(where: { $0.hasPrefix("HMAC secret") }), let secret = secretLine.split(separator: " ").last
        else {
            throw ProcessRunner.Failure(description: "attest api-keys create printed no token and secret: \(created.output.prefix(300))")
        }

        let server = Process()
        server.executableURL = URL(fileURLWithPath: attest)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--log-level", "warning"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let session = Self.session()
        try await LocalServer.waitForHealth(base: base)

        let bodies = (0..<count).map(Self.event)
        let poster = EventPoster(session: session, url: URL(string: base + "/api/v1/events")!, token: token, secret: String(secret))
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for client in 0..<Self.clients {
                let mine = stride(from: client, to: bodies.count, by: Self.clients).map { bodies[$0] }
                group.addTask { try await poster.post(mine) }
            }
            var all: [Double] = []
            for try await some in group { all += some }
            return all
        }
        let answered = ContinuousClock.now
        let store = try SQLiteIssuerStore(path: data + "/attest.sqlite")
        let deadline = answered + .seconds(120)
        var stored = 0
        while ContinuousClock.now < deadline {
            stored = try await store.read { reading in
                try reading.credentialSummaries(filter: CredentialFilter(states: [.active])).filter(\.hasPDF).count
            }
            if stored >= count { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let end = ContinuousClock.now
        guard stored >= count else {
            throw ProcessRunner.Failure(description: "\(stored) of \(count) credentials were active with a PDF 120 s after the last answer")
        }
        let wall = (end - start).seconds
        let prefix = "http_burst.\(count)"
        report.add(
            "\(prefix).seconds", wall, "s",
            note: "first request → last credential stored with its PDF; \(Self.clients) clients; target ≤ 10 for 2,000")
        report.add("\(prefix).certificates_per_s", Double(count) / wall, "certs/s")
        report.add(
            "\(prefix).latency_p50_ms", latencies.percentile(0.5) * 1_000, "ms", note: "one POST, answered after its credential is finished"
        )
        report.add("\(prefix).latency_p99_ms", latencies.percentile(0.99) * 1_000, "ms")
        report.add("\(prefix).store_check_ms", (end - answered).seconds * 1_000, "ms", note: "last answer → every credential seen stored")
    }

    /// A completion event of the example program for learner `number`, as an LMS posts it.
    static func event(_ number: Int) -> [UInt8] {
        let event: JSONValue = .object([
            "eventId": .string("http-burst-\(number)"),
            "program": .string("working-at-height-2"),
            "learner": .object([
                "id": .string("hb-\(number)"), "email": .string("learner\(number)@example.org"),
                "legalName": .string("Learner Number \(number)"),
            ]),
            "completedAt": .string("2026-11-20T14:05:00Z"),
            "score": .number(91),
            "minutes": .number(185),
            "modules": .array(
                [("ladders", "2026-11-18T10:00:00Z"), ("scaffolds", "2026-11-19T11:30:00Z"), ("harness", "2026-11-20T13:40:00Z")].map {
                    .object(["id": .string($0.0), "completedAt": .string($0.1)])
                }),
        ])
        return Array(event.serialized().utf8)
    }

    /// One session for every client: at most `clients` connections, kept alive.
    static func session() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = clients
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }

}

/// Posts events one after another on one client, each signed at the moment it is sent.
private struct EventPoster: Sendable {
    let session: URLSession
    let url: URL
    let token: String
    let secret: String

    /// Posts `bodies` in order; returns each request's seconds. Anything but 202 stops the run.
    func post(_ bodies: [[UInt8]]) async throws -> [Double] {
        var latencies: [Double] = []
        latencies.reserveCapacity(bodies.count)
        for body in bodies {
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue(
                AttestSignature.header(secret: secret, timestamp: Int(Date().timeIntervalSince1970), body: body),
                forHTTPHeaderField: AttestSignature.headerName)
            let sent = ContinuousClock.now
            let (answer, response) = try await session.data(for: request)
            latencies.append((ContinuousClock.now - sent).seconds)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard status == 202 else {
                throw ProcessRunner.Failure(
                    description: "POST /api/v1/events answered \(status): \(String(decoding: answer.prefix(300), as: UTF8.self))")
            }
        }
        return latencies
    }
}
