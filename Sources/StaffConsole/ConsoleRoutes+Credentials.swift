import Foundation
import Hummingbird
import IssuerCore
import Zlib

extension ConsoleRoutes {
    /// Rows on one page of the Credentials list.
    static var credentialsPageSize: Int { 50 }
    /// The most credentials one CSV export holds: past this the person is asked to narrow the filters.
    static var credentialsCSVLimit: Int { 10_000 }
    /// The most PDFs one ZIP export holds, and the most bytes of PDF it may carry.
    static var credentialsZIPLimit: (files: Int, bytes: Int) { (500, 128 * 1_024 * 1_024) }

    /// The Credentials pages under `/console/credentials`: the filtered list (a GET form, so a
    /// filtered list is a URL), and its exports as CSV and as a ZIP of the PDFs. Every role may
    /// see and export them; nothing here changes state.
    func registerCredentials(on console: RouterGroup<Context>) {
        console.get("credentials") { request, context in
            try await page(request, context) { _ in
                let filters = try CredentialsFilters(query(request))
                let query = filters.query(limit: Self.credentialsPageSize + 1)
                let (rows, total, programs) = try await environment.store.read { reading in
                    (try reading.credentialList(query), try reading.credentialListCount(query), try reading.programs())
                }
                return ConsolePage(
                    title: "Credentials", section: .credentials,
                    body: CredentialsView.body(
                        filters: filters, rows: Array(rows.prefix(Self.credentialsPageSize)),
                        hasMore: rows.count > Self.credentialsPageSize,
                        total: total, programs: programs))
            }
        }
        console.get("credentials/export.csv") { request, context in
            _ = try await signedIn(request, context)
            let filters = try CredentialsFilters(query(request))
            let rows = try await exportRows(filters, limit: Self.credentialsCSVLimit, what: "A CSV")
            return ConsoleResponse.download(
                Array(CredentialListCSV.render(rows, baseURL: issuer.baseURL).utf8), contentType: "text/csv; charset=utf-8",
                fileName: "credentials.csv")
        }
        console.get("credentials/export.zip") { request, context in
            _ = try await signedIn(request, context)
            let filters = try CredentialsFilters(query(request))
            let limit = Self.credentialsZIPLimit
            let rows = try await exportRows(filters, limit: limit.files, what: "A ZIP of PDFs")
            let ids = rows.filter(\.hasPDF).map(\.id)
            let pdfs = try await environment.store.read { reading in
                var pdfs: [(String, Data)] = []
                var bytes = 0
                for id in ids {
                    guard let pdf = try reading.credentialDocument(.pdf, credentialID: id) else { continue }
                    bytes += pdf.count
                    guard bytes <= limit.bytes else {
                        throw ConsoleError(
                            .contentTooLarge,
                            "These PDFs come to more than \(limit.bytes / 1_048_576) MB. Narrow the filters and try again.")
                    }
                    pdfs.append((id, pdf))
                }
                return pdfs
            }
            let now = environment.now()
            var archive = StoredZipArchive()
            try archive.add(
                name: "credentials.csv", bytes: Array(CredentialListCSV.render(rows, baseURL: issuer.baseURL).utf8), modified: now)
            for (id, pdf) in pdfs { try archive.add(name: "\(id).pdf", bytes: Array(pdf), modified: now) }
            return ConsoleResponse.download(archive.finish(), contentType: "application/zip", fileName: "credentials.zip")
        }
    }

    /// Every credential the filters match, refused when there are more than `limit`.
    private func exportRows(_ filters: CredentialsFilters, limit: Int, what: String) async throws -> [CredentialListRow] {
        var query = filters.query(limit: limit + 1)
        query.after = nil
        let chosen = query
        let rows = try await environment.store.read { try $0.credentialList(chosen) }
        guard rows.count <= limit else {
            throw ConsoleError(
                .contentTooLarge,
                "\(what) holds at most \(limit) credentials and more match these filters. Narrow the filters and try again.")
        }
        return rows
    }
}
