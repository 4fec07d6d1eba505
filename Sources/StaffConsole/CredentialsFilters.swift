import Foundation
import IssuerCore

/// The Credentials list's filters as the GET form sends them (`program`, `state`, `from`, `to`
/// as `YYYY-MM-DD`, `learner`, and `after` for the next page), checked, and written back into
/// URLs so a filtered list and each of its pages is a link staff can bookmark.
struct CredentialsFilters: Sendable, Hashable {
    var program: String?
    var state: CredentialState?
    var from: String?
    var to: String?
    var learner: String?
    var after: Int64?

    /// The filters of a query string; a state, date or page that does not parse is refused with
    /// a message that says which.
    init(_ form: ConsoleForm) throws {
        program = form.trimmed("program")
        if let text = form.trimmed("state") {
            guard let state = CredentialState(rawValue: text) else {
                throw ConsoleError(.badRequest, "There is no credential state called “\(text)”. Choose one from the list.")
            }
            self.state = state
        }
        for (name, label) in [("from", "Issued from"), ("to", "Issued to")] {
            guard let text = form.trimmed(name) else { continue }
            guard ConsoleDates.startOfDay(text) != nil else {
                throw ConsoleError(.badRequest, "“\(label)” must be a date like 2026-12-04.")
            }
            if name == "from" { from = text } else { to = text }
        }
        learner = form.trimmed("learner").map { String($0.prefix(320)) }
        if let text = form.trimmed("after") {
            guard let after = Int64(text), after > 0 else { throw ConsoleError(.badRequest, "That page does not exist.") }
            self.after = after
        }
    }

    /// The store query for one page of `limit` rows.
    func query(limit: Int) -> CredentialListQuery {
        CredentialListQuery(
            programID: program, state: state, issuedFrom: from.flatMap(ConsoleDates.startOfDay),
            // "to" is a whole day: up to the start of the next one.
            issuedBefore: to.flatMap(ConsoleDates.startOfDay).map { $0.addingTimeInterval(86_400) }, learner: learner, after: after,
            limit: limit)
    }

    /// Whether any filter is set (the page itself aside).
    var isFiltered: Bool { program != nil || state != nil || from != nil || to != nil || learner != nil }

    /// The filters as a query string (`?program=…&state=…`, empty when none), with the page
    /// `after` when given.
    func queryString(after page: Int64? = nil) -> String {
        var pairs: [(String, String)] = []
        if let program { pairs.append(("program", program)) }
        if let state { pairs.append(("state", state.rawValue)) }
        if let from { pairs.append(("from", from)) }
        if let to { pairs.append(("to", to)) }
        if let learner { pairs.append(("learner", learner)) }
        if let page { pairs.append(("after", String(page))) }
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\($0)=\(Self.encode($1))" }.joined(separator: "&")
    }

    static func encode(_ value: String) -> String {
        // ASCII letters and digits only (CharacterSet.alphanumerics would let "é" through unencoded).
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
