import Foundation
import TestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// The Dashboard and Credentials pages through the real routes, signed in: the figures from the
/// database, the filtered list, and its CSV and ZIP exports.
@Suite("Console dashboard and credentials")
struct ConsoleDashboardTests {
    static let program = Program(
        id: "first-aid",
        achievement: Achievement(name: "First Aid at Work", description: "Emergency first aid.", criteria: "Pass the assessment."),
        branding: Branding(organisation: "Example Safety Training", signatoryName: "Dr. Amira Haddad", signatoryTitle: "Head of Training"),
        rules: CompletionRules(requiredModules: [], minimumScore: 70))

    /// Four credentials of four learners, issued 1, 2, 3 and 40 days before the fixture's clock, two
    /// minutes after their completions arrived; the second is revoked, the first claimed; each has a PDF.
    static func seed(_ fixture: ConsoleFixture) async throws {
        let now = fixture.clock.now
        try await fixture.store.write { transaction in
            try transaction.saveProgram(program)
            for number in 1...4 {
                let days: Double = [1, 2, 3, 40][number - 1]
                let learner = Learner(
                    id: "lrn-\(number)", externalID: "u-\(number)", email: "learner\(number)@example.org",
                    legalName: number == 4 ? "<b>Zoë</b> Åkesson" : "Learner \(number)")
                try transaction.saveLearner(learner)
                let received = now.addingTimeInterval(-days * 86_400)
                try transaction.insertCompletion(
                    CompletionRecord(
                        id: "cmp-\(number)",
                        event: CompletionEvent(
                            source: "lms", eventID: "e-\(number)", programID: program.id,
                            learner: LearnerDetails(externalID: learner.externalID, email: learner.email, legalName: learner.legalName),
                            completedAt: received, score: 90),
                        learnerID: learner.id, receivedAt: received, state: .issued, reasons: []))
                try transaction.insertCredential(
                    CredentialRecord(
                        id: "CRED000\(number)", learnerID: learner.id, programID: program.id, programVersion: 1,
                        completionID: "cmp-\(number)",
                        issuedAt: received.addingTimeInterval(120), validUntil: nil, state: number == 2 ? .revoked : .active,
                        revocationList: "revocation-1", revocationIndex: number, suspensionList: "suspension-1", suspensionIndex: number,
                        credentialJSON: Data("{}".utf8), pdf: Data("%PDF-1.7 certificate \(number)\n%%EOF".utf8),
                        claimedAt: number == 1 ? now : nil))
            }
        }
    }

    @Test func dashboardShowsTheFiguresFromTheDatabase() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await Self.seed(fixture)
        let staff = try await fixture.signIn(role: .viewer)
        try await fixture.application().test(.router) { client in
            let signedOut = try await client.execute(uri: "/console/dashboard", method: .get)
            #expect(signedOut.status == .seeOther)
            let response = try await client.execute(uri: "/console/dashboard", method: .get, headers: staff.headers)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<h1>Dashboard</h1>"))
            // Three credentials in the last 7 and 30 days, each 2 minutes after its completion.
            #expect(
                html.contains(
                    #"<th scope="row" data-label="Figure">Time to credential, median (7 days)</th><td data-label="Value" class="numeric">2 min <span class="hint">(3 credentials)</span>"#
                ))
            #expect(
                html.contains(#"Learner claim rate</th><td data-label="Value" class="numeric">33.3 % <span class="hint">(1 of 3)</span>"#))
            #expect(html.contains(#"<strong class="tag tag--valid">On target</strong>"#))
            #expect(html.contains(#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-issued""#))
            #expect(html.contains(#"data-value="1""#))
            #expect(html.contains("3 credentials issued in the last 30 days"))
        }
    }

    @Test func figuresAreKeptForThirtySecondsPerStore() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await Self.seed(fixture)
        let first = try await DashboardCache.shared.figures(for: fixture.environment, now: fixture.clock.now)
        #expect(first.figure(.heldForReview)?.value == 0)
        try await fixture.store.write { transaction in
            var held = try #require(try transaction.completion(id: "cmp-4"))
            (held.id, held.event.eventID, held.state) = ("cmp-held", "e-held", .held)
            try transaction.insertCompletion(held)
        }
        fixture.clock.advance(by: 29)
        #expect(try await DashboardCache.shared.figures(for: fixture.environment, now: fixture.clock.now) == first)
        fixture.clock.advance(by: 2)
        let later = try await DashboardCache.shared.figures(for: fixture.environment, now: fixture.clock.now)
        #expect(later.figure(.heldForReview)?.value == 1)
        // Another store never gets these figures.
        let other = try await ConsoleFixture()
        defer { other.remove() }
        let empty = try await DashboardCache.shared.figures(for: other.environment, now: fixture.clock.now)
        #expect(empty.figure(.medianTimeToCredential30Days)?.value == nil)
    }

    @Test func credentialsListFiltersAndLinksToPublicPages() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await Self.seed(fixture)
        let staff = try await fixture.signIn(role: .reviewer)
        try await fixture.application().test(.router) { client in
            let all = try await client.execute(uri: "/console/credentials", method: .get, headers: staff.headers).text
            #expect(all.contains("4 credentials match."))
            for number in 1...4 { #expect(all.contains(#"href="/c/CRED000\#(number)""#)) }
            #expect(all.contains("&lt;b&gt;Zoë&lt;/b&gt; Åkesson") && !all.contains("<b>Zoë</b>"))
            let revoked = try await client.execute(uri: "/console/credentials?state=revoked", method: .get, headers: staff.headers).text
            #expect(revoked.contains("1 credential matches these filters."))
            #expect(revoked.contains(#"href="/c/CRED0002""#) && !revoked.contains(#"href="/c/CRED0001""#))
            #expect(revoked.contains(#"<option value="revoked" selected>Revoked</option>"#))
            let byLearner = try await client.execute(
                uri: "/console/credentials?learner=LEARNER3%40example.org", method: .get, headers: staff.headers)
            #expect(byLearner.text.contains(#"href="/c/CRED0003""#) && !byLearner.text.contains(#"href="/c/CRED0001""#))
            let bad = try await client.execute(uri: "/console/credentials?from=yesterday", method: .get, headers: staff.headers)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func exportsTheFilteredSetAsCSVAndAZipOfPDFs() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await Self.seed(fixture)
        let staff = try await fixture.signIn(role: .viewer)
        try await fixture.application().test(.router) { client in
            let signedOut = try await client.execute(uri: "/console/credentials/export.csv", method: .get)
            #expect(signedOut.status == .seeOther)
            let csv = try await client.execute(uri: "/console/credentials/export.csv?state=active", method: .get, headers: staff.headers)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 4)
            #expect(lines.dropFirst().map { String($0.prefix(8)) } == ["CRED0004", "CRED0003", "CRED0001"])
            #expect(lines[1].contains(",active,2026-10-14T09:02:00Z,"))

            let zip = try await client.execute(uri: "/console/credentials/export.zip?state=active", method: .get, headers: staff.headers)
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            let path = fixture.directory.appendingPathComponent("export.zip")
            try Data(buffer: zip.body).write(to: path)
            let listed = try Self.python(
                "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor i in z.infolist(): print(i.filename, z.read(i)[:8].decode())",
                path.path)
            #expect(
                listed.split(separator: "\n").sorted() == [
                    "CRED0001.pdf %PDF-1.7", "CRED0003.pdf %PDF-1.7", "CRED0004.pdf %PDF-1.7", "credentials.csv id,learn",
                ])
        }
    }

    static func python(_ script: String, _ argument: String) throws -> String {
        let process = Subprocess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, argument]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
