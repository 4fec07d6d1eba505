import Foundation
import Testing

/// Issue 19 points 1 and 2 with the real `attest`: shadow mode issues nothing, the agreement report
/// finds exactly the cases people decided differently, assisted mode checks exactly the first N,
/// monitored mode samples about 10 %.
@Suite("Rollout modes and the agreement report (attest programs mode, attest rollout)")
struct RolloutEndToEndTests {
    static let program = IssuerWorkspace.programID

    /// Learner `index`'s id: `u-0001` …
    static func learner(_ index: Int) -> String { String(format: "u-%04d", index) }

    /// `count` completions of the example program; those `failing` names score 60 (below the
    /// minimum of 80: the rules reject), the others 91 with every module (the rules issue).
    static func completions(_ count: Int, failing: (Int) -> Bool = { _ in false }) -> String {
        var lines = ["learner_id,email,legal_name,preferred_name,completed_at,score,minutes,modules"]
        for index in 1...count {
            let score = failing(index) ? 60 : 91
            lines.append(
                "\(learner(index)),learner\(index)@example.org,Learner \(index),,2026-11-20T10:00:00Z,\(score),150,ladders;scaffolds;harness"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Sets the program's mode and checks it worked.
    static func setMode(_ workspace: IssuerWorkspace, _ arguments: [String]) throws -> String {
        let set = try workspace.attest(["programs", "mode", program] + arguments)
        #expect(set.status == 0, "programs mode \(arguments): \(set.standardError)")
        return set.standardOutput
    }

    static func imported(_ workspace: IssuerWorkspace, _ csv: String) throws {
        let file = try workspace.write(csv, "completions-\(UUID().uuidString).csv")
        let result = try workspace.importCSV(file)
        #expect(result.status == 0, "import: \(result.standardError)")
    }

    @Test(
        "shadow mode: 200 completions are decided and recorded; no credential, no email, no status bit; leaving it issues nothing unless asked"
    )
    func shadowIssuesNothing() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        _ = try Self.setMode(workspace, ["shadow"])
        try Self.imported(workspace, Self.completions(200, failing: { $0 % 20 == 0 }))

        #expect(try workspace.count("SELECT count(*) FROM shadowDecision") == 200)
        #expect(try workspace.count("SELECT count(*) FROM shadowDecision WHERE decision = 'issue'") == 190)
        #expect(try workspace.count("SELECT count(*) FROM shadowDecision WHERE decision = 'reject'") == 10)
        #expect(try workspace.count("SELECT count(*) FROM credential") == 0)
        #expect(try workspace.count("SELECT count(*) FROM completion") == 0)
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage") == 0)
        #expect(try workspace.count("SELECT coalesce(sum(allocated), 0) FROM statusList") == 0)
        #expect(try workspace.count("SELECT count(*) FROM statusList WHERE trim(hex(bits), '0') <> ''") == 0)
        // Every decision is in the audit trail with its reasons.
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'completion.shadowDecided'") == 200)

        let sink = try MessageIDSink(folder: workspace.folder)
        let delivered = try workspace.attest(["deliver", "--smtp-url", sink.url])
        #expect(delivered.status == 0, "\(delivered.standardError)")
        #expect(sink.messageIDs().isEmpty)

        // Leaving shadow mode issues nothing retroactively...
        _ = try Self.setMode(workspace, ["full"])
        #expect(try workspace.count("SELECT count(*) FROM credential") == 0)
        // ...unless asked, and then once each, however often it is asked.
        let issued = try Self.setMode(workspace, ["full", "--issue-shadowed"])
        #expect(issued.contains("190 credentials issued from shadow decisions"), "\(issued)")
        _ = try Self.setMode(workspace, ["full", "--issue-shadowed"])
        #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") == 190)
        #expect(
            try workspace.count(
                "SELECT count(*) FROM shadowDecision WHERE json_extract(record, '$.issuedCompletionID') IS NULL AND decision = 'issue'")
                == 0)
        // The sink takes the certificates now that they exist (so it would have seen any before).
        let afterwards = try workspace.attest(["deliver", "--smtp-url", sink.url])
        #expect(afterwards.status == 0, "\(afterwards.standardError)")
        #expect(sink.messageIDs().count == 190)
        // Every mode change is audited under who made it.
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'program.rolloutChanged' AND actor = 'cli'") == 4)
    }

    @Test("the agreement report finds exactly the 3 cases people decided differently, split into false positives and negatives")
    func agreementReport() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        _ = try Self.setMode(workspace, ["shadow"])
        let failing: (Int) -> Bool = { $0 % 20 == 0 }
        try Self.imported(workspace, Self.completions(200, failing: failing))

        // The people agree with the rules except: u-0007 (rules issue, people reject) and u-0020,
        // u-0040 (rules reject on the score, people issue). Every third row names the learner by email.
        func manual(flipping flipped: Set<Int>) -> String {
            var lines = ["learner,decision,note"]
            for index in 1...200 {
                var issue = !failing(index)
                if flipped.contains(index) { issue.toggle() }
                let who = index % 3 == 0 ? "LEARNER\(index)@example.org" : Self.learner(index)
                lines.append("\(who),\(issue ? "issue" : "reject"),\(flipped.contains(index) ? "\"checked, by hand\"" : "")")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let differing = try workspace.write(manual(flipping: [7, 20, 40]), "manual.csv")
        let text = try workspace.attest(["rollout", "compare", "--program", Self.program, differing])
        #expect(text.status == 1, "\(text.standardOutput) \(text.standardError)")
        #expect(text.standardOutput.contains("200 completions compared"), "\(text.standardOutput)")
        #expect(
            text.standardOutput.contains(
                "FAIL: agreement 98.5% (target > 98%), false positives 0.5% (target < 0.5%), false negatives 1% (target < 1%)"))

        let json = try workspace.attest(["rollout", "compare", "--program", Self.program, "--json", differing])
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(report["compared"] as? Int == 200)
        #expect(report["agreed"] as? Int == 197)
        #expect(report["falsePositives"] as? Int == 1)
        #expect(report["falseNegatives"] as? Int == 2)
        #expect(report["pass"] as? Bool == false)
        let cases = try #require(report["disagreements"] as? [[String: Any]])
        #expect(cases.map { $0["learner"] as? String } == ["u-0007", "u-0020", "u-0040"])
        #expect(cases.map { $0["outcome"] as? String } == ["falsePositive", "falseNegative", "falseNegative"])
        #expect(cases.map { $0["note"] as? String } == ["checked, by hand", "checked, by hand", "checked, by hand"])
        #expect(report["ruleDisagreements"] as? [String: Int] == ["all_rules_met": 1, "minimum_score": 2])

        // The same decisions as the rules: nothing listed, PASS, exit 0.
        let agreeing = try workspace.write(manual(flipping: []), "agreeing.csv")
        let passing = try workspace.attest(["rollout", "compare", "--program", Self.program, agreeing])
        #expect(passing.status == 0, "\(passing.standardOutput) \(passing.standardError)")
        #expect(passing.standardOutput.contains("PASS: agreement 100%"))
        #expect(!passing.standardOutput.contains("Cases:"))

        // A broken file is refused with its line.
        let broken = try workspace.write("u-0001,issue\nu-0002,maybe\n", "broken.csv")
        let refused = try workspace.attest(["rollout", "compare", "--program", Self.program, broken])
        #expect(refused.status != 0 && refused.status != 1)
        #expect(refused.standardError.contains("line 2"), "\(refused.standardError)")
    }

    @Test(
        "assisted mode puts exactly the first N issuances on the check list; staff confirm or revoke; unconfirmed ones are overdue after 4 hours"
    )
    func assistedChecksTheFirstN() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let clock = try workspace.write("2026-12-01T09:00:00Z\n", "clock")
        let environment = ["ATTEST_CLOCK_FILE": clock]
        let set = try workspace.attest(["programs", "mode", Self.program, "assisted", "--first", "5"], environment: environment)
        #expect(set.status == 0, "\(set.standardError)")
        let file = try workspace.write(Self.completions(8), "eight.csv")
        #expect(try workspace.attest(["import", file, "--program", Self.program], environment: environment).status == 0)

        #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") == 8)
        let checked = try workspace.sqlite(
            """
            SELECT learner.externalID FROM rolloutCheck JOIN credential ON credential.id = rolloutCheck.credentialID
            JOIN learner ON learner.id = credential.learnerID ORDER BY learner.externalID
            """
        ).standardOutput.split(separator: "\n").map(String.init)
        #expect(checked == (1...5).map(Self.learner))

        let ids = try workspace.sqlite("SELECT credentialID FROM rolloutCheck ORDER BY credentialID").standardOutput.split(separator: "\n")
            .map(String.init)
        let listed = try workspace.attest(["rollout", "checks"], environment: environment)
        #expect(listed.status == 0, "\(listed.standardOutput)")
        #expect(listed.standardOutput.contains("5 checks listed, 0 overdue"))

        #expect(try workspace.attest(["rollout", "confirm", ids[0]], environment: environment).status == 0)
        #expect(try workspace.attest(["rollout", "revoke", ids[1]], environment: environment).status != 0)  // no reason
        let revoked = try workspace.attest(["rollout", "revoke", ids[1], "--reason", "wrong cohort"], environment: environment)
        #expect(revoked.status == 0, "\(revoked.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM credential WHERE id = '\(ids[1])' AND state = 'revoked'") == 1)
        #expect(try workspace.attest(["rollout", "confirm", ids[1]], environment: environment).status != 0)  // decided already

        try Data("2026-12-01T13:00:01Z\n".utf8).write(to: URL(fileURLWithPath: clock))
        let late = try workspace.attest(["rollout", "checks"], environment: environment)
        #expect(late.status == 2)
        #expect(late.standardOutput.contains("3 checks listed, 3 overdue"), "\(late.standardOutput)")
        #expect(
            try workspace.count(
                "SELECT count(*) FROM auditEntry WHERE kind IN ('rollout.checkConfirmed', 'rollout.checkRevoked') AND actor = 'cli'") == 2)
    }

    @Test("monitored mode samples about 10 % of 1,000 issuances (within 5 binomial standard deviations)")
    func monitoredSamplesAboutTenPercent() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        _ = try Self.setMode(workspace, ["monitored"])
        try Self.imported(workspace, Self.completions(1000))
        #expect(try workspace.count("SELECT count(*) FROM credential") == 1000)
        let sampled = try workspace.count("SELECT count(*) FROM rolloutCheck WHERE json_extract(record, '$.reason') = 'sample'")
        // n = 1000, p = 0.1: mean 100, standard deviation √(1000 · 0.1 · 0.9) ≈ 9.5; 5σ ≈ 47.
        #expect((53...147).contains(sampled), "sampled \(sampled) of 1,000")
    }
}
