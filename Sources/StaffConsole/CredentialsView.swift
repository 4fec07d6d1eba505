import Foundation
import IssuerCore

/// The Credentials page's content: the filter form (GET, so the URL is the filtered list), how
/// many match, the export links for the same filters, the table (stacked rows on a phone), and
/// the links to the first and next pages.
enum CredentialsView {
    static func body(
        filters: CredentialsFilters, rows: [CredentialListRow], hasMore: Bool, total: Int, programs: [Program]
    ) -> HTML {
        let titles = Dictionary(programs.map { ($0.id, $0.achievement.name) }, uniquingKeysWith: { first, _ in first })
        let exportQuery = filters.queryString()
        let table: HTML =
            rows.isEmpty
            ? "<p>No credentials match these filters.</p>"
            : """
            <table class="responsive" id="credentials"><caption>\(caption(filters: filters, count: rows.count))</caption>
            <thead><tr><th scope="col">Credential</th><th scope="col">Learner</th><th scope="col">Program</th>\
            <th scope="col">State</th><th scope="col">Issued</th><th scope="col">Claimed</th></tr></thead>
            <tbody>\(rows.map { row(of: $0, programTitle: titles[$0.programID]) })</tbody></table>
            """
        var pages: [HTML] = []
        if filters.after != nil { pages.append("<li><a href=\"/console/credentials\(filters.queryString())\">First page</a></li>") }
        if hasMore, let last = rows.last {
            pages.append("<li><a href=\"/console/credentials\(filters.queryString(after: last.position))\" rel=\"next\">Next page</a></li>")
        }
        let pagination: HTML =
            pages.isEmpty ? .empty : "<nav aria-label=\"Pages of credentials\"><ul class=\"pagination\">\(pages)</ul></nav>"
        let exports: HTML =
            total == 0
            ? .empty
            : """
            <p class="button-group"><a class="button button--secondary" href="/console/credentials/export.csv\(exportQuery)" download>\
            Download these \(total) as CSV</a> <a class="button button--secondary" href="/console/credentials/export.zip\(exportQuery)" download>\
            Download their PDFs as a ZIP</a></p>
            """
        return """
            <h1>Credentials</h1>
            \(form(filters: filters, programs: programs))
            <p id="match-count">\(total == 1 ? "1 credential matches" : "\(total) credentials match")\(filters.isFiltered ? " these filters" : "").</p>
            \(exports)
            \(table)
            \(pagination)
            """
    }

    static func caption(filters: CredentialsFilters, count: Int) -> String {
        (filters.isFiltered ? "Credentials matching the filters" : "All credentials") + ", newest first"
            + (filters.after == nil ? "" : " (a later page)")
    }

    static func row(of row: CredentialListRow, programTitle: String?) -> HTML {
        """
        <tr><td data-label="Credential"><a class="monospace" href="/c/\(row.id)">\(row.id)</a></td>\
        <td data-label="Learner">\(row.learnerName)<br><span class="hint">\(row.learnerEmail)</span></td>\
        <td data-label="Program">\(programTitle ?? row.programID)</td>\
        <td data-label="State">\(tag(row.state))</td>\
        <td data-label="Issued">\(ConsoleDates.dateTime(row.issuedAt))</td>\
        <td data-label="Claimed">\(row.claimedAt.map(ConsoleDates.dateTime) ?? "Not yet")</td></tr>
        """
    }

    static func form(filters: CredentialsFilters, programs: [Program]) -> HTML {
        let programOptions = programs.map { program -> HTML in
            "<option value=\"\(program.id)\"\(filters.program == program.id ? HTML(" selected") : .empty)>\(program.achievement.name)</option>"
        }
        let stateOptions = CredentialState.allCases.map { state -> HTML in
            "<option value=\"\(state.rawValue)\"\(filters.state == state ? HTML(" selected") : .empty)>\(words(state))</option>"
        }
        return """
            <form method="get" action="/console/credentials" class="filters" aria-label="Filter the credentials">
            <div class="field"><label for="program">Program</label><select id="program" name="program">\
            <option value="">All programs</option>\(programOptions)</select></div>
            <div class="field"><label for="state">State</label><select id="state" name="state">\
            <option value="">Any state</option>\(stateOptions)</select></div>
            <div class="field"><label for="from">Issued from</label>\
            <input type="date" id="from" name="from" value="\(filters.from)"></div>
            <div class="field"><label for="to">Issued up to and including</label>\
            <input type="date" id="to" name="to" value="\(filters.to)"></div>
            <div class="field"><label for="learner">Learner</label>\
            <p class="hint" id="learner-hint">Email address, LMS id or Attest learner id</p>\
            <input type="text" id="learner" name="learner" value="\(filters.learner)" aria-describedby="learner-hint" autocomplete="off"></div>
            <div class="button-group"><button type="submit">Show credentials</button> \
            <a class="button button--secondary" href="/console/credentials">Clear filters</a></div>
            </form>
            """
    }

    /// A credential's state in words.
    static func words(_ state: CredentialState) -> String {
        switch state {
        case .active: "Valid"
        case .pending: "Pending"
        case .suspended: "Suspended"
        case .revoked: "Revoked"
        case .superseded: "Superseded"
        }
    }

    /// A credential's state as a tag with words (colour is never the only signal).
    static func tag(_ state: CredentialState) -> HTML {
        let style =
            switch state {
            case .active: "tag--valid"
            case .pending, .superseded: "tag--grey"
            case .suspended: "tag--suspended"
            case .revoked: "tag--revoked"
            }
        return "<strong class=\"tag \(style)\">\(words(state))</strong>"
    }
}
