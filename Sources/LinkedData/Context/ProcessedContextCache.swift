import CanonicalJSON

/// Remembers the result of applying a local context to an active context, so that a
/// credential's contexts (including its type-scoped ones) are processed once per process and
/// not once per document.
///
/// Active contexts are identified by numbers this cache hands out; a context that came from the
/// cache can be used as the starting point of further cached steps.
final class ProcessedContextCache: Sendable {
    struct Key: Hashable, Sendable {
        let parent: Int
        let localContext: LocalContext
        let baseURL: String?
        let overrideProtected: Bool
        let propagate: Bool
        let processingMode: String
    }

    /// What was applied: a context value, or the scoped context of a term of a cached context
    /// (named by that context and the term, which is cheaper to hash than the context itself).
    enum LocalContext: Hashable, Sendable {
        case value(JSONValue)
        case scoped(definedIn: Int, term: String)
    }

    private let entries: LockedDictionary<Key, ActiveContext>
    private let counter = LockedDictionary<Int, Int>()

    /// The cache that goes with ``BundledContexts/shared``.
    static let bundled = ProcessedContextCache()

    init(capacity: Int = 2_000) { entries = LockedDictionary(capacity: capacity) }

    func lookup(_ key: Key) -> ActiveContext? { entries[key] }

    /// Stores `context` under `key` with a fresh identifier; returns what is stored, or the
    /// context without an identifier when the cache is full.
    func store(_ context: ActiveContext, for key: Key) -> ActiveContext {
        var identified = context
        identified.cacheIdentifier = nextIdentifier()
        return entries.insert(identified, for: key) ?? context
    }

    private func nextIdentifier() -> Int {
        counter.increment(0)
    }
}

extension LockedDictionary where Key == Int, Value == Int {
    /// Adds one to the value at `key` and returns the new value.
    func increment(_ key: Int) -> Int {
        modify(key) { ($0 ?? 0) + 1 }
    }
}
