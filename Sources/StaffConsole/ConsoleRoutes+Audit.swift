import CanonicalJSON
import Ed25519
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

extension ConsoleRoutes {
    /// The Audit pages: `/console/audit` (the chain, newest first, filtered by actor, action,
    /// subject and time, paged in SQL), `/console/audit/verify` (the whole chain checked, as
    /// `attest audit verify` does) and `/console/audit/export.csv|json` (the filtered entries).
    func registerAudit(on console: RouterGroup<Context>) {
        console.get("audit") { request, context in
            try await page(request, context) { _ in try await auditPage(query(request)) }
        }
        console.get("audit/verify") { request, context in
            try await page(request, context) { _ in try await verificationPage() }
        }
        console.get("audit/export.csv") { request, context in
            _ = try await signedIn(request, context)
            let entries = try await exportedEntries(try await AuditQuery(query(request), store: environment.store))
            return ConsoleResponse.download(AuditExport.csv(entries), contentType: "text/csv; charset=utf-8", fileName: "audit.csv")
        }
        console.get("audit/export.json") { request, context in
            _ = try await signedIn(request, context)
            let entries = try await exportedEntries(try await AuditQuery(query(request), store: environment.store))
            return ConsoleResponse.download(AuditExport.json(entries), contentType: "application/json", fileName: "audit.json")
        }
    }

    func auditPage(_ fields: ConsoleForm) async throws -> ConsolePage {
        let query = try await AuditQuery(fields, store: environment.store)
        let before = fields["before"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        let pageSize = AuditQuery.pageSize
        let filter = query.filter
        let found = try await environment.store.read { try $0.auditEntries(matching: filter, beforeSequence: before, limit: pageSize + 1) }
        let entries = Array(found.prefix(pageSize))
        let rows: [HTML] = entries.map { entry in
            """
            <tr>
            <td data-label="Entry" class="numeric">\(entry.sequence)</td>
            <td data-label="When">\(ConsoleDates.dateTime(entry.at))</td>
            <td data-label="Action"><code>\(entry.kind)</code></td>
            <td data-label="Who">\(AuditQuery.actorLabel(entry.actor))</td>
            <td data-label="About"><span class="monospace">\(entry.subject)</span></td>
            <td data-label="Details"><span class="monospace">\(String(entry.data.prefix(300)))</span></td>
            </tr>
            """
        }
        var pages: [HTML] = []
        if before != nil { pages.append("<li><a href=\"/console/audit?\(query.queryString(before: nil))\">Newest entries</a></li>") }
        if found.count > pageSize, let last = entries.last {
            pages.append("<li><a href=\"/console/audit?\(query.queryString(before: last.sequence))\">Older entries</a></li>")
        }
        let table: HTML =
            entries.isEmpty
            ? "<p>No audit entries match these filters.</p>"
            : """
            <table class="responsive">
            <caption>Audit entries\(query.isFiltered ? ", filtered" : ""), newest first</caption>
            <thead><tr><th scope="col" class="numeric">Entry</th><th scope="col">When</th><th scope="col">Action</th><th scope="col">Who</th><th scope="col">About</th><th scope="col">Details</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            """
        return ConsolePage(
            title: "Audit", section: .audit,
            body: """
                \(errorSummary(query.problem, field: "from"))
                <h1>Audit</h1>
                <p>Every change Attest made, who made it and why, in a chain of signed entries. Each entry's hash covers the one before, so
                nothing can be changed or removed without it showing.</p>
                <div class="button-group">
                <a class="button" href="/console/audit/verify">Verify the whole chain</a>
                <a class="button button--secondary" href="/console/audit/export.csv?\(query.queryString(before: nil))">Export as CSV</a>
                <a class="button button--secondary" href="/console/audit/export.json?\(query.queryString(before: nil))">Export as JSON</a>
                </div>
                <form method="get" action="/console/audit" class="filters">
                <div class="field"><label for="actor">Who</label><p class="hint" id="actor-hint">An email address, or cli, system, api:NAME</p>
                <input type="text" id="actor" name="actor" aria-describedby="actor-hint" value="\(fields["actor"] ?? "")"></div>
                <div class="field"><label for="kind">Action</label><p class="hint" id="kind-hint">For example credential.revoked, or credential.*</p>
                <input type="text" id="kind" name="kind" aria-describedby="kind-hint" value="\(fields["kind"] ?? "")"></div>
                <div class="field"><label for="subject">Credential or other id</label><p class="hint" id="subject-hint">The id exactly</p>
                <input type="text" id="subject" name="subject" aria-describedby="subject-hint" value="\(fields["subject"] ?? "")"></div>
                <div class="field"><label for="from">From</label><p class="hint" id="from-hint">A day, as 2026-12-04</p>
                <input type="date" id="from" name="from" aria-describedby="from-hint" value="\(fields["from"] ?? "")"></div>
                <div class="field"><label for="to">To</label><p class="hint" id="to-hint">A day, included</p>
                <input type="date" id="to" name="to" aria-describedby="to-hint" value="\(fields["to"] ?? "")"></div>
                <div class="field"><button type="submit" class="button--secondary">Filter</button></div>
                </form>
                \(table)
                <nav aria-label="Pages of audit entries"><ul class="pagination">\(pages)</ul></nav>
                """)
    }

    /// The whole chain, read in pages, checked link by link and signature by signature.
    func verificationPage() async throws -> ConsolePage {
        let keys = try await environment.store.read { try $0.signingKeys() }
        var publicKeys: [String: Ed25519PublicKey] = [:]
        for key in keys { publicKeys[key.id] = try Multikey.decodePublicKey(key.publicKeyMultibase) }
        var entries: [AuditEntry] = []
        while true {
            let from = (entries.last?.sequence ?? 0) + 1
            let next = try await environment.store.read { try $0.auditEntries(from: from, limit: 5000) }
            entries += next
            if next.count < 5000 { break }
        }
        let result = AuditChainVerifier(keys: publicKeys).verify(entries)
        let headProblem = configuration.auditHeadCheck?(entries)
        let verdict: HTML
        if let broken = result.firstBroken {
            verdict = """
                <div class="notice" role="alert"><p><strong class="tag tag--error">Broken</strong> The chain is broken at entry \(broken.sequence):
                \(broken.reason). The \(result.intactEntries) entries before it are intact.</p></div>
                """
        } else if let headProblem {
            verdict = """
                <div class="notice" role="alert"><p><strong class="tag tag--error">Truncated</strong> \(headProblem)</p></div>
                """
        } else {
            verdict = """
                <div class="notice notice--success" role="status"><p><strong class="tag tag--valid">Intact</strong> All \(entries.count) entries
                are in order, each hash covers the entry before it, and every signature is the issuer's.</p></div>
                """
        }
        let head: HTML =
            entries.last.map {
                "<p>Head of the chain: <span class=\"monospace\">\($0.sequence):\($0.hash)</span>. Write it down somewhere this server cannot reach; <code>attest audit verify --expect-head</code> proves later that nothing up to it was removed.</p>"
            } ?? .empty
        return ConsolePage(
            title: "Verify the audit chain", section: .audit,
            body: """
                <h1>Verify the audit chain</h1>
                \(verdict)
                \(head)
                <p><a href="/console/audit">Back to the audit entries</a></p>
                """)
    }

    /// Every entry the query matches, newest first, at most ``AuditQuery/exportLimit``.
    func exportedEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        let filter = query.filter
        while entries.count < AuditQuery.exportLimit {
            let before = entries.last?.sequence
            let next = try await environment.store.read { try $0.auditEntries(matching: filter, beforeSequence: before, limit: 1000) }
            entries += next
            if next.count < 1000 { break }
        }
        return Array(entries.prefix(AuditQuery.exportLimit))
    }
}
