import Foundation
import IssuerCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Issue 20 point 6: the cohort over HTTP on PostgreSQL beside SQLite, and two `attest serve` on one
/// PostgreSQL beside one. Each run is a fresh issuer (`attest init`, the example program, an `lms`
/// key), `count` completion events signed with `X-Attest-Signature` and posted by 16 concurrent
/// clients, timed from the first request to the last credential stored with its PDF. PostgreSQL is
/// a throwaway cluster of its own (`scripts/postgres.sh start`, stopped at the end), one database
/// per run. The three runs follow one another in one process, so they share the machine's load.
struct PostgresBurstBenchmark {
    let report: BenchmarkReport
    let folder: URL
    let count: Int
    static let clients = 16

    /// Where the issuer lives and how many instances serve it.
    enum Variant: CustomStringConvertible {
        case sqlite
        case postgres(instances: Int)

        var metric: String {
            switch self {
            case .sqlite: "sqlite.one_instance"
            case .postgres(let instances): instances == 1 ? "postgres.one_instance" : "postgres.\(instances)_instances"
            }
        }

        var description: String {
            switch self {
            case .sqlite: "one attest serve on SQLite"
            case .postgres(let instances): "\(instances) attest serve on one PostgreSQL"
            }
        }
    }

    func run() async {
        report.section("The cohort over HTTP on PostgreSQL (\(count) events, \(Self.clients) clients): SQLite, PostgreSQL, two instances")
        let cluster = folder.appendingPathComponent("postgres-cluster")
        let script = URL(fileURLWithPath: "scripts/postgres.sh").path
        let variants: [Variant] = [.sqlite, .postgres(instances: 1), .postgres(instances: 2)]
        var server: String?
        do {
            let started = try ProcessRunner.run("/usr/bin/env", ["bash", script, "start", cluster.path], timeout: 120)
            guard started.status == 0 else {
                throw ProcessRunner.Failure(description: "scripts/postgres.sh start: \(started.errorOutput.suffix(300))")
            }
            server = started.output.trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            report.remark("no PostgreSQL (run from the checkout's root; scripts/setup.sh installs it): \(error)")
        }
        defer { if server != nil { _ = try? ProcessRunner.run("/usr/bin/env", ["bash", script, "stop", cluster.path], timeout: 120) } }
        for variant in variants {
            let prefix = "postgres_burst.\(variant.metric).\(count)"
            do {
                if case .postgres = variant, server == nil { throw ProcessRunner.Failure(description: "no PostgreSQL cluster") }
                try await measure(variant, prefix: prefix, server: server)
            } catch {
                report.notMeasured("\(prefix).seconds", "s", reason: "\(error)")
            }
        }
    }

    private func measure(_ variant: Variant, prefix: String, server: String?) async throws {
        let attest = ProcessRunner.buildFolder.appendingPathComponent("attest").path
        guard FileManager.default.isExecutableFile(atPath: attest) else {
            throw ProcessRunner.Failure(description: "attest is not built beside attest-bench")
        }
        let data = folder.appendingPathComponent("\(prefix)-data").path
        let keys = folder.appendingPathComponent("\(prefix)-keys").path
        var environment: [String: String] = [:]
        var databaseURL: String?
        if case .postgres = variant, let server {
            let name = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try LocalServer.check(
                ProcessRunner.run("/usr/bin/env", ["psql", server, "-qAt", "-c", "CREATE DATABASE \(name)"]), "CREATE DATABASE")
            let url = String(server[..<(server.lastIndex(of: "/") ?? server.endIndex)]) + "/\(name)"
            environment["ATTEST_DATABASE_URL"] = url
            databaseURL = url
        }
        let base = "http://127.0.0.1:\(try LocalServer.freePort())"
        try LocalServer.check(
            Self.run(
                attest, ["init", "--name", "Northwind Safety Academy", "--base-url", base, "--data", data, "--keys", keys], environment),
            "attest init")
        try LocalServer.check(
            Self.run(attest, ["programs", "add", "Spec/examples/program.json", "--data", data], environment), "attest programs add")
        let created = try Self.run(attest, ["api-keys", "create", "--role", "lms", "--name", "bench-lms", "--data", data], environment)
        try LocalServer.check(created, "attest api-keys create")
        let lines = created.output.split(separator: "\n").map(String.init)
        guard let token = lines.last(where: { $0.hasPrefix("attest_") }),
            let secret = lines.first(where: { $0.hasPrefix("HMAC secret") })?.split(separator: " ").last.map(String.init)
        else { throw ProcessRunner.Failure(description: "attest api-keys create printed no token and secret") }

        let instances: Int
        switch variant {
        case .sqlite: instances = 1
        case .postgres(let count): instances = count
        }
        var servers: [Process] = []
        defer {
            for server in servers {
                server.terminate()
                server.waitUntilExit()
            }
        }
        var addresses: [String] = []
        for _ in 0..<instances {
            let port = try LocalServer.freePort()
            let server = Process()
            server.executableURL = URL(fileURLWithPath: attest)
            server.arguments = ["serve", "--data", data, "--port", String(port), "--log-level", "warning"]
            server.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            servers.append(server)
            addresses.append("http://127.0.0.1:\(port)")
        }
        let session = HTTPBurstBenchmark.session()
        for address in addresses { try await LocalServer.waitForHealth(base: address) }

        let bodies = (0..<count).map(HTTPBurstBenchmark.event)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<Self.clients {
                // Events split between the instances: client N posts to instance N mod instances.
                let url = URL(string: addresses[client % addresses.count] + "/api/v1/events")!
                let mine = stride(from: client, to: bodies.count, by: Self.clients).map { bodies[$0] }
                group.addTask { try await Self.post(mine, session: session, url: url, token: token, secret: secret) }
            }
            try await group.waitForAll()
        }
        let answered = ContinuousClock.now
        let deadline = answered + .seconds(120)
        var stored = 0
        while ContinuousClock.now < deadline {
            stored = try Self.storedWithPDF(data: data, databaseURL: databaseURL)
            if stored >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let end = ContinuousClock.now
        guard stored >= count else {
            throw ProcessRunner.Failure(description: "\(stored) of \(count) credentials were active with a PDF 120 s after the last answer")
        }
        let wall = (end - start).seconds
        report.add(
            "\(prefix).seconds", wall, "s",
            note: "\(variant); first request → last credential stored with its PDF" + (instances > 1 ? "; events split between them" : ""))
        report.add("\(prefix).certificates_per_s", Double(count) / wall, "certs/s")
    }

    /// Active credentials with a PDF, read with `psql` (PostgreSQL) or `sqlite3` (the data folder's file).
    private static func storedWithPDF(data: String, databaseURL: String?) throws -> Int {
        let query = """
            SELECT count(*) FROM credential c WHERE state = 'active'
            AND EXISTS (SELECT 1 FROM credentialDocument d WHERE d.credentialID = c.id AND d.kind = 'pdf')
            """
        let result =
            if let databaseURL {
                try ProcessRunner.run("/usr/bin/env", ["psql", databaseURL, "-qAt", "-c", query])
            } else {
                try ProcessRunner.run("/usr/bin/env", ["sqlite3", "-readonly", data + "/attest.sqlite", query])
            }
        return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Posts `bodies` in order on one client, each signed when sent; anything but 202 stops the run.
    private static func post(_ bodies: [[UInt8]], session: URLSession, url: URL, token: String, secret: String) async throws {
        for body in bodies {
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue(
                AttestSignature.header(secret: secret, timestamp: Int(Date().timeIntervalSince1970), body: body),
                forHTTPHeaderField: AttestSignature.headerName)
            let (answer, response) = try await session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard status == 202 else {
                throw ProcessRunner.Failure(
                    description: "POST /api/v1/events answered \(status): \(String(decoding: answer.prefix(300), as: UTF8.self))")
            }
        }
    }

    /// Runs `attest` with `environment` added to this process's own (the database URL stays out of `ps`).
    private static func run(_ executable: String, _ arguments: [String], _ environment: [String: String]) throws -> ProcessRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // These commands print a few lines only, so reading after the exit never blocks them.
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complained = errorOutput.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessRunner.Result(
            status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
            errorOutput: String(decoding: complained, as: UTF8.self))
    }

}
