import Foundation
import Testing

/// Issue 18's Training pages in a real browser: the real `attest serve`, a real SMTP sink,
/// headless Chromium driven by selenium (Tests/Browser/console_training.py), axe-core on every
/// page, 390 px wide. An admin creates a configuration, two workers, one with every required
/// module and one missing one; enabling certificates says "1" before confirming, then exactly the
/// complete worker holds a certificate (and its email arrives); a completion is removed with a
/// reason; the history PDF downloads and lists the modules.
@Suite("Staff console training in a real browser", .serialized)
struct ConsoleTrainingBrowserTests {
    @Test("an admin sets up a group, enables certificates (the confirmation says 1) and only the complete worker gets one")
    func trainingSetUp() throws {
        let site = try ConsoleSite(staff: [(email: "admin@example.org", name: "Ana Admin", role: "admin")])
        let downloads = FileManager.default.temporaryDirectory.appendingPathComponent("attest-downloads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: downloads) }
        let result = try site.runBrowserScript("console_training.py", ["admin", "--downloads", downloads.path])
        #expect(
            result.status == 0,
            "\(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))")
        let output = result.standardOutput
        let found = ConsoleReviewLearnersBrowserTests.found(output)
        #expect(output.contains("ok: the confirmation said 1"), "\(output)")

        // Exactly the complete worker holds a compliance certificate.
        let complete = try #require(found["complete-worker"], "\(output)")
        let missing = try #require(found["missing-worker"])
        let credential = try #require(found["credential"])
        let program = "compliance-site-electricians"
        #expect(
            try site.workspace.count(
                "SELECT count(*) FROM credential WHERE learnerID = '\(complete)' AND programID = '\(program)' AND state = 'active' AND id = '\(credential)'"
            ) == 1)
        #expect(try site.workspace.count("SELECT count(*) FROM credential WHERE learnerID = '\(missing)'") == 0)

        // The history PDF lists the complete worker's modules.
        let pdf = try #require(found["history-pdf"])
        let text = try Executables.runProgram("pdftotext", ["-layout", pdf, "-"])
        #expect(text.status == 0, "pdftotext: \(text.standardError)")
        #expect(
            text.standardOutput.contains("Electrical safety") && text.standardOutput.contains("Lockout/tagout"), "\(text.standardOutput)")

        // Every change is in the audit chain under the admin.
        let audit = try site.attest(["audit", "export"]).standardOutput.split(separator: "\n")
        for kind in [
            "training.configuration_saved", "training.group_joined", "training.module_completed", "training.completion_removed",
            "learner.historyPrinted",
        ] {
            #expect(audit.contains { $0.contains(kind) && $0.contains(":admin@example.org") }, "\(kind)")
        }
        #expect(audit.contains { $0.contains("training.completion_removed") && $0.contains("recorded for the wrong person") })
    }
}
