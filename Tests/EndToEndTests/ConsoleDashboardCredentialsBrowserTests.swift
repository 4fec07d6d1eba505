import Foundation
import Testing

/// Issue 17's Dashboard and Credentials pages in a real browser: the real `attest serve`, a viewer
/// made with `attest staff add --print-link` signed in through that link, headless Chromium
/// driven by selenium (Tests/Browser/console_dashboard_credentials.py), axe-core and 390 px on both
/// pages, the filter in the URL, rows linking to public pages, and the exports: the CSV has the rows
/// `attest credentials list` prints for the same filter, and the ZIP opens with `unzip` and holds the PDFs.
@Suite("Staff console dashboard and credentials in a real browser", .serialized)
struct ConsoleDashboardCredentialsBrowserTests {
    static let modules = ["--module", "ladders", "--module", "scaffolds", "--module", "harness"]

    @Test("dashboard and credentials pass axe at 390 px; the CSV equals attest credentials list; the ZIP holds the PDFs")
    func dashboardAndCredentials() throws {
        let site = try ConsoleSite(staff: [(email: "admin@example.org", name: "Ana Lima", role: "admin")])
        var ids: [String] = []
        for (id, name) in [("u-1", "Zoë Åkesson"), ("u-2", "Lima, Bruno"), ("u-3", "李小龍")] {
            let issued = try site.attest(
                [
                    "issue", "--program", IssuerWorkspace.programID, "--learner-id", id, "--email", "\(id)@example.org", "--name", name,
                    "--score", "95", "--minutes", "150",
                ] + Self.modules)
            try #require(
                issued.status == 0 && issued.standardOutput.hasPrefix("issued "), "\(issued.standardOutput) \(issued.standardError)")
            ids.append(String(issued.standardOutput.split(separator: " ")[1]))
        }
        let revoked = try site.attest(["revoke", ids[1], "--reason", "issued in error"])
        try #require(revoked.status == 0, "\(revoked.standardError)")

        // A viewer (every role may see and export these pages), signed in through the link
        // `attest staff add --print-link` prints on its last line.
        let added = try site.attest([
            "staff", "add", "--email", "viewer@example.org", "--name", "Vera Vieira", "--role", "viewer", "--print-link",
        ])
        try #require(added.status == 0, "\(added.standardError)")
        let link = try #require(added.standardOutput.split(separator: "\n").last.map(String.init), "\(added.standardOutput)")
        try #require(link.hasPrefix("\(site.address)/console/sign-in/"), "\(link)")

        let downloads = FileManager.default.temporaryDirectory.appendingPathComponent("attest-downloads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: downloads) }
        let result = try site.runBrowserScript("console_dashboard_credentials.py", ["--downloads", downloads.path, "--link", link])
        #expect(
            result.status == 0,
            "\(result.standardOutput)\n\(result.standardError.suffix(3000))\nserver: \(site.server.process.errorOutput.suffix(2000))")
        let output = result.standardOutput
        for check in ["dashboard: axe passes", "credentials: axe passes", "each row links to its public page", "exports: CSV and a ZIP"] {
            #expect(output.contains("ok: \(check)"), "\(output)")
        }
        var found: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("found: ") {
            let parts = line.dropFirst("found: ".count).split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { found[parts[0]] = parts[1] }
        }

        // The CSV's rows are what `attest credentials list --state active --json` prints.
        let csvText = try String(contentsOfFile: try #require(found["csv"], "\(output)"), encoding: .utf8)
        let csvRows = try Self.parseCSV(csvText)
        #expect(csvRows.first == ["id", "learner", "email", "program", "state", "issuedAt", "validUntil", "claimedAt", "url"])
        let exported = Set(csvRows.dropFirst().map { Array($0.prefix(6)) })
        let listed = try site.attest(["credentials", "list", "--state", "active", "--json"])
        try #require(listed.status == 0, "\(listed.standardError)")
        let expected = try Set(
            listed.standardOutput.split(separator: "\n").map { line -> [String] in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                return ["id", "learner", "email", "program", "state", "issuedAt"].map { object[$0] ?? "" }
            })
        #expect(exported == expected)
        #expect(exported.count == 2)
        #expect(csvRows.dropFirst().allSatisfy { $0[8] == "\(site.address)/c/\($0[0])" })

        // The ZIP opens with Info-ZIP's unzip and holds the two valid credentials' PDFs.
        let zip = try #require(found["zip"])
        let test = try Executables.runProgram("unzip", ["-t", zip])
        #expect(test.status == 0 && test.standardOutput.contains("No errors detected"), "\(test.standardOutput)")
        let list = try Executables.runProgram("unzip", ["-l", zip]).standardOutput
        for id in [ids[0], ids[2]] { #expect(list.contains("\(id).pdf"), "\(list)") }
        #expect(!list.contains("\(ids[1]).pdf"))
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append(scalars.removeFirst())
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\r" && scalars.first == "\n" {
                scalars.removeFirst()
                record.append(field)
                records.append(record)
                (record, field) = ([], "")
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        try #require(record.isEmpty && field.isEmpty, "the CSV does not end with CRLF")
        return records
    }
}
