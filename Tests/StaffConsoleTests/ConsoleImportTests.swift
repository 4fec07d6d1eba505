import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// The Import pages through the router: upload, dry run (nothing changes), run with progress, the
/// rows not issued as CSV, and hostile uploads refused before parsing.
@Suite("Console import")
struct ConsoleImportTests {
    static let header = "learner_id,email,legal_name,completed_at,score,minutes,modules"

    /// Line 2 issues, 3 holds (score near the minimum), 4 is rejected (score), 5 repeats line 2,
    /// 6 has a bad date, 7 a stray quote, 8 is rejected with a formula-looking, markup-looking name.
    static let csv =
        [
            header,
            "u-1,ana@example.org,Ana Lima,2026-11-20,95,130,ladders;harness",
            "u-2,ben@example.org,Ben Okafor,2026-11-20,81,130,ladders;harness",
            "u-3,chen@example.org,Chen Wei,2026-11-20,50,130,ladders;harness",
            "u-1,ana@example.org,Ana Lima,2026-11-20,95,130,ladders;harness",
            "u-4,dina@example.org,Dina Haddad,yesterday,95,130,ladders;harness",
            "u-5,eve@example.org,Eve \"the\" Quote,2026-11-20,95,130,ladders;harness",
            "u-6,mal@example.org,\"=HYPERLINK(\"\"http://x\"\")<script>\",2026-11-20,10,130,ladders;harness",
        ].joined(separator: "\n") + "\n"

    struct Counts: Equatable {
        var completions = 0, credentials = 0, outbox = 0, audit = 0, learners = 0
    }

    static func counts(_ fixture: ConsoleFixture) async throws -> Counts {
        try await fixture.store.read { reading in
            Counts(
                completions: try reading.completions(state: nil).count,
                credentials: try reading.credentialSummaries(filter: CredentialFilter()).count,
                outbox: try reading.outboxMessages(state: nil).count, audit: try reading.auditEntries(from: 1, limit: 1_000_000).count,
                learners: try reading.learners(email: nil, limit: 1_000_000).count)
        }
    }

    static func prepared() async throws -> ConsoleFixture {
        let fixture = try await ConsoleFixture()
        try await fixture.store.write { try $0.saveProgram(ConsoleReviewTests.program) }
        return fixture
    }

    /// A multipart form with the CSRF token (unless left out), the program and the file.
    static func upload(
        _ staff: SignedInStaff, file: [UInt8], fileName: String = "completions.csv", contentType: String = "text/csv",
        program: String = ConsoleReviewTests.program.id, withCSRF: Bool = true
    ) -> (HTTPFields, ByteBuffer) {
        let boundary = "----attest-test-boundary-7d9"
        var body: [UInt8] = []
        func text(_ name: String, _ value: String) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if withCSRF { text("csrf", staff.csrf) }
        text("program", program)
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(contentType)\r\n\r\n"
                .utf8)
        body += file
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return ([.cookie: staff.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }

    static func jobPath(_ response: TestResponse) throws -> String {
        #expect(response.status == .seeOther)
        let location = try #require(response.headers[.location])
        #expect(location.hasPrefix("/console/import/"))
        return location
    }

    @Test func theDryRunSaysPerRowWhatTheRulesWouldDecideAndChangesNothing() async throws {
        let fixture = try await Self.prepared()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        let before = try await Self.counts(fixture)
        try await fixture.application().test(.router) { client in
            let (headers, body) = Self.upload(admin, file: Array(Self.csv.utf8), fileName: "exports/<b>Q4.csv")
            let path = try Self.jobPath(try await client.execute(uri: "/console/import", method: .post, headers: headers, body: body))
            let page = try await client.execute(uri: path, method: .get, headers: admin.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;b&gt;Q4.csv</h1>") && !page.text.contains("<b>Q4"))
            let html = page.text
            #expect(html.contains("This is a dry run: nothing has been stored"))
            for (verdict, count) in [("rows", 7), ("issue", 1), ("hold", 1), ("reject", 2), ("duplicate", 1), ("invalid", 2)] {
                #expect(html.contains("id=\"total-\(verdict)\">\(count)</dd>"), "\(verdict)")
            }
            #expect(html.contains("the same completion as line 2"))
            #expect(html.contains("<td data-label=\"Line\" class=\"numeric\">6</td>") && html.contains("is not a date"))
            #expect(html.contains("<td data-label=\"Line\" class=\"numeric\">7</td>") && html.contains("a quote inside an unquoted field"))
            #expect(html.contains("Would hold for review") && html.contains("Would reject"))
            #expect(!html.contains("<script>,") && html.contains("=HYPERLINK(&quot;http://x&quot;)&lt;script&gt;"))
            #expect(html.contains("action=\"/console/import/") && html.contains("Run the import"))
            let list = try await client.execute(uri: "/console/import", method: .get, headers: admin.headers)
            #expect(list.text.contains("&lt;b&gt;Q4.csv") && list.text.contains("Checked, not run"))
        }
        #expect(try await Self.counts(fixture) == before, "a dry run stores, issues and sends nothing")
    }

    @Test func runningIssuesInTheBackgroundAndListsTheRowsNotIssuedAsSafeCSV() async throws {
        let fixture = try await Self.prepared()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .issuer)
        try await fixture.application().test(.router) { client in
            let (headers, body) = Self.upload(admin, file: Array(Self.csv.utf8))
            let path = try Self.jobPath(try await client.execute(uri: "/console/import", method: .post, headers: headers, body: body))
            let noToken = try await client.execute(
                uri: path + "/run", method: .post, headers: admin.formHeaders, body: admin.form([], withCSRF: false))
            #expect(noToken.status == .forbidden)
            #expect(try await Self.counts(fixture).completions == 0)
            let run = try await client.execute(uri: path + "/run", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(run.status == .seeOther && run.headers[.location] == path)
            var progress = ""
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                progress = try await client.execute(uri: path + "/progress", method: .get, headers: admin.headers).text
                if progress.contains("\"finished\"") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(progress == "{\"state\":\"finished\",\"done\":7,\"total\":7,\"percent\":100}")
            let page = try await client.execute(uri: path, method: .get, headers: admin.headers)
            #expect(page.text.contains("The import is finished: 1 certificates issued, 6 rows not issued."))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let csv = try await client.execute(uri: path + "/not-issued.csv", method: .get, headers: admin.headers)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "line,learner_id,email,legal_name,outcome,reasons")
            #expect(lines.dropFirst().map { $0.prefix(2) } == ["3,", "4,", "5,", "6,", "7,", "8,"])
            #expect(lines.last?.hasPrefix("8,u-6,mal@example.org,\"'=HYPERLINK(\"\"http://x\"\")<script>\",reject,") == true)
            #expect(lines[3].contains("duplicate") && lines[4].contains("invalid"))
        }
        let after = try await Self.counts(fixture)
        #expect(after.credentials == 1 && after.completions == 4)
        let entries = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 10_000) }
        let started = try #require(entries.first { $0.kind == "import.started" })
        #expect(started.actor == admin.member.auditActor && started.subject == ConsoleReviewTests.program.id)
        #expect(entries.contains { $0.kind == "import.finished" && $0.actor == admin.member.auditActor })
        #expect(entries.filter { $0.kind.hasPrefix("completion.") }.allSatisfy { $0.actor == admin.member.auditActor })

        // The same file again: every readable row (five) is a duplicate, and nothing more is issued.
        try await fixture.application().test(.router) { client in
            let (headers, body) = Self.upload(admin, file: Array(Self.csv.utf8))
            let path = try Self.jobPath(try await client.execute(uri: "/console/import", method: .post, headers: headers, body: body))
            let page = try await client.execute(uri: path, method: .get, headers: admin.headers)
            #expect(page.text.contains("id=\"total-duplicate\">5</dd>") && page.text.contains("id=\"total-issue\">0</dd>"))
        }
        #expect(try await Self.counts(fixture).credentials == 1)
    }

    @Test func rowsForADisabledProgramAreKeptUndecidedAndSaySo() async throws {
        let fixture = try await Self.prepared()
        defer { fixture.remove() }
        _ = try await IssuerAdministration(environment: fixture.environment, actor: "cli").setProgramEnabled(
            ConsoleReviewTests.program.id, false)
        let admin = try await fixture.signIn(role: .admin)
        let file = Array("\(Self.header)\nu-1,ana@example.org,Ana Lima,2026-11-20,95,130,ladders;harness\n".utf8)
        try await fixture.application().test(.router) { client in
            let (headers, body) = Self.upload(admin, file: file)
            let path = try Self.jobPath(try await client.execute(uri: "/console/import", method: .post, headers: headers, body: body))
            _ = try await client.execute(uri: path + "/run", method: .post, headers: admin.formHeaders, body: admin.form([]))
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline,
                !(try await client.execute(uri: path + "/progress", method: .get, headers: admin.headers).text.contains("\"finished\""))
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            let csv = try await client.execute(uri: path + "/not-issued.csv", method: .get, headers: admin.headers).text
            #expect(csv.contains("2,u-1,ana@example.org,Ana Lima,other,kept undecided: "), "\(csv)")
        }
        #expect(try await Self.counts(fixture).credentials == 0)
    }

    @Test func aViewerSeesImportsButCannotUploadOrRunAndAFormWithoutItsTokenIsRefused() async throws {
        let fixture = try await Self.prepared()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        let viewer = try await fixture.signIn(role: .viewer, name: "Vic Viewer")
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/console/import", method: .get, headers: viewer.headers)
            #expect(page.status == .ok && !page.text.contains("type=\"file\"") && page.text.contains("not start them"))
            let (headers, body) = Self.upload(viewer, file: Array(Self.csv.utf8))
            #expect(try await client.execute(uri: "/console/import", method: .post, headers: headers, body: body).status == .forbidden)
            let (adminHeaders, noToken) = Self.upload(admin, file: Array(Self.csv.utf8), withCSRF: false)
            #expect(
                try await client.execute(uri: "/console/import", method: .post, headers: adminHeaders, body: noToken).status == .forbidden)
            #expect(fixture.console.importJobs.all().isEmpty)
            let (_, good) = Self.upload(admin, file: Array(Self.csv.utf8))
            let path = try Self.jobPath(try await client.execute(uri: "/console/import", method: .post, headers: adminHeaders, body: good))
            let run = try await client.execute(uri: path + "/run", method: .post, headers: viewer.formHeaders, body: viewer.form([]))
            #expect(run.status == .forbidden)
        }
        #expect(try await Self.counts(fixture).completions == 0)
    }

    /// Each hostile file is refused with a precise message, and nothing is kept or changed.
    @Test(arguments: [
        ("oversized", 413, "larger than 4 MB: it has 4194422 bytes"),
        ("huge", 413, "larger than 4 MB (4194304 bytes)"),
        ("nul", 400, "has a NUL byte"),
        ("latin1", 400, "not UTF-8 text"),
        ("columns", 400, "line 1 has more than 32 fields"),
        ("line", 400, "line 2 is longer than 4096 bytes"),
        ("rows", 400, "more than 10000 rows"),
        ("type", 415, "not a CSV file (it was sent as application/octet-stream)"),
        ("header", 400, "missing columns: learner_id, legal_name, completed_at"),
    ])
    func hostileUploadsAreRefusedBeforeParsing(kind: String, status: Int, message: String) async throws {
        let fixture = try await Self.prepared()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        let before = try await Self.counts(fixture)
        let good = Array("\(Self.header)\nu-1,ana@example.org,Ana Lima,2026-11-20,95,130,ladders\n".utf8)
        var contentType = "text/csv"
        let file: [UInt8]
        switch kind {
        case "oversized": file = good + [UInt8](repeating: UInt8(ascii: "a"), count: 4 * 1_024 * 1_024)
        case "huge": file = [UInt8](repeating: UInt8(ascii: "a"), count: 6 * 1_024 * 1_024)
        case "nul": file = good + [0, 0xFF, 0x13, 0x37]
        case "latin1": file = good + [0x45, 0x76, 0xE9, 0x0A]
        case "columns": file = Array(String(repeating: "a,", count: 1_000_000).utf8)
        case "line": file = Array("\(Self.header)\nu-1,\(String(repeating: "x", count: 100_000)),Ana,2026-11-20,,,\n".utf8)
        case "rows": file = Array((Self.header + "\n" + String(repeating: "u-1,a@example.org,A,2026-11-20,,,\n", count: 10_001)).utf8)
        case "type":
            file = good
            contentType = "application/octet-stream"
        default: file = Array("name,email\nAna,ana@example.org\n".utf8)
        }
        let (headers, body) = Self.upload(admin, file: file, contentType: contentType)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/console/import", method: .post, headers: headers, body: body)
            #expect(response.status.code == status)
            #expect(response.text.contains(message), "\(kind): \(response.text.prefix(3000))")
            #expect(response.text.contains("Nothing was changed"))
        }
        #expect(fixture.console.importJobs.all().isEmpty)
        #expect(try await Self.counts(fixture) == before)
    }

    @Test func theProgressScriptIsServedAndOtherPagesKeepTheScriptlessPolicy() async throws {
        let fixture = try await Self.prepared()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let script = try await client.execute(uri: "/console/import/progress.js", method: .get)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8" && script.text.contains("data-progress-url"))
            let page = try await client.execute(uri: "/console/import", method: .get, headers: admin.headers)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script") == false)
            let missing = try await client.execute(uri: "/console/import/NOSUCHJOB", method: .get, headers: admin.headers)
            #expect(missing.status == .notFound && missing.text.contains("kept until the server restarts"))
        }
    }
}
