import Foundation
import Testing

/// The console's Rollout page in a real browser (Tests/Browser/console_rollout.py): the real
/// `attest serve`, headless Chromium, axe-core on every page, 390 px wide. An admin sets a program
/// to assisted through the form; the first 2 of 3 issuances enter the check list; the admin revokes
/// one with a reason and confirms the other; each change is audited under the admin. A reviewer
/// sees no form and a forged mode change is 403, changing nothing.
@Suite("Staff console rollout page in a real browser", .serialized)
struct ConsoleRolloutBrowserTests {
    static let staff = [
        (email: "admin@example.org", name: "Ana Lima", role: "admin"), (email: "reviewer@example.org", name: "Rita Reis", role: "reviewer"),
    ]

    func run(_ site: ConsoleSite, _ scenario: String, _ options: String...) throws -> String {
        let result = try site.runBrowserScript("console_rollout.py", options + [scenario])
        #expect(
            result.status == 0,
            "\(scenario): \(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))"
        )
        return result.standardOutput
    }

    @Test("an admin sets assisted mode, then revokes one checked issuance with a reason and confirms another")
    func adminWorksTheCheckList() throws {
        let site = try ConsoleSite(staff: Self.staff)
        let changed = try run(site, "mode")
        #expect(changed.contains("ok: the form set the program to assisted, first 2"), "\(changed)")
        #expect(try site.workspace.count("SELECT count(*) FROM programRollout WHERE mode = 'assisted'") == 1)
        for index in 1...3 {
            let issued = try site.attest([
                "issue", "--program", IssuerWorkspace.programID, "--learner-id", "u-\(index)", "--email", "u\(index)@example.org", "--name",
                "Learner \(index)", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module",
                "harness",
            ])
            try #require(issued.standardOutput.hasPrefix("issued "), "\(issued.standardOutput) \(issued.standardError)")
        }
        #expect(try site.workspace.count("SELECT count(*) FROM rolloutCheck") == 2)

        let output = try run(site, "checks")
        #expect(output.contains("ok: one revoked with its reason, one confirmed"), "\(output)")
        let found = Dictionary(
            uniqueKeysWithValues: output.split(separator: "\n").filter { $0.hasPrefix("found: ") }.map { line in
                let parts = line.split(separator: " ").map(String.init)
                return (parts[1], parts[2])
            })
        let revoked = try #require(found["revoked"])
        let confirmed = try #require(found["confirmed"])
        #expect(try site.workspace.count("SELECT count(*) FROM credential WHERE id = '\(revoked)' AND state = 'revoked'") == 1)
        #expect(try site.workspace.count("SELECT count(*) FROM credential WHERE id = '\(confirmed)' AND state = 'active'") == 1)
        #expect(try site.workspace.count("SELECT count(*) FROM rolloutCheck WHERE state = 'open'") == 0)
        for kind in ["program.rolloutChanged", "rollout.checkRevoked", "rollout.checkConfirmed", "credential.revoked"] {
            #expect(
                try site.workspace.count("SELECT count(*) FROM auditEntry WHERE kind = '\(kind)' AND actor LIKE '%admin@example.org%'")
                    == 1,
                "\(kind)")
        }
    }

    @Test("a reviewer sees no mode form and no check actions; a forged mode change is 403 and changes nothing")
    func reviewerCannotChangeTheMode() throws {
        let site = try ConsoleSite(staff: Self.staff)
        let output = try run(site, "reviewer")
        #expect(output.contains("ok: a reviewer's forged mode change is 403"), "\(output)")
        #expect(try site.workspace.count("SELECT count(*) FROM programRollout") == 0)
        #expect(try site.workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'program.rolloutChanged'") == 0)
    }
}
