import Foundation
import Testing

/// Issue 18's bulk reissue in a real browser: certificates issued under version 1, the program
/// corrected to version 2 with `attest programs add`, then an admin reissues from the console
/// (Tests/Browser/console_reissue.py): the count before confirming, a progress bar that reaches
/// 100 %, each old certificate's public page saying superseded with a link to the new one, and
/// the corrected certificate emailed to each learner through a real SMTP sink; then the program's
/// template family (issue 18 point 2): the three templates drawn, axe at 390 px, another chosen.
@Suite("Staff console bulk reissue in a real browser", .serialized)
struct ConsoleReissueBrowserTests {
    @Test("count, confirm, progress to 100 %, superseded pages linking to the new, one email per learner")
    func bulkReissue() throws {
        let site = try ConsoleSite(staff: [(email: "admin@example.org", name: "Ana Lima", role: "admin")])
        for learner in ["u-1", "u-2", "u-3"] {
            let issued = try site.attest([
                "issue", "--program", IssuerWorkspace.programID, "--learner-id", learner, "--email", "\(learner)@example.org", "--name",
                "Learner \(learner)", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module",
                "harness",
            ])
            try #require(issued.status == 0, "\(issued.standardError)")
        }
        let listed = try site.workspace.credentials()
        let revoked = try #require(listed.first { $0["email"] == "u-2@example.org" }?["id"])
        try #require(try site.attest(["revoke", revoked, "--reason", "issued in error"]).status == 0)

        let file = try site.workspace.exampleProgram("corrected.json") { program in
            program["achievement"] = (program["achievement"] as? [String: Any] ?? [:])
                .merging(["name": "Working at Height — Level 2 (corrected)"]) { $1 }
            program["version"] = 2
        }
        let saved = try site.attest(["programs", "add", file])
        try #require(saved.status == 0, "\(saved.standardError)")

        let result = try site.runBrowserScript("console_reissue.py", ["--program", IssuerWorkspace.programID, "--expect", "2"])
        #expect(
            result.status == 0,
            "\(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))")
        let output = result.standardOutput
        for check in [
            "the confirmation counts 2", "refused with the message beside the field", "the progress reaches 100 %",
            "the summary survives a reload", "says SUPERSEDED and links to the new one", "emailed the corrected certificate",
            "the template family shows all three templates drawn", "choosing the completion template saves a new version",
        ] {
            #expect(output.split(separator: "\n").contains { $0.hasPrefix("ok: ") && $0.contains(check) }, "\(check): \(output)")
        }
        let emailed = output.split(separator: "\n").filter { $0.hasPrefix("emailed: ") }.map { String($0.dropFirst("emailed: ".count)) }
        #expect(emailed.sorted() == ["Learner u-1 <u-1@example.org>", "Learner u-3 <u-3@example.org>"], "\(output)")

        // What the page reported is what the store holds: old superseded by new, audited under the admin.
        let pairs = output.split(separator: "\n").filter { $0.hasPrefix("found: ") }.map { $0.split(separator: " ").map(String.init) }
        let after = try site.workspace.credentials()
        for pair in pairs where pair.count == 3 {
            #expect(after.first { $0["id"] == pair[1] }?["state"] == "superseded")
            #expect(after.first { $0["id"] == pair[2] }?["state"] == "active")
        }
        #expect(pairs.count == 2)
        #expect(after.first { $0["id"] == revoked }?["state"] == "revoked")
        #expect(
            try site.workspace.count(
                "SELECT count(*) FROM auditEntry WHERE kind = 'credential.superseded' AND actor LIKE '%admin@example.org%'") == 2)

        // The template chosen in the console is the program's new version, audited under the admin.
        let shown = try site.attest(["programs", "show", IssuerWorkspace.programID])
        let chosen = try #require(try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        #expect(chosen["template"] as? String == "completion")
        #expect(chosen["version"] as? Int == 3)
        #expect(
            try site.workspace.count(
                "SELECT count(*) FROM auditEntry WHERE kind = 'program.saved' AND actor LIKE '%admin@example.org%'") == 1)
    }
}
