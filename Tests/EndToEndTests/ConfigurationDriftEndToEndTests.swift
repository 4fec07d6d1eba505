import Foundation
import Testing

/// Issue 19 point 3 with the real `attest serve` and `attest`: an unmapped course's events are
/// kept (202, never a 4xx), counted on `/metrics`, and issued once a program maps the course; a
/// disabled program's events are held and issued once it is enabled again, once each.
@Suite("Configuration drift (unmapped courses, disabled programs) with the real binary")
struct ConfigurationDriftEndToEndTests {
    static let program = IssuerWorkspace.programID
    static let metricsToken = "drift-metrics-token-0123456789"

    /// A completion event of `learner`: for `course` when given (no program named), else for the example program.
    static func event(_ id: String, learner: Int, course: String?) -> Data {
        let names = course.map { #""course":"\#($0)""# } ?? #""program":"\#(program)""#
        return Data(
            """
            {"eventId":"\(id)",\(names),"learner":{"id":"u-\(learner)","email":"learner\(learner)@example.org","legalName":"Learner \(learner)"},
             "completedAt":"2026-11-20T14:05:00Z","score":91,"minutes":185,
             "modules":[{"id":"ladders","completedAt":"2026-11-18T10:00:00Z"},{"id":"scaffolds","completedAt":"2026-11-19T11:30:00Z"},
                        {"id":"harness","completedAt":"2026-11-20T13:40:00Z"}]}
            """.utf8)
    }

    static func key(_ workspace: IssuerWorkspace, role: String, name: String) throws -> String {
        let created = try workspace.attest(["api-keys", "create", "--role", role, "--name", name, "--no-require-hmac"])
        #expect(created.status == 0, "\(created.standardError)")
        return try #require(created.standardOutput.split(separator: "\n").last.map(String.init))
    }

    static func post(_ server: RunningServer, _ path: String, token: String, body: Data? = nil) async throws -> HTTPExchange {
        try await HTTPExchange.send(
            "POST", server.address + path, headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"], body: body)
    }

    static func keptGauge(_ server: RunningServer, state: String) async throws -> Double? {
        let metrics = try await HTTPExchange.send(
            "GET", server.address + "/metrics", headers: ["Authorization": "Bearer \(metricsToken)"])
        #expect(metrics.status == 200)
        let line = metrics.text.split(separator: "\n").first { $0.hasPrefix("attest_completions_kept{state=\"\(state)\"} ") }
        #expect(line != nil, "\(metrics.text)")
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    /// The example program at `version`, listing `courses`.
    static func programFile(_ workspace: IssuerWorkspace, version: Int, courses: [String]) throws -> String {
        try workspace.exampleProgram("program-v\(version).json") { program in
            program["version"] = version
            program["courses"] = courses
        }
    }

    @Test("an unmapped course's events are kept, counted, and issued once a program maps it")
    func unmappedCourseIsIssuedOnceMapped() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try Self.key(workspace, role: "lms", name: "moodle")
        let tokenFile = try workspace.write(Self.metricsToken, "metrics-token")
        let server = try RunningServer(workspace, arguments: ["--metrics-token-file", tokenFile])
        defer { _ = server.stop() }

        var answers: [String: String] = [:]
        for learner in 1...3 {
            let posted = try await Self.post(
                server, "/api/v1/events", token: lms, body: Self.event("m-\(learner)", learner: learner, course: "moodle:42"))
            #expect(posted.status == 202, "\(posted.text)")
            let answer = try posted.json()
            #expect(answer["state"] as? String == "unmapped")
            #expect(answer["course"] as? String == "moodle:42")
            answers["m-\(learner)"] = posted.text
        }
        // A replay answers the same and keeps nothing twice.
        let replay = try await Self.post(server, "/api/v1/events", token: lms, body: Self.event("m-1", learner: 1, course: "moodle:42"))
        #expect(replay.status == 202 && replay.text == answers["m-1"])
        #expect(try workspace.count("SELECT count(*) FROM parkedEvent WHERE state = 'unmapped'") == 3)
        #expect(try workspace.count("SELECT count(*) FROM completion") == 0)
        #expect(try await Self.keptGauge(server, state: "unmapped") == 3)

        // A program starts to map the course: every kept event is issued, once.
        let added = try workspace.attest(["programs", "add", try Self.programFile(workspace, version: 2, courses: ["moodle:42"])])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") == 3)
        #expect(try workspace.count("SELECT count(*) FROM parkedEvent") == 0)
        #expect(try await Self.keptGauge(server, state: "unmapped") == 0)
        let again = try workspace.attest([
            "programs", "add", try Self.programFile(workspace, version: 3, courses: ["moodle:42", "moodle:43"]),
        ])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM credential") == 3)
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'completion.released'") == 3)
        // Now a replay is a stored completion with its credential, and a new event of the course is issued at once.
        let stored = try await Self.post(server, "/api/v1/events", token: lms, body: Self.event("m-1", learner: 1, course: "moodle:42"))
        #expect(try stored.json()["state"] as? String == "issued")
        #expect(try stored.json()["credentialId"] as? String != nil)
        let direct = try await Self.post(server, "/api/v1/events", token: lms, body: Self.event("m-9", learner: 9, course: "moodle:43"))
        #expect(try direct.json()["state"] as? String == "issued", "\(direct.text)")
    }

    @Test("a disabled program's events are held and issued once it is enabled again, once each")
    func disabledProgramIsIssuedOnceEnabled() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try Self.key(workspace, role: "lms", name: "moodle")
        let admin = try Self.key(workspace, role: "admin", name: "ops")
        let issuer = try Self.key(workspace, role: "issuer", name: "office")
        let server = try RunningServer(workspace)
        defer { _ = server.stop() }

        #expect(try await Self.post(server, "/api/v1/programs/\(Self.program)/disable", token: issuer).status == 403)
        let disabled = try await Self.post(server, "/api/v1/programs/\(Self.program)/disable", token: admin)
        #expect(disabled.status == 200, "\(disabled.text)")
        #expect(try disabled.json()["enabled"] as? Bool == false)
        for learner in 1...2 {
            let posted = try await Self.post(
                server, "/api/v1/events", token: lms, body: Self.event("d-\(learner)", learner: learner, course: nil))
            #expect(posted.status == 202, "\(posted.text)")
            #expect(try posted.json()["state"] as? String == "disabled")
        }
        #expect(try workspace.count("SELECT count(*) FROM credential") == 0)
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage") == 0)

        let enabled = try workspace.attest(["programs", "enable", Self.program])
        #expect(enabled.status == 0, "\(enabled.standardError)")
        #expect(enabled.standardOutput.contains("program \(Self.program): enabled"))
        #expect(enabled.standardOutput.split(separator: "\n").filter { $0.hasPrefix("issued ") }.count == 2, "\(enabled.standardOutput)")
        #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") == 2)
        // Enabling again (over the API this time) decides nothing twice.
        let twice = try await Self.post(server, "/api/v1/programs/\(Self.program)/enable", token: admin)
        #expect(twice.status == 200, "\(twice.text)")
        #expect(try twice.json()["decided"] as? Int == 0)
        #expect(try workspace.count("SELECT count(*) FROM credential") == 2)
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email'") == 2)
        // Audited under who did it.
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'program.disabled' AND actor = 'api:ops'") == 1)
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'program.enabled' AND actor = 'cli'") == 1)
    }
}
