import Foundation
import IssuerCore
import SQLiteStore

/// The staff console under load (issue 17 point 12: pages under 50 ms at p99 on 10,000 learners
/// and 20,000 credentials): a fresh `attest init` data folder seeded with ``ConsoleSeed``, a real
/// `attest serve` on 127.0.0.1, an admin made with `attest staff add --print-link` and signed in
/// through that link with curl, then each page under wrk at `connections` connections with the
/// session cookie (and at one connection, the page's own latency). Every page is first checked to answer 200 to that cookie (not the sign-in
/// redirect), so the figures are the pages' own.
struct ConsoleBenchmark {
    let report: BenchmarkReport
    let folder: URL
    let duration: Int
    let connections: Int

    /// The pages measured: a metric name and a path.
    static let pages = [
        ("dashboard", "/console/dashboard"),
        ("credentials", "/console/credentials"),
        ("credentials_filtered", "/console/credentials?program=first-aid-1&state=revoked&from=2026-01-01"),
        ("credentials_page_5", "/console/credentials?after=19800"),
        ("learner_search", "/console/learners?q=Okafor"),
    ]

    func run() async {
        report.section("Staff console (\(ConsoleSeed.learners) learners, \(ConsoleSeed.learners * 2) credentials; wrk on 127.0.0.1)")
        do {
            try await measure()
        } catch {
            for (name, _) in Self.pages { report.notMeasured("console.\(name).p99_ms_at_\(connections)", "ms", reason: "\(error)") }
        }
    }

    private func measure() async throws {
        guard let wrk = ProcessRunner.find("wrk") else { throw ProcessRunner.Failure(description: "wrk is not installed") }
        guard let curl = ProcessRunner.find("curl") else { throw ProcessRunner.Failure(description: "curl is not installed") }
        let attest = ProcessRunner.buildFolder.appendingPathComponent("attest").path
        guard FileManager.default.isExecutableFile(atPath: attest) else {
            throw ProcessRunner.Failure(description: "attest is not built beside attest-bench")
        }
        let port = try LocalServer.freePort()
        let base = "http://127.0.0.1:\(port)"
        let data = folder.appendingPathComponent("console-data").path
        let keys = folder.appendingPathComponent("console-keys").path
        try LocalServer.check(
            ProcessRunner.run(
                attest, ["init", "--name", "Example Safety Training", "--base-url", base, "--data", data, "--keys", keys]),
            "attest init")
        let seedStart = ContinuousClock.now
        let store = try SQLiteIssuerStore(path: data + "/attest.sqlite")
        let written = try await ConsoleSeed.seed(store)
        report.remark("seeded \(written) credentials in \(ContinuousClock.now - seedStart)")
        try await measureStore(store)
        let added = try ProcessRunner.run(
            attest,
            ["staff", "add", "--email", "bench@example.org", "--name", "Bench Admin", "--role", "admin", "--print-link", "--data", data])
        try LocalServer.check(added, "attest staff add")
        guard let link = added.output.split(whereSeparator: \.isWhitespace).first(where: { $0.contains("/console/") }) else {
            throw ProcessRunner.Failure(description: "attest staff add --print-link printed no link: \(added.output.prefix(300))")
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
        try await LocalServer.waitForHealth(base: base)

        let jar = folder.appendingPathComponent("cookies.txt").path
        let signIn = base + String(link[link.range(of: "/console/")!.lowerBound...])
        let cookie = try Self.signIn(curl: curl, link: signIn, jar: jar, base: base)
        for (name, path) in Self.pages {
            let status = try ProcessRunner.run(
                curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Cookie: \(cookie)", base + path])
            guard status.output == "200" else {
                report.notMeasured("console.\(name).p99_ms_at_\(connections)", "ms", reason: "\(path) answered \(status.output), not 200")
                continue
            }
            for clients in [1, connections] {
                let result = try ProcessRunner.run(
                    wrk,
                    [
                        "-t\(min(clients, 2))", "-c\(clients)", "-d\(duration)s", "--timeout", "5s", "--latency", "-H", "Cookie: \(cookie)",
                        base + path,
                    ], timeout: Double(duration + 30))
                guard result.status == 0 else { throw ProcessRunner.Failure(description: "wrk failed: \(result.errorOutput.suffix(300))") }
                let figures = try ServingBenchmark.parse(result.output)
                report.add(
                    "console.\(name).requests_per_s_at_\(clients)", figures.requestsPerSecond, "req/s",
                    note: [path, figures.problems].compactMap { $0 }.joined(separator: "; "))
                report.add("console.\(name).p50_ms_at_\(clients)", figures.p50Milliseconds, "ms")
                report.add("console.\(name).p99_ms_at_\(clients)", figures.p99Milliseconds, "ms", note: "target < 50")
            }
        }
    }

    /// The store's part of each page, in this process on the seeded file: the median of 9 runs
    /// (after one warm-up) of the dashboard's figures (uncached) and of the list queries.
    private func measureStore(_ store: SQLiteIssuerStore) async throws {
        let now = Date()
        let queries: [(String, CredentialListQuery)] = [
            ("credentials", CredentialListQuery(limit: 51)),
            ("credentials_filtered", CredentialListQuery(programID: "first-aid-1", state: .revoked, limit: 51)),
            ("credentials_page_5", CredentialListQuery(after: 19_800, limit: 51)),
        ]
        var work: [(String, @Sendable () async throws -> Void)] = [
            ("dashboard", { _ = try await store.read { try DashboardFigures.compute(from: $0, now: now) } })
        ]
        for (name, query) in queries {
            work.append((name, { _ = try await store.read { (try $0.credentialList(query), try $0.credentialListCount(query)) } }))
        }
        for (name, run) in work {
            try await run()
            var times: [Double] = []
            for _ in 0..<9 {
                let start = ContinuousClock.now
                try await run()
                let elapsed = ContinuousClock.now - start
                times.append(Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            report.add("console.store.\(name)_ms", times.sorted()[4], "ms", note: "median of 9, in process")
        }
    }

    /// Opens the emailed link as a browser would (following redirects, keeping cookies); when it
    /// answers with a form to confirm (a link must not sign in on a mail scanner's GET), posts that
    /// form. Returns the session cookie as `name=value`.
    static func signIn(curl: String, link: String, jar: String, base: String) throws -> String {
        let page = try ProcessRunner.run(curl, ["-sS", "-L", "-c", jar, "-b", jar, link])
        try LocalServer.check(page, "opening the sign-in link")
        if let form = confirmationForm(page.output) {
            var arguments = ["-sS", "-L", "-o", "/dev/null", "-c", jar, "-b", jar, "-H", "Referer: \(link)"]
            for (name, value) in form.fields { arguments += ["--data-urlencode", "\(name)=\(value)"] }
            arguments.append(form.action.hasPrefix("/") ? base + form.action : link)
            try LocalServer.check(try ProcessRunner.run(curl, arguments), "confirming the sign-in")
        }
        let lines = try String(contentsOfFile: jar, encoding: .utf8).split(separator: "\n")
        // Netscape cookie file: domain, flag, path, secure, expiry, name, value (HttpOnly lines start "#HttpOnly_").
        let cookies = lines.compactMap { line -> (String, String)? in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 7, !line.hasPrefix("# ") else { return nil }
            return (String(fields[5]), String(fields[6]))
        }
        guard !cookies.isEmpty else { throw ProcessRunner.Failure(description: "signing in set no cookie") }
        return cookies.map { "\($0.0)=\($0.1)" }.joined(separator: "; ")
    }

    /// The first POST form of a page: its action and its fields' names and values (hidden inputs and buttons).
    static func confirmationForm(_ html: String) -> (action: String, fields: [(String, String)])? {
        guard let formStart = html.range(of: "<form method=\"post\"") else { return nil }
        let rest = html[formStart.lowerBound...]
        guard let formEnd = rest.range(of: "</form>") else { return nil }
        let form = String(rest[..<formEnd.lowerBound])
        let action = attribute("action", in: String(form.prefix { $0 != ">" })) ?? ""
        var fields: [(String, String)] = []
        for tag in form.components(separatedBy: "<input").dropFirst() {
            let head = String(tag.prefix { $0 != ">" })
            if let name = attribute("name", in: head) { fields.append((name, decode(attribute("value", in: head) ?? ""))) }
        }
        return (decode(action), fields)
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(
            of: "&lt;", with: "<"
        )
        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

}
