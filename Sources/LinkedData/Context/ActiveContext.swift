/// The state of context processing at one point of a document (JSON-LD 1.1 API §4.1).
///
/// A value type: processing a local context returns a new active context and leaves the old one
/// usable, which is what scoped contexts and the type-scoped revert need.
struct ActiveContext: Sendable {
    var terms: [String: TermDefinition] = [:]
    var baseIRI: String?
    var originalBaseURL: String?
    var vocabularyMapping: String?
    var defaultLanguage: String?
    var defaultBaseDirection: String?
    var previousContext: PreviousContext?
    /// Identifies this context in the processed-context cache; `nil` when it was not cached.
    var cacheIdentifier: Int?

    init(base: String?) {
        baseIRI = base
        originalBaseURL = base
    }

    /// Whether any term is protected (nullifying such a context is an error).
    var hasProtectedTerms: Bool { terms.values.contains { $0.isProtected } }
}

/// The context a non-propagated (type-scoped) context reverts to; boxed because a struct cannot
/// contain itself.
final class PreviousContext: Sendable {
    let context: ActiveContext
    init(_ context: ActiveContext) { self.context = context }
}
