import CanonicalJSON

/// One term of an active context (JSON-LD 1.1 API §4.1, "term definition").
struct TermDefinition: Sendable, Hashable {
    /// The IRI, keyword or blank node the term expands to; `nil` for a term mapped to `null`.
    var iriMapping: String?
    var isPrefix = false
    var isProtected = false
    var isReverseProperty = false
    var baseURL: String?
    /// The scoped context, kept unprocessed until a node uses the term.
    var context: JSONValue?
    var containerMapping: [String] = []
    /// `nil` when absent; `.some(nil)` when explicitly `null`.
    var directionMapping: String??
    var indexMapping: String?
    /// `nil` when absent; `.some(nil)` when explicitly `null`.
    var languageMapping: String??
    var nestValue: String?
    var typeMapping: String?

    func hasContainer(_ keyword: String) -> Bool { containerMapping.contains(keyword) }

    /// Equal apart from the `protected` flag, the test for redefining a protected term.
    func isSameDefinition(as other: TermDefinition) -> Bool {
        var left = self
        var right = other
        left.isProtected = false
        right.isProtected = false
        // The base URL only matters with a scoped context.
        if left.context == nil { left.baseURL = nil }
        if right.context == nil { right.baseURL = nil }
        return left == right
    }
}
