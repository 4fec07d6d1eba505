import Foundation
import Testing

/// Issue 18's bulk import in a real browser (Tests/Browser/console_import.py): hostile uploads
/// refused with a precise message and nothing changed, then a 2,000-row file with bad rows, a
/// duplicate, a row that holds and rows the rules reject goes through the dry run (totals right,
/// nothing changed) and Run (the progress bar moves and survives a reload, reaching 100 %), and
/// the summary matches what `attest credentials list` then lists; the CSV of rows not issued names
/// exactly the rows that were not, with formula-looking cells made text.
@Suite("Staff console bulk import in a real browser", .serialized)
struct ConsoleImportBrowserTests {
    static let rows = 2_000

    /// The file: every row issues except line 11 (a duplicate of line 10), line 21 (held: score 81
    /// is within 2 of the minimum 80), lines 31 and 41 (rejected: score 50; line 41's name looks like
    /// a formula), line 51 (a bad date), line 61 (a stray quote) and line 71 (too few fields).
    static func file() -> (text: String, expected: [Int: String]) {
        var lines = ["learner_id,email,legal_name,completed_at,score,minutes,modules"]
        var expected: [Int: String] = [:]
        for index in 1...rows {
            let line = index + 1
            let learner = String(format: "u-%05d", index)
            var (name, date, score, suffix) = ("Learner \(learner)", "2026-11-20", "92", "")
            switch line {
            case 11:
                lines.append(lines[9])
                expected[line] = "duplicate"
                continue
            case 21: (score, expected[line]) = ("81", "hold")
            case 31: (score, expected[line]) = ("50", "reject")
            case 41: (name, score, expected[line]) = ("=SUM(1+1)", "50", "reject")
            case 51: (date, expected[line]) = ("20/11/2026", "invalid")
            case 61: (name, expected[line]) = ("Stray \"quote\" Person", "invalid")
            case 71:
                lines.append("\(learner),\(learner)@example.org,Short Row")
                expected[line] = "invalid"
                continue
            default: suffix = ""
            }
            lines.append("\(learner),\(learner)@example.org,\(name),\(date),\(score),150,ladders;scaffolds;harness\(suffix)")
        }
        return (lines.joined(separator: "\n") + "\n", expected)
    }

    @Test("hostile uploads refused; 2,000 rows: dry run, run with progress and reload, summary = credentials list, not-issued CSV")
    func bulkImport() throws {
        let site = try ConsoleSite(staff: [(email: "admin@example.org", name: "Ana Lima", role: "admin")])
        let (text, expected) = Self.file()
        let csv = try site.workspace.write(text, "learners.csv")
        // Hostile files: over the size limit, binary junk, a million columns, one gigantic line.
        let oversized = try site.workspace.write(String(repeating: "a", count: 5 * 1_024 * 1_024), "oversized.csv")
        var junk = Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        junk[100] = 0
        let junkFile = site.workspace.path("junk.csv")
        try junk.write(to: URL(fileURLWithPath: junkFile))
        let columns = try site.workspace.write(String(repeating: "a,", count: 1_000_000), "columns.csv")
        let giant = try site.workspace.write(
            "learner_id,email,legal_name,completed_at\nu-1,a@example.org,\(String(repeating: "x", count: 200_000)),2026-11-20\n",
            "giant.csv")

        let result = try site.runBrowserScript(
            "console_import.py",
            [
                "--database", site.workspace.database, "--program", IssuerWorkspace.programID, "--file", csv,
                "--hostile", "oversized=\(oversized):larger than 4 MB", "--hostile", "junk=\(junkFile):has a NUL byte",
                "--hostile", "columns=\(columns):line 1 has more than 32 fields",
                "--hostile", "giant=\(giant):line 2 is longer than 4096 bytes",
            ])
        let output = result.standardOutput
        #expect(
            result.status == 0,
            "\(output)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))")
        for check in [
            "the Import page passes axe", "the oversized upload is refused", "the junk upload is refused", "the columns upload is refused",
            "the giant upload is refused", "the hostile uploads changed nothing", "the dry run shows the totals and changes nothing",
            "the progress bar moved",
            "the progress reaches 100 %", "the summary shows the totals", "the CSV of 7 rows not issued downloads",
            "imported learners are emailed",
        ] {
            #expect(output.contains("ok: \(check)"), "\(output)")
        }

        func totals(_ prefix: String) -> [String: Int] {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [:] }
            return Dictionary(
                uniqueKeysWithValues: line.dropFirst(prefix.count).split(separator: " ").compactMap { pair in
                    let parts = pair.split(separator: "=")
                    return parts.count == 2 ? (String(parts[0]), Int(parts[1]) ?? -1) : nil
                })
        }
        let willIssue = Self.rows - expected.count
        let dryRun = totals("dryrun: ")
        #expect(
            dryRun == [
                "rows": Self.rows, "issue": willIssue, "hold": 1, "reject": 2, "duplicate": 1, "alreadyHeld": 0, "invalid": 3, "other": 0,
            ], "\(output)")
        let run = totals("run: ")
        #expect(run == dryRun, "the run did what the dry run said")

        // The summary matches the store, as `attest credentials list` reports it.
        let credentials = try site.workspace.credentials().filter { $0["program"] == IssuerWorkspace.programID }
        #expect(credentials.count == run["issue"])
        #expect(credentials.allSatisfy { $0["state"] == "active" })
        #expect(Set(credentials.compactMap { $0["email"] }).count == willIssue)
        #expect(!credentials.contains { ["u-00020@example.org", "u-00030@example.org", "u-00040@example.org"].contains($0["email"]) })

        // The not-issued CSV names exactly the rows that were not, and the formula-looking name is text.
        let notIssued = output.split(separator: "\n").filter { $0.hasPrefix("notissued: ") }.map { $0.dropFirst("notissued: ".count) }
        var found: [Int: String] = [:]
        for row in notIssued {
            let parts = row.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            if let line = Int(parts[0]) { found[line] = parts[1] }
        }
        #expect(found == expected, "\(notIssued)")
        #expect(notIssued.contains { $0.hasPrefix("41,reject,'=SUM(1+1)") }, "\(notIssued)")
        #expect(
            try site.workspace.count(
                "SELECT count(*) FROM auditEntry WHERE kind = 'import.finished' AND actor LIKE '%admin@example.org%'") == 1)
    }
}
