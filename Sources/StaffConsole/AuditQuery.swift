import Foundation
import IssuerCore
import VerifiableCredentials

/// The Audit page's filters, read from its query string: who (an email address is looked up as
/// the staff member's actor), what (`credential.revoked`, or a prefix ending in `*`), about
/// which id, and the days from and to (UTC, both included).
struct AuditQuery: Sendable {
    static let pageSize = 50
    /// The most entries one export holds.
    static let exportLimit = 100_000

    var filter = AuditFilter()
    /// The filters as given, to put back into links.
    var fields: [(String, String)] = []
    /// What could not be read (a date that is not one), shown in the error summary.
    var problem: String?

    var isFiltered: Bool { !fields.isEmpty }

    init(_ form: ConsoleForm, store: any IssuerStore) async throws {
        for name in ["actor", "kind", "subject", "from", "to"] {
            if let value = form.trimmed(name) { fields.append((name, String(value.prefix(200)))) }
        }
        if let actor = form.trimmed("actor") {
            if actor.contains("@") && !actor.hasPrefix("staff:") {
                let member = try await store.read { try $0.staffMember(email: actor) }
                filter.actor = member?.auditActor ?? "staff:?:\(actor.lowercased())"
            } else {
                filter.actor = actor
            }
        }
        filter.kind = form.trimmed("kind")
        filter.subject = form.trimmed("subject")
        if let from = form.trimmed("from") {
            if let day = ConsoleDates.startOfDay(from) { filter.from = day } else { problem = "From must be a day, like 2026-12-04" }
        }
        if let to = form.trimmed("to") {
            if let day = ConsoleDates.startOfDay(to) {
                filter.until = day.addingTimeInterval(86_400)
            } else {
                problem = problem ?? "To must be a day, like 2026-12-04"
            }
        }
    }

    /// The filters (and `before`, for paging) as a query string.
    func queryString(before: Int?) -> String {
        var items = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        if let before { items.append(URLQueryItem(name: "before", value: String(before))) }
        var components = URLComponents()
        components.queryItems = items
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    /// `staff:ID:EMAIL` shown as the address; other actors as they are.
    static func actorLabel(_ actor: String) -> String {
        let parts = actor.split(separator: ":", maxSplits: 2)
        return parts.count == 3 && parts[0] == "staff" ? String(parts[2]) : actor
    }
}

/// The audit entries as files: CSV (RFC 4180, with cells that a spreadsheet would run as a
/// formula disarmed by a leading `'`) and JSON (an array of entries, every field).
enum AuditExport {
    static let columns = ["sequence", "at", "kind", "actor", "subject", "data", "previousHash", "hash", "keyID", "signature"]

    static func values(_ entry: AuditEntry) -> [String] {
        [
            String(entry.sequence), DateTimeStamp.format(entry.at), entry.kind, entry.actor, entry.subject, entry.data, entry.previousHash,
            entry.hash, entry.keyID, entry.signature,
        ]
    }

    static func csv(_ entries: [AuditEntry]) -> [UInt8] {
        var text = columns.joined(separator: ",") + "\r\n"
        for entry in entries { text += values(entry).map(cell).joined(separator: ",") + "\r\n" }
        return Array(text.utf8)
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func json(_ entries: [AuditEntry]) -> [UInt8] {
        let objects = entries.map { entry -> [String: Any] in
            Dictionary(
                uniqueKeysWithValues: zip(columns, values(entry)).map { ($0.0, $0.0 == "sequence" ? entry.sequence as Any : $0.1 as Any) })
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return Array(data)
    }
}
