import Foundation
import Testing

/// Review → Kept events in a real browser (Tests/Browser/console_kept_events.py): the real
/// `attest serve`, headless Chromium, axe-core on every page, 390 px wide. The LMS reports an event
/// with an invalid email address and one naming a program that does not exist (both kept, 202); an
/// admin corrects the first (a certificate is issued, audited under the admin with the note) and
/// discards the second with a reason. A reviewer sees both but no form, and forged posts are 403.
@Suite("Staff console kept events in a real browser", .serialized)
struct ConsoleKeptEventsBrowserTests {
    static let staff = [
        (email: "admin@example.org", name: "Ana Lima", role: "admin"), (email: "reviewer@example.org", name: "Rita Reis", role: "reviewer"),
    ]

    /// A site holding two kept events reported over the API.
    static func site() async throws -> ConsoleSite {
        let site = try ConsoleSite(staff: staff)
        let lms = try ConfigurationDriftEndToEndTests.key(site.workspace, role: "lms", name: "moodle")
        for (id, program, email) in [("k-1", IssuerWorkspace.programID, "ana.lima(at)example.org"), ("k-2", "first-aid", "ben@example.org")] {
            let body = Data(
                """
                {"eventId":"\(id)","program":"\(program)","learner":{"id":"u-\(id)","email":"\(email)","legalName":"Ana Lima"},
                 "completedAt":"2026-11-20T14:05:00Z","score":91,"minutes":185,
                 "modules":[{"id":"ladders","completedAt":"2026-11-18T10:00:00Z"},{"id":"scaffolds","completedAt":"2026-11-19T11:30:00Z"},
                            {"id":"harness","completedAt":"2026-11-20T13:40:00Z"}]}
                """.utf8)
            let posted = try await ConfigurationDriftEndToEndTests.post(site.server, "/api/v1/events", token: lms, body: body)
            #expect(posted.status == 202, "\(posted.text)")
        }
        try #require(try site.workspace.count("SELECT count(*) FROM parkedEvent") == 2)
        return site
    }

    func run(_ site: ConsoleSite, _ scenario: String) throws -> String {
        let result = try site.runBrowserScript("console_kept_events.py", [scenario])
        #expect(
            result.status == 0,
            "\(scenario): \(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))"
        )
        return result.standardOutput
    }

    @Test("an admin corrects an event kept for an invalid address, which is issued, and discards one for a missing program")
    func adminCorrectsAndDiscards() async throws {
        let site = try await Self.site()
        let output = try run(site, "admin")
        #expect(output.contains("ok: a discard without a reason is refused; with one, nothing is kept any more"), "\(output)")
        let credential = try #require(
            output.split(separator: "\n").first { $0.hasPrefix("found: credential ") }.map { String($0.split(separator: " ")[2]) })
        #expect(try site.workspace.count("SELECT count(*) FROM credential WHERE id = '\(credential)' AND state = 'active'") == 1)
        #expect(try site.workspace.count("SELECT count(*) FROM learner WHERE email = 'ana.lima@example.org'") == 1)
        #expect(try site.workspace.count("SELECT count(*) FROM parkedEvent") == 0)
        for kind in ["completion.corrected", "completion.discarded"] {
            #expect(
                try site.workspace.count("SELECT count(*) FROM auditEntry WHERE kind = '\(kind)' AND actor LIKE '%admin@example.org%'") == 1,
                "\(kind)")
        }
    }

    @Test("a reviewer sees the kept events but no form; forged posts are 403 and change nothing")
    func reviewerCannotChangeThem() async throws {
        let site = try await Self.site()
        let output = try run(site, "reviewer")
        #expect(output.contains("ok: a reviewer's forged correction and discard are 403"), "\(output)")
        #expect(try site.workspace.count("SELECT count(*) FROM parkedEvent") == 2)
        #expect(try site.workspace.count("SELECT count(*) FROM auditEntry WHERE kind IN ('completion.corrected', 'completion.discarded')") == 0)
    }
}
