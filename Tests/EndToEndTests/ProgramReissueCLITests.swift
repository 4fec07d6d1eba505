import Foundation
import Testing

/// `attest programs reissue P --from-version N` with the real binary on a real SQLite file: the
/// dry run counts and changes nothing, the run reissues each active credential of an earlier
/// version once (a second run finds nothing), and `attest deliver` hands one corrected
/// certificate per learner to a real SMTP server on 127.0.0.1.
@Suite("attest programs reissue")
struct ProgramReissueCLITests {
    @Test("dry run counts; the run reissues the active ones once; each learner is emailed the corrected certificate")
    func reissueFromTheCommandLine() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        for learner in ["u-1", "u-2", "u-3"] {
            let issued = try workspace.attest([
                "issue", "--program", IssuerWorkspace.programID, "--learner-id", learner, "--email", "\(learner)@example.org", "--name",
                "Learner \(learner)", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module",
                "harness",
            ])
            try #require(issued.status == 0, "issue: \(issued.standardError)")
        }
        let originals = try workspace.credentials()
        let revokedID = try #require(originals.first { $0["email"] == "u-2@example.org" }?["id"])
        try #require(try workspace.attest(["revoke", revokedID, "--reason", "issued in error"]).status == 0)

        // Before the program is corrected there is no earlier version to reissue.
        let tooEarly = try workspace.attest(["programs", "reissue", IssuerWorkspace.programID, "--from-version", "1", "--dry-run"])
        #expect(tooEarly.status != 0 && tooEarly.standardError.contains("version"), "\(tooEarly.standardError)")

        let correctedFile = try workspace.exampleProgram("corrected.json") { program in
            program["achievement"] = (program["achievement"] as? [String: Any] ?? [:])
                .merging(["name": "Working at Height — Level 2 (corrected)"]) { $1 }
            program["version"] = 2
        }
        let saved = try workspace.attest(["programs", "add", correctedFile])
        try #require(saved.status == 0, "programs add: \(saved.standardError)")

        let dry = try workspace.attest(["programs", "reissue", IssuerWorkspace.programID, "--from-version", "1", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("2 active credentials"), "\(dry.standardOutput)")
        #expect(try workspace.credentials().count == 3, "a dry run changes nothing")

        let run = try workspace.attest([
            "programs", "reissue", IssuerWorkspace.programID, "--from-version", "1", "--reason", "course renamed",
        ])
        #expect(run.status == 0, "\(run.standardOutput) \(run.standardError)")
        #expect(run.standardOutput.contains("progress 2/2"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("done: 2 reissued"), "\(run.standardOutput)")

        let again = try workspace.attest(["programs", "reissue", IssuerWorkspace.programID, "--from-version", "1"])
        #expect(again.status == 0 && again.standardOutput.contains("done: 0 reissued"), "\(again.standardOutput)")

        let after = try workspace.credentials()
        #expect(after.count == 5)
        #expect(after.filter { $0["state"] == "superseded" }.count == 2)
        #expect(after.filter { $0["state"] == "revoked" }.map { $0["id"] } == [revokedID])
        let newIDs = run.standardOutput.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("reissued ") else { return nil }
            return line.split(separator: " ").last.map(String.init)
        }
        #expect(newIDs.count == 2)
        #expect(
            try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'credential.superseded' AND actor = 'cli'") == 2)

        let sink = try MessageIDSink(folder: workspace.folder, keepText: true)
        defer { sink.stop() }
        let delivered = try workspace.attest(["deliver", "--smtp-url", sink.url])
        #expect(delivered.status == 0, "\(delivered.standardError)")
        let texts = sink.texts()
        for newID in newIDs {
            let mentioning = texts.filter { $0.text.contains("/c/\(newID)") }
            #expect(mentioning.count == 1, "one email names \(newID): \(texts.map(\.to))")
        }
        let corrected = texts.filter { message in newIDs.contains { message.text.contains("/c/\($0)") } }.map(\.to).sorted()
        #expect(corrected == ["Learner u-1 <u-1@example.org>", "Learner u-3 <u-3@example.org>"])
    }
}
