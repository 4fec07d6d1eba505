import Foundation
import Testing

/// Three rows of the workflow's error table (Spec/workflow.md) with the real `attest serve` and
/// `attest`: invalid learner data is held (202 `invalidLearner`, counted on `/metrics`) and issued
/// once corrected with `attest kept correct`; an event naming a program that does not exist is held
/// (202 `unknownProgram`) and issued once the program is added; a missing prerequisite is not issued
/// and the learner's email, written by the server's delivery worker, names the program they need first.
@Suite("The workflow error table with the real binary")
struct WorkflowErrorTableEndToEndTests {
    static func event(_ id: String, program: String, learner: Int, email: String, name: String) -> Data {
        Data(
            """
            {"eventId":"\(id)","program":"\(program)","learner":{"id":"u-\(learner)","email":"\(email)","legalName":"\(name)"},
             "completedAt":"2026-11-20T14:05:00Z","score":91,"minutes":185,
             "modules":[{"id":"ladders","completedAt":"2026-11-18T10:00:00Z"},{"id":"scaffolds","completedAt":"2026-11-19T11:30:00Z"},
                        {"id":"harness","completedAt":"2026-11-20T13:40:00Z"}]}
            """.utf8)
    }

    /// The example program as `id`, named `name`, requiring `prerequisites`.
    static func programFile(_ workspace: IssuerWorkspace, id: String, name: String, prerequisites: [String]) throws -> String {
        try workspace.exampleProgram("\(id).json") { program in
            program["id"] = id
            program["achievement"] = (program["achievement"] as? [String: Any] ?? [:]).merging(["name": name]) { $1 }
            program["rules"] = (program["rules"] as? [String: Any] ?? [:]).merging(["prerequisites": prerequisites]) { $1 }
        }
    }

    /// `POST /api/v1/events` (ConfigurationDriftEndToEndTests' helper): the status and the JSON answer.
    static func post(_ server: RunningServer, token: String, _ body: Data) async throws -> (status: Int, answer: [String: Any]) {
        let posted = try await ConfigurationDriftEndToEndTests.post(server, "/api/v1/events", token: token, body: body)
        return (posted.status, try posted.json())
    }

    @Test("invalid learner data and a missing program are held, then issued once corrected or added; a missing prerequisite emails the learner")
    func heldRowsAreDecidedOnceResolved() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let lms = try ConfigurationDriftEndToEndTests.key(workspace, role: "lms", name: "moodle")
        let tokenFile = try workspace.write(ConfigurationDriftEndToEndTests.metricsToken, "metrics-token")
        let server = try RunningServer(workspace, arguments: ["--metrics-token-file", tokenFile])
        defer { _ = server.stop() }
        let program = IssuerWorkspace.programID

        // Invalid learner data: held, not rejected; nothing made from it.
        let bad = try await Self.post(server, token: lms, Self.event("e-1", program: program, learner: 1, email: "ana(at)example.org", name: "Ana Lima"))
        #expect(bad.status == 202)
        #expect(bad.answer["state"] as? String == "invalidLearner")
        let keptID = try #require(bad.answer["keptId"] as? String)
        #expect((bad.answer["reasons"] as? [String])?.first?.hasPrefix("\"ana(at)example.org\" is not a valid email address") == true)
        #expect(try workspace.count("SELECT count(*) FROM learner") == 0)
        #expect(try await ConfigurationDriftEndToEndTests.keptGauge(server, state: "invalidLearner") == 1)
        let listed = try workspace.attest(["kept", "list", "--state", "invalidLearner"])
        #expect(listed.status == 0 && listed.standardOutput.hasPrefix(keptID), "\(listed.standardOutput)\(listed.standardError)")
        let stillBad = try workspace.attest(["kept", "correct", keptID, "--email", "ana@", "--note", "typo"])
        #expect(stillBad.status == 1 && stillBad.standardError.contains("\"ana@\" is not a valid email address"), "\(stillBad.standardError)")
        let corrected = try workspace.attest(["kept", "correct", keptID, "--email", "ana@example.org", "--note", "address confirmed by HR"])
        #expect(corrected.status == 0, "\(corrected.standardError)")
        #expect(corrected.standardOutput.hasPrefix("issued "), "\(corrected.standardOutput)")
        #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") == 1)
        #expect(try workspace.count("SELECT count(*) FROM learner WHERE email = 'ana@example.org'") == 1)
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'completion.corrected' AND actor = 'cli'") == 1)
        #expect(try await ConfigurationDriftEndToEndTests.keptGauge(server, state: "invalidLearner") == 0)

        // A program that does not exist: held, then issued once it is added.
        let missing = try await Self.post(server, token: lms, Self.event("e-2", program: "first-aid", learner: 2, email: "ben@example.org", name: "Ben Ode"))
        #expect(missing.status == 202 && missing.answer["state"] as? String == "unknownProgram")
        #expect(try await ConfigurationDriftEndToEndTests.keptGauge(server, state: "unknownProgram") == 1)
        let added = try workspace.attest(["programs", "add", try Self.programFile(workspace, id: "first-aid", name: "First Aid at Work", prerequisites: [])])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM credential c JOIN learner l ON l.id = c.learnerID WHERE l.email = 'ben@example.org'") == 1)
        #expect(try await ConfigurationDriftEndToEndTests.keptGauge(server, state: "unknownProgram") == 0)

        // A prerequisite missing: not issued, and the learner's email names what is missing.
        let rescue = try workspace.attest([
            "programs", "add", try Self.programFile(workspace, id: "rescue-at-height", name: "Rescue at Height", prerequisites: ["first-aid"]),
        ])
        #expect(rescue.status == 0, "\(rescue.standardError)")
        let rejected = try await Self.post(server, token: lms, Self.event("e-3", program: "rescue-at-height", learner: 3, email: "cleo@example.org", name: "Cleo Park"))
        #expect(rejected.status == 202 && rejected.answer["state"] as? String == "rejected")
        #expect(rejected.answer["reasons"] as? [String] == ["prerequisite programs not held: first-aid"])
        #expect(try workspace.count("SELECT count(*) FROM credential c JOIN learner l ON l.id = c.learnerID WHERE l.externalID = 'u-3'") == 0)
        // attest serve's delivery worker writes it (no SMTP server is configured: .eml files in DATA/outbox).
        let sent = "SELECT count(*) FROM outboxMessage WHERE event = 'completion.prerequisites_missing' AND state = 'sent'"
        let deadline = Date().addingTimeInterval(60)
        while try workspace.count(sent) == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        #expect(try workspace.count(sent) == 1)
        let outbox = URL(fileURLWithPath: workspace.path("data/outbox"))
        let emails = try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.map { try String(contentsOf: $0, encoding: .utf8) }
        let told = emails.filter { $0.contains("To: \"Cleo Park\" <cleo@example.org>") }
        #expect(told.count == 1, "\(emails.count) emails")
        #expect(told.first?.contains("Subject: Rescue at Height: a certificate needs other training first") == true)
        #expect(told.first?.contains("- First Aid at Work") == true, "\(told.first ?? "")")
    }
}
