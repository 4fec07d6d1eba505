import Foundation
import IssuerCore

/// The words and small pieces the Review and Learners pages share: dates as people read them,
/// state tags, ids from a URL, and domain refusals turned into console errors.
enum ReviewFormat {
    /// "4 December 2026, 14:05 UTC" (the console's one way of writing a moment, ``ConsoleDates``).
    static func date(_ date: Date) -> String { ConsoleDates.dateTime(date) }

    /// "4 December 2026".
    static func day(_ date: Date) -> String {
        String(self.date(date).prefix { $0 != "," })
    }

    /// A credential's state as a tag with words (colour is never the only signal).
    static func tag(_ state: CredentialState) -> HTML {
        switch state {
        case .active: "<strong class=\"tag tag--valid\">Valid</strong>"
        case .pending: "<strong class=\"tag tag--grey\">Pending</strong>"
        case .suspended: "<strong class=\"tag tag--suspended\">Suspended</strong>"
        case .revoked: "<strong class=\"tag tag--revoked\">Revoked</strong>"
        case .superseded: "<strong class=\"tag tag--grey\">Superseded</strong>"
        }
    }

    /// A completion's state as a tag.
    static func tag(_ state: CompletionState) -> HTML {
        switch state {
        case .held: "<strong class=\"tag tag--held\">Held</strong>"
        case .issued: "<strong class=\"tag tag--valid\">Approved</strong>"
        case .rejected: "<strong class=\"tag tag--revoked\">Rejected</strong>"
        }
    }

    /// A number as the rules print it.
    static func number(_ value: Double) -> String { ReviewFinding.format(value) }

    /// The id in a URL path segment: letters, digits, `-` and `_`, at most 64; anything else is no such page.
    static func identifier(_ text: String?, _ what: String) throws -> String {
        guard let text, !text.isEmpty, text.utf8.count <= 64,
            text.utf8.allSatisfy({
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F
            })
        else { throw ConsoleError(.notFound, "There is no \(what) at this address.") }
        return text
    }

    /// Runs `work`, turning the domain's refusals into console errors a person can act on.
    static func refusals<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as IssuerError {
            switch error.code.kind {
            case .notFound: throw ConsoleError(.notFound, sentence(error.reason))
            case .invalidState, .invalidRequest, .invalidEvent, .unknownProgram, .passcodeMismatch:
                throw ConsoleError(.badRequest, sentence(error.reason) + " Nothing was changed.")
            default: throw error
            }
        }
    }

    /// `text` with a capital and a full stop.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let capitalised = trimmed.prefix(1).uppercased() + trimmed.dropFirst()
        return capitalised.hasSuffix(".") ? capitalised : capitalised + "."
    }

    /// The previous/next links of a paged list whose other parameters are `query` (already encoded).
    static func pagination(path: String, query: [(String, String)], page: Int, hasNext: Bool) -> HTML {
        func link(_ number: Int) -> String {
            let items = (query + [("page", String(number))]).map { name, value in
                name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            return path + "?" + items.joined(separator: "&")
        }
        var items: [HTML] = []
        if page > 1 { items.append("<li><a href=\"\(link(page - 1))\" rel=\"prev\">Previous page</a></li>") }
        if hasNext { items.append("<li><a href=\"\(link(page + 1))\" rel=\"next\">Next page</a></li>") }
        guard !items.isEmpty else { return .empty }
        return "<nav aria-label=\"Pages\"><ul class=\"pagination\">\(items)</ul></nav>"
    }

    /// A page number from a query (`1` when absent or not a positive number, at most 10,000).
    static func page(_ text: String?) -> Int {
        min(max(1, text.flatMap(Int.init) ?? 1), 10_000)
    }
}
