import Foundation
import Testing

/// Issue 5 item 9, with a real process and a real kill: SIGKILL `attest import` of 2,000 rows at
/// several moments (start-up, the first completion stored, mid-intake, twice while signing), each
/// an observed state of the database rather than a delay, then run it again to
/// the end. Exactly one credential per learner, no pending left, every status index unique, every
/// list's `allocated` equal to the credentials pointing at it, all bits zero, an intact audit
/// chain, one issuance entry and one email per credential.
@Suite("attest import: nothing lost, nothing doubled after SIGKILL")
struct CrashRecoveryTests {
    /// The issue's figure; `ATTEST_E2E_CRASH_LEARNERS` makes a quicker local run possible.
    static let learners = ProcessInfo.processInfo.environment["ATTEST_E2E_CRASH_LEARNERS"].flatMap(Int.init) ?? 2000

    static func csv(learners: Int) -> String {
        var lines = ["learner_id,email,legal_name,completed_at,score,minutes,modules"]
        for number in 1...learners {
            lines.append("k-\(number),k\(number)@example.org,Learner \(number),2026-11-20T10:00:00Z,95,150,ladders;scaffolds;harness")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// When to pull the plug on one run.
    enum Moment: CustomStringConvertible {
        /// At once, while the process starts up (no progress required).
        case atStart
        /// Once this many more completions are stored than before the run (intake phase).
        case afterCompletions(Int)
        /// Once this many more credentials are signed than before the run (signing phase).
        case afterSigned(Int)

        var description: String {
            switch self {
            case .atStart: "at start-up"
            case .afterCompletions(let count): "after \(count) more completions"
            case .afterSigned(let count): "after \(count) more signatures"
            }
        }
    }

    @Test("SIGKILL at five moments, then a full run: one credential per learner, consistent lists, intact audit")
    func killAndResume() throws {
        let clock = ContinuousClock()
        let began = clock.now
        let workspace = try IssuerWorkspace.withExampleProgram()
        let file = try workspace.write(Self.csv(learners: Self.learners), "learners.csv")
        let moments: [Moment] = [
            .atStart, .afterCompletions(1), .afterCompletions(Self.learners / 3), .afterSigned(Self.learners / 20),
            .afterSigned(Self.learners / 10),
        ]
        for (round, moment) in moments.enumerated() {
            let completionsBefore = try workspace.count("SELECT count(*) FROM completion")
            let signedBefore = try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'")
            let process = try BackgroundProcess(
                "attest", ["import", file, "--program", IssuerWorkspace.programID, "--data", workspace.data], logsIn: workspace.folder,
                name: "run-\(round)")
            let deadline = clock.now + .seconds(300)
            while process.isRunning && clock.now < deadline {
                let reached: Bool
                switch moment {
                case .atStart:
                    reached = true
                case .afterCompletions(let count):
                    reached = try workspace.count("SELECT count(*) FROM completion") >= completionsBefore + count
                case .afterSigned(let count):
                    // Observed progress, not a delay: this many signed and some still waiting to be.
                    reached =
                        try workspace.count("SELECT count(*) FROM credential WHERE state = 'active'") >= signedBefore + count
                        && workspace.count("SELECT count(*) FROM credential WHERE state = 'pending'") > 0
                }
                if reached { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            process.kill()
            #expect(process.wasKilled, "round \(round) (\(moment)) ended by itself before the kill: \(process.output)")
            let states = try workspace.sqlite("SELECT state, count(*) FROM credential GROUP BY state ORDER BY state").standardOutput
            print(
                "crash round \(round): killed \(moment) at \(clock.now - began); credentials: \(states.replacingOccurrences(of: "\n", with: " "))"
            )
            if case .afterSigned = moment {
                #expect(try workspace.count("SELECT count(*) FROM credential WHERE state = 'pending'") > 0, "killed while signing")
            }
        }

        let final = try workspace.importCSV(file)
        print("crash recovery: final run done at \(clock.now - began)")
        #expect(final.status == 0, "\(final.standardError)")
        #expect(final.standardOutput.contains("\(Self.learners) rows: "), "\(final.standardOutput)")
        try Self.expectConsistent(workspace, learners: Self.learners)
        print("crash recovery: checked at \(clock.now - began)")
    }

    @Test("two imports of the same file at once: each row once, each credential signed and announced once")
    func concurrentImports() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let runs = try (0..<2).map { number in
            try BackgroundProcess(
                "attest", ["import", IssuerWorkspace.exampleCompletions, "--program", IssuerWorkspace.programID, "--data", workspace.data],
                logsIn: workspace.folder, name: "concurrent-\(number)")
        }
        let statuses = runs.map { $0.wait() }
        #expect(statuses == [0, 0], "\(runs.map(\.output))")
        let outputs = runs.map(\.output).joined(separator: "\n")
        let issued = outputs.split(separator: "\n").compactMap { line in line.firstMatch(of: /(\d+) issued/).flatMap { Int($0.1) } }.reduce(
            0, +)
        #expect(issued == 25, "\(outputs)")
        try Self.expectConsistent(workspace, learners: 25)
    }

    /// Everything item 9 asks for, read straight from the SQLite file.
    static func expectConsistent(_ workspace: IssuerWorkspace, learners: Int) throws {
        let listed = try workspace.credentials()
        #expect(listed.count == learners)
        #expect(Set(listed.compactMap { $0["email"] }).count == learners)
        #expect(listed.allSatisfy { $0["state"] == "active" })
        #expect(try workspace.count("SELECT count(*) FROM learner") == learners)
        #expect(try workspace.count("SELECT count(*) FROM completion WHERE state = 'issued'") == learners)
        #expect(try workspace.count("SELECT count(DISTINCT learnerID) FROM credential") == learners)
        #expect(
            try workspace.count("""
                SELECT count(*) FROM credential c WHERE state = 'pending'
                OR NOT EXISTS (SELECT 1 FROM credentialDocument d WHERE d.credentialID = c.id AND d.kind = 'json')
                OR NOT EXISTS (SELECT 1 FROM credentialDocument d WHERE d.credentialID = c.id AND d.kind = 'pdf')
                """) == 0)

        // Status entries: unique, counted, all bits clear, and the signed credentials say the same.
        #expect(try workspace.count("SELECT count(DISTINCT revocationList || '#' || revocationIndex) FROM credential") == learners)
        #expect(try workspace.count("SELECT count(DISTINCT suspensionList || '#' || suspensionIndex) FROM credential") == learners)
        let miscounted = try workspace.sqlite(
            """
            SELECT id, allocated, (SELECT count(*) FROM credential WHERE revocationList = statusList.id OR suspensionList = statusList.id)
            FROM statusList WHERE allocated <> (SELECT count(*) FROM credential WHERE revocationList = statusList.id OR suspensionList = statusList.id)
            """)
        #expect(miscounted.status == 0 && miscounted.standardOutput.isEmpty, "list, allocated, credentials: \(miscounted.standardOutput)")
        #expect(try workspace.count("SELECT count(*) FROM statusList") == 2)
        #expect(
            try workspace.count("SELECT count(*) FROM statusList WHERE bits <> zeroblob(capacity / 8) OR signedCredentialJSON IS NULL") == 0
        )
        #expect(
            try workspace.count(
                """
                SELECT count(*) FROM credential JOIN credentialDocument d ON d.credentialID = credential.id AND d.kind = 'json' WHERE
                json_type(CAST(d.bytes AS TEXT), '$.credentialStatus') IS NOT 'object'
                OR json_extract(CAST(d.bytes AS TEXT), '$.credentialStatus.statusPurpose') IS NOT 'revocation'
                OR json_extract(CAST(d.bytes AS TEXT), '$.credentialStatus.statusListIndex') IS NOT CAST(revocationIndex AS TEXT)
                OR json_extract(CAST(d.bytes AS TEXT), '$.credentialStatus.statusListCredential')
                    IS NOT 'https://certs.example.org/status/' || revocationList
                """) == 0)
        // The query can fail: every credential has its JSON document, so none is left out by the join.
        let withDocument = "SELECT count(*) FROM credential JOIN credentialDocument d ON d.credentialID = credential.id AND d.kind = 'json'"
        #expect(try workspace.count(withDocument) == learners)

        // Nothing doubled: one intake, one reservation, one issuance and one email per learner.
        for kind in ["completion.received", "completion.decided", "credential.reserved", "credential.issued"] {
            #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = '\(kind)'") == learners, "\(kind)")
        }
        #expect(try workspace.count("SELECT count(DISTINCT subjectID) FROM outboxMessage WHERE channel = 'email'") == learners)
        #expect(try workspace.count("SELECT count(*) FROM outboxMessage WHERE channel = 'email'") == learners)
        let audit = try workspace.attest(["audit", "verify"])
        #expect(audit.status == 0, "\(audit.standardOutput)\(audit.standardError)")

        // One credential, checked as a verifier would, against the freshly published lists.
        let id = try #require(listed.last?["id"])
        let verified = try workspace.verifyOffline(try workspace.export(id))
        #expect(verified.status == 0, "\(verified.standardOutput)")
    }
}
