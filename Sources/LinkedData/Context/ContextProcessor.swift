import CanonicalJSON

/// The Context Processing algorithm (JSON-LD 1.1 API §4.1.2).
struct ContextProcessor {
    let loader: any DocumentLoader
    let options: JSONLDOptions
    let cache: ProcessedContextCache
    let budget: WorkBudget

    /// The starting context for a document at `base`, identified for caching.
    func initialContext(base: String?) -> ActiveContext {
        let key = ProcessedContextCache.Key(
            parent: 0, localContext: .value(base.map(JSONValue.string) ?? .null), baseURL: nil, overrideProtected: false,
            propagate: true, processingMode: options.processingMode)
        if let cached = cache.lookup(key) { return cached }
        return cache.store(ActiveContext(base: base), for: key)
    }

    /// Applies `localContext` to `activeContext`, through the cache when the active context came from it.
    ///
    /// Contexts embedded in a document are not `cacheable`: they come from whoever wrote the
    /// document, and caching them would let hostile input fill the cache.
    ///
    /// `scopedFrom` names the term (and the cached context defining it) whose scoped context this
    /// is, so the cache can find it without hashing the whole context.
    func process(
        _ activeContext: ActiveContext, localContext: JSONValue, baseURL: String?, overrideProtected: Bool = false,
        propagate: Bool = true, cacheable: Bool = true, scopedFrom: (context: ActiveContext, term: String)? = nil
    ) throws(LinkedDataError) -> ActiveContext {
        try budget.spend()
        guard let parent = activeContext.cacheIdentifier, cacheable || Self.isRemoteReference(localContext) else {
            return try processUncached(
                activeContext, localContext: localContext, baseURL: baseURL, remoteContexts: [],
                overrideProtected: overrideProtected, propagate: propagate, validateScopedContext: true)
        }
        var cacheLocal = ProcessedContextCache.LocalContext.value(localContext)
        if let scopedFrom, let definer = scopedFrom.context.cacheIdentifier {
            cacheLocal = .scoped(definedIn: definer, term: scopedFrom.term)
        }
        let key = ProcessedContextCache.Key(
            parent: parent, localContext: cacheLocal, baseURL: baseURL, overrideProtected: overrideProtected,
            propagate: propagate, processingMode: options.processingMode)
        if let cached = cache.lookup(key) { return cached }
        var result = try processUncached(
            activeContext, localContext: localContext, baseURL: baseURL, remoteContexts: [],
            overrideProtected: overrideProtected, propagate: propagate, validateScopedContext: true)
        result.cacheIdentifier = nil
        return cache.store(result, for: key)
    }

    /// A URL or a list of URLs: contexts that only the document loader can supply.
    private static func isRemoteReference(_ localContext: JSONValue) -> Bool {
        localContext.asArray.allSatisfy { $0.stringValue != nil || $0 == .null }
    }

    func processUncached(
        _ activeContext: ActiveContext, localContext: JSONValue, baseURL: String?, remoteContexts: [String],
        overrideProtected: Bool, propagate propagateArgument: Bool, validateScopedContext: Bool
    ) throws(LinkedDataError) -> ActiveContext {
        var result = activeContext
        result.cacheIdentifier = nil
        var propagate = propagateArgument
        if case .object(let object) = localContext, let value = object["@propagate"] {
            guard case .bool(let flag) = value else {
                throw .jsonLD(.invalidPropagateValue, "@propagate must be true or false")
            }
            propagate = flag
        }
        if !propagate, result.previousContext == nil { result.previousContext = PreviousContext(activeContext) }
        var remoteContexts = remoteContexts
        for context in localContext.asArray {
            try budget.spend()
            switch context {
            case .null:
                if !overrideProtected, result.hasProtectedTerms {
                    throw .jsonLD(.invalidContextNullification, "a context with protected terms cannot be set to null")
                }
                let before = result
                result = ActiveContext(base: activeContext.originalBaseURL)
                if !propagate { result.previousContext = PreviousContext(before) }
            case .string(let reference):
                let url = IRIResolver.resolve(reference, against: baseURL)
                guard IRIResolver.isAbsolute(url) else {
                    throw .jsonLD(.loadingRemoteContextFailed, "the context reference \(reference) is not an IRI")
                }
                if remoteContexts.contains(url) {
                    if !validateScopedContext { continue }
                    // A remote context that includes itself, directly or through others, never ends.
                    throw .jsonLD(.recursiveContextInclusion, "the context \(url) includes itself")
                }
                if remoteContexts.count >= options.maximumRemoteContextDepth {
                    throw .jsonLD(.contextOverflow, "more than \(options.maximumRemoteContextDepth) nested remote contexts")
                }
                remoteContexts.append(url)
                let loaded = try loadContext(url)
                result = try processUncached(
                    result, localContext: loaded.context, baseURL: loaded.url, remoteContexts: remoteContexts,
                    overrideProtected: overrideProtected, propagate: true, validateScopedContext: validateScopedContext)
            case .object(let definition):
                result = try applyDefinition(
                    definition, to: result, baseURL: baseURL, remoteContexts: remoteContexts,
                    overrideProtected: overrideProtected, validateScopedContext: validateScopedContext)
            default:
                throw .jsonLD(.invalidLocalContext, "a context must be null, a string or an object, not \(context.typeName)")
            }
        }
        return result
    }

    /// Dereferences a remote context and returns its `@context` member.
    private func loadContext(_ url: String) throws(LinkedDataError) -> (url: String, context: JSONValue) {
        let document: RemoteDocument
        do {
            document = try loader.loadDocument(url)
        } catch {
            throw .jsonLD(.loadingRemoteContextFailed, error.reason.contains(url) ? error.reason : "\(url): \(error.reason)")
        }
        guard case .object(let object) = document.document, let context = object["@context"] else {
            throw .jsonLD(.invalidRemoteContext, "the document at \(url) has no @context member")
        }
        return (document.documentURL, context)
    }

    /// Step 5.5 onward: one context definition (an object).
    private func applyDefinition(
        _ original: JSONObject, to active: ActiveContext, baseURL: String?, remoteContexts: [String],
        overrideProtected: Bool, validateScopedContext: Bool
    ) throws(LinkedDataError) -> ActiveContext {
        var result = active
        var definition = original
        if let version = definition["@version"] {
            guard version == .number(1.1) else { throw .jsonLD(.invalidVersionValue, "@version must be 1.1") }
            if options.isJSONLD10 { throw .jsonLD(.processingModeConflict, "@version 1.1 in json-ld-1.0 mode") }
        }
        if let importValue = definition["@import"] {
            if options.isJSONLD10 { throw .jsonLD(.invalidContextEntry, "@import is not allowed in json-ld-1.0 mode") }
            guard case .string(let reference) = importValue else {
                throw .jsonLD(.invalidImportValue, "@import must be a string")
            }
            let url = IRIResolver.resolve(reference, against: baseURL)
            let imported = try loadContext(url)
            guard case .object(let importedDefinition) = imported.context else {
                throw .jsonLD(.invalidRemoteContext, "the context imported from \(url) is not an object")
            }
            if importedDefinition["@import"] != nil {
                throw .jsonLD(.invalidContextEntry, "an imported context may not itself use @import")
            }
            var merged = importedDefinition
            for (key, value) in definition { merged[key] = value }
            definition = merged
        }
        if let base = definition["@base"], remoteContexts.isEmpty {
            switch base {
            case .null: result.baseIRI = nil
            case .string(let value) where IRIResolver.isAbsolute(value): result.baseIRI = value
            case .string(let value) where result.baseIRI != nil: result.baseIRI = IRIResolver.resolve(value, against: result.baseIRI)
            default: throw .jsonLD(.invalidBaseIRI, "@base must be an IRI or null")
            }
        }
        if let vocab = definition["@vocab"] {
            switch vocab {
            case .null: result.vocabularyMapping = nil
            case .string(let value):
                if options.isJSONLD10, !IRIResolver.isAbsolute(value), !IRIResolver.isBlankNode(value) {
                    throw .jsonLD(.invalidVocabMapping, "@vocab must be an absolute IRI in json-ld-1.0 mode")
                }
                guard let expanded = result.expandIRI(value, documentRelative: true, vocab: true),
                    IRIResolver.isAbsolute(expanded) || IRIResolver.isBlankNode(expanded)
                else { throw .jsonLD(.invalidVocabMapping, "@vocab \(value) is not an IRI") }
                result.vocabularyMapping = expanded
            default: throw .jsonLD(.invalidVocabMapping, "@vocab must be a string or null")
            }
        }
        if let language = definition["@language"] {
            switch language {
            case .null: result.defaultLanguage = nil
            case .string(let value): result.defaultLanguage = value.lowercased()
            default: throw .jsonLD(.invalidDefaultLanguage, "@language must be a string or null")
            }
        }
        if let direction = definition["@direction"] {
            if options.isJSONLD10 { throw .jsonLD(.invalidContextEntry, "@direction is not allowed in json-ld-1.0 mode") }
            switch direction {
            case .null: result.defaultBaseDirection = nil
            case .string("ltr"), .string("rtl"): result.defaultBaseDirection = direction.stringValue
            default: throw .jsonLD(.invalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null")
            }
        }
        if let propagate = definition["@propagate"] {
            if options.isJSONLD10 { throw .jsonLD(.invalidContextEntry, "@propagate is not allowed in json-ld-1.0 mode") }
            guard case .bool = propagate else { throw .jsonLD(.invalidPropagateValue, "@propagate must be true or false") }
        }
        var protectedDefault = false
        if let protected = definition["@protected"] {
            guard case .bool(let flag) = protected else { throw .jsonLD(.invalidProtectedValue, "@protected must be true or false") }
            protectedDefault = flag
        }
        var builder = TermDefinitionBuilder(
            processor: self, active: result, localContext: definition, baseURL: baseURL, protectedDefault: protectedDefault,
            overrideProtected: overrideProtected, remoteContexts: remoteContexts, validateScopedContext: validateScopedContext)
        for key in definition.keys where !Self.contextKeywords.contains(key) {
            try builder.createTermDefinition(key)
        }
        return builder.active
    }

    private static let contextKeywords: Set<String> = [
        "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab",
    ]
}
