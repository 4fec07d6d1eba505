import Foundation
import Testing

/// Issue 17's Review and Learners pages in a real browser: the real `attest serve`, a real SMTP
/// sink, headless Chromium driven by selenium (Tests/Browser/console_review_learners.py), axe-core
/// on every page and email, 390 px wide. An admin approves a held completion (the learner's
/// certificate email then arrives), corrects a name (the new PDF carries it, the old page says
/// superseded), revokes a credential (its page says REVOKED and attest-verify says revoked) and
/// generates a training-history PDF; a reviewer sees no revoke button and a forged revoke is 403.
@Suite("Staff console review and learners in a real browser", .serialized)
struct ConsoleReviewLearnersBrowserTests {
    static let staff = [
        (email: "admin@example.org", name: "Ana Lima", role: "admin"), (email: "reviewer@example.org", name: "Rita Reis", role: "reviewer"),
    ]
    static let modules = ["--module", "ladders", "--module", "scaffolds", "--module", "harness"]

    /// A console site with a held completion (score 81 against the minimum 80), two issued
    /// learners (Bruno Lima, Carla Dias) and a worker (W-1001) whose training earned a compliance certificate.
    static func site() throws -> ConsoleSite {
        let site = try ConsoleSite(staff: staff)
        func attest(_ arguments: [String]) throws -> String {
            let result = try site.attest(arguments)
            try #require(result.status == 0, "attest \(arguments.joined(separator: " ")): \(result.standardError)")
            return result.standardOutput
        }
        let held = try attest(
            [
                "issue", "--program", IssuerWorkspace.programID, "--learner-id", "u-held", "--email", "held@example.org", "--name",
                "Hélène Martin",
                "--score", "81", "--minutes", "150",
            ] + modules)
        try #require(held.contains("held for review"), "\(held)")
        for (id, name) in [("u-2", "Bruno Lima"), ("u-3", "Carla Dias")] {
            let issued = try attest(
                [
                    "issue", "--program", IssuerWorkspace.programID, "--learner-id", id, "--email", "\(id)@example.org", "--name", name,
                    "--score", "95", "--minutes", "150",
                ] + modules)
            try #require(issued.hasPrefix("issued "), "\(issued)")
        }
        let configuration = IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/training-config.json").path
        _ = try attest(["training", "add", configuration])
        _ = try attest(["training", "assign", "W-1001", "--group", "site-electricians", "--email", "ana@example.org", "--name", "Ana Lima"])
        for module in ["electrical-safety", "lockout-tagout", "live-line-demo", "confined-spaces"] {
            _ = try attest(["training", "complete", "W-1001", module])
        }
        return site
    }

    /// The values the script printed as `found: NAME VALUE`.
    static func found(_ output: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("found: ") {
            let parts = line.dropFirst("found: ".count).split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }

    func run(_ site: ConsoleSite, _ scenario: String, downloads: URL) throws -> String {
        let result = try site.runBrowserScript("console_review_learners.py", [scenario, "--downloads", downloads.path])
        #expect(
            result.status == 0,
            "\(scenario): \(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))"
        )
        return result.standardOutput
    }

    func text(ofPDF path: String) throws -> String {
        let result = try Executables.runProgram("pdftotext", ["-layout", path, "-"])
        #expect(result.status == 0, "pdftotext: \(result.standardError)")
        return result.standardOutput
    }

    @Test("an admin approves, corrects a name, revokes and prints a training history; axe passes on every page and email")
    func adminActions() async throws {
        let site = try Self.site()
        let downloads = FileManager.default.temporaryDirectory.appendingPathComponent("attest-downloads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: downloads) }
        let output = try run(site, "admin", downloads: downloads)
        let found = Self.found(output)
        #expect(output.contains("ok: approved: certificate"), "\(output)")
        #expect(output.contains("ok: the review notice email passes axe"), "\(output)")

        // The corrected name is printed in the new PDF; the old one is superseded by it.
        let corrected = try #require(found["corrected-credential"], "\(output)")
        let old = try #require(found["old-credential"])
        let pdf = try await HTTPExchange.send("GET", "\(site.address)/c/\(corrected).pdf")
        #expect(pdf.status == 200)
        let pdfFile = downloads.appendingPathComponent("corrected.pdf")
        try pdf.body.write(to: pdfFile)
        #expect(try text(ofPDF: pdfFile.path).contains("Bruno Lima Costa"))
        #expect(
            try site.workspace.sqlite("SELECT state || ' ' || supersededBy FROM credential WHERE id = '\(old)'").standardOutput
                .trimmingCharacters(in: .whitespacesAndNewlines) == "superseded \(corrected)")

        // The revoked credential: attest-verify, fetching the live status list, says revoked.
        let revoked = try #require(found["revoked-credential"])
        let verified = try Executables.run(
            "attest-verify", LiveRevocationTests.localOption + ["--no-cache", "\(site.address)/c/\(revoked)"])
        #expect(verified.status == 1, "\(verified.standardOutput) \(verified.standardError)")
        #expect(verified.standardOutput.contains("revoked"), "\(verified.standardOutput)")

        // The training history PDF lists the worker's modules.
        let history = try text(ofPDF: try #require(found["history-pdf"]))
        #expect(history.contains("Lockout/tagout") && history.contains("Confined spaces"), "\(history)")

        // Every change is in the audit chain under the admin.
        let audit = try site.attest(["audit", "export"]).standardOutput
        for kind in ["review.approved", "credential.superseded", "credential.revoked", "learner.historyPrinted"] {
            #expect(audit.split(separator: "\n").contains { $0.contains(kind) && $0.contains(":admin@example.org") }, "\(kind)")
        }
    }

    @Test("a reviewer sees no revoke button and a forged revoke POST is 403, changing nothing")
    func reviewerCannotRevoke() throws {
        let site = try Self.site()
        let downloads = FileManager.default.temporaryDirectory
        let output = try run(site, "reviewer", downloads: downloads)
        #expect(output.contains("ok: a reviewer's forged revoke POST is 403"), "\(output)")
        let credential = try #require(Self.found(output)["reviewer-forged"])
        #expect(try site.workspace.count("SELECT count(*) FROM credential WHERE id = '\(credential)' AND state = 'active'") == 1)
        #expect(try site.workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'credential.revoked'") == 0)
    }
}
