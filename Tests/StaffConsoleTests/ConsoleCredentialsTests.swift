import Foundation
import IssuerCore
import Testing

@testable import StaffConsole

/// The Credentials page's filters, table and CSV, without a server: what the URL says is what
/// the store is asked, and everything a learner or LMS wrote is escaped.
@Suite("Console credentials")
struct ConsoleCredentialsTests {
    static func filters(_ query: String) throws -> CredentialsFilters {
        try CredentialsFilters(ConsoleForm(urlencoded: Array(query.utf8)))
    }

    @Test func filtersBecomeTheStoreQueryAndTheSameURL() throws {
        let filters = try Self.filters("program=first-aid&state=revoked&from=2026-11-01&to=2026-11-30&learner=Ana%40Example.org&after=40")
        let query = filters.query(limit: 51)
        #expect(query.programID == "first-aid")
        #expect(query.state == .revoked)
        #expect(query.issuedFrom == Date(timeIntervalSince1970: 1_793_491_200))  // 2026-11-01T00:00Z
        #expect(query.issuedBefore == Date(timeIntervalSince1970: 1_796_083_200))  // 2026-12-01T00:00Z: the 30th is whole
        #expect(query.learner == "Ana@Example.org")
        #expect(query.after == 40)
        #expect(query.limit == 51)
        #expect(filters.queryString() == "?program=first-aid&state=revoked&from=2026-11-01&to=2026-11-30&learner=Ana%40Example.org")
        #expect(filters.queryString(after: 7).hasSuffix("&after=7"))
        #expect(try Self.filters("state=&program=").isFiltered == false)
        #expect(try Self.filters("learner=Zo%C3%AB").queryString() == "?learner=Zo%C3%AB")
    }

    @Test(arguments: ["state=valid", "from=2026-13-01", "to=yesterday", "from=2026-02-30", "after=-1", "after=x"])
    func refusesWhatDoesNotParse(query: String) {
        #expect(throws: ConsoleError.self) { try Self.filters(query) }
    }

    static let hostile = #"<script>alert("x")</script>"#

    static func row(_ id: String, name: String = hostile) -> CredentialListRow {
        CredentialListRow(
            position: 9, id: id, learnerID: "lrn-1", learnerName: name, learnerEmail: "ana@example.org", programID: "first-aid",
            state: .revoked, issuedAt: Date(timeIntervalSince1970: 1_796_212_800), validUntil: nil, claimedAt: nil, hasPDF: true)
    }

    @Test func tableEscapesAndLinksEachRowToItsPublicPage() throws {
        let filters = try Self.filters("learner=\(Self.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
        let html = CredentialsView.body(
            filters: filters, rows: [Self.row("7Q4XK2M9")], hasMore: true, total: 120, programs: []
        ).rendered
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains(#"<a class="monospace" href="/c/7Q4XK2M9">7Q4XK2M9</a>"#))
        #expect(html.contains(#"<strong class="tag tag--revoked">Revoked</strong>"#))
        #expect(html.contains("2 December 2026, 12:00 UTC"))
        #expect(html.contains("120 credentials match these filters."))
        #expect(html.contains(#"rel="next""#) && html.contains("after=9"))
        #expect(html.contains("/console/credentials/export.csv?learner=%3Cscript%3E"))
        #expect(html.contains(#"<caption>"#))
        #expect(html.contains(#"data-label="State""#))
    }

    @Test func csvQuotesAndDisarmsFormulas() {
        let csv = CredentialListCSV.render(
            [Self.row("AAAA1111", name: "=HYPERLINK(\"http://x\")"), Self.row("BBBB2222", name: "Lima, Ana")],
            baseURL: "https://certs.example.org")
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,learner,email,program,state,issuedAt,validUntil,claimedAt,url")
        #expect(
            lines[1]
                == #"AAAA1111,"'=HYPERLINK(""http://x"")",ana@example.org,first-aid,revoked,2026-12-02T12:00:00Z,,,https://certs.example.org/c/AAAA1111"#
        )
        #expect(lines[2].hasPrefix(#"BBBB2222,"Lima, Ana",ana@example.org"#))
        #expect(lines.count == 4 && lines[3].isEmpty)
    }

    @Test func dashboardShowsEveryFigureWithItsTargetAndTheCharts() {
        let figures = DashboardFigures(
            measuredAt: Date(timeIntervalSince1970: 1_796_212_800),
            figures: [],
            issuedPerDay: (1...30).map { DayCount(day: String(format: "2026-11-%02d", $0), count: $0 % 4) },
            timeToCredentialHistogram: zip(DashboardFigures.histogramLabels, [1, 2, 3, 4, 5, 6]).map { DayCount(day: $0, count: $1) })
        let html = DashboardView.body(figures).rendered
        #expect(html.contains("Measured 2 December 2026, 12:00 UTC"))
        #expect(html.contains(#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-issued""#))
        #expect(html.contains(#"id="chart-time""#))
        #expect(html.contains("<th scope=\"row\">&lt; 1 min</th><td class=\"numeric\">1</td>"))
        #expect(html.contains("<th scope=\"row\">30 Nov</th><td class=\"numeric\">2</td>"))
    }
}
