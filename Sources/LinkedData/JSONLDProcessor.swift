import CanonicalJSON

/// JSON-LD 1.1 expansion and deserialization to RDF (the `expand()` and `toRdf()` methods of
/// the JSON-LD 1.1 Processing Algorithms and API).
///
/// Contexts come only from the document loader; the default serves the contexts bundled with
/// this library and never touches the network. Processed contexts are cached per loader, so a
/// credential's contexts are processed once per process.
///
/// ```swift
/// let processor = JSONLDProcessor()
/// let dataset = try processor.toRDF(credential, base: nil)
/// let canonical = try RDFCanonicalizer().canonicalize(dataset).nquads
/// ```
public struct JSONLDProcessor: Sendable {
    /// Where remote contexts come from.
    public let documentLoader: any DocumentLoader
    /// Processing options and limits.
    public let options: JSONLDOptions
    private let cache: ProcessedContextCache
    /// Dataset templates per document shape; only over the bundled contexts, without an expand context.
    private let templates: DatasetTemplateCache?

    /// A processor over `documentLoader` (the bundled contexts by default).
    ///
    /// With the default loader, processed contexts are cached for the whole process. With any
    /// other loader the cache belongs to this processor: create it once and reuse it (it is
    /// `Sendable`), or every document pays for processing its contexts again.
    public init(documentLoader: any DocumentLoader = BundledContexts.shared, options: JSONLDOptions = .init()) {
        self.documentLoader = documentLoader
        self.options = options
        if let bundled = documentLoader as? BundledContexts, bundled === BundledContexts.shared {
            cache = .bundled
            templates = options.reusesDatasetTemplates && options.expandContext == nil ? .bundled(for: options) : nil
        } else {
            cache = ProcessedContextCache()
            templates = nil
        }
    }

    /// The expanded form of `document` (always an array), with relative IRIs resolved against `base`.
    public func expand(_ document: JSONValue, base: String?) throws(LinkedDataError) -> JSONValue {
        let contexts = ContextProcessor(
            loader: documentLoader, options: options, cache: cache, budget: WorkBudget(limit: options.maximumWork))
        var active = contexts.initialContext(base: base)
        if let expandContext = options.expandContext {
            let local = expandContext["@context"] ?? expandContext
            active = try contexts.process(active, localContext: local, baseURL: base)
        }
        let expander = Expander(contexts: contexts, maximumDepth: options.maximumNestingDepth)
        var expanded = try expander.expand(document, activeContext: active, activeProperty: nil, baseURL: base) ?? .array([])
        if case .object(let object) = expanded, object.count == 1, let graph = object["@graph"] {
            expanded = graph
        }
        return .array(expanded.asArray)
    }

    /// The RDF dataset `document` denotes (JSON-LD 1.1 API "Deserialize JSON-LD to RDF").
    ///
    /// A document of a shape converted before (the same members, contexts and types; other
    /// strings may differ) is filled into that shape's template, with the same result.
    public func toRDF(_ document: JSONValue, base: String?) throws(LinkedDataError) -> RDFDataset {
        guard let templates, base == nil else { return try fullToRDF(document, base: base) }
        return try templates.dataset(for: document) { (document) throws(LinkedDataError) in try fullToRDF(document, base: nil) }
    }

    /// Expansion, node map and RDF conversion, every time.
    func fullToRDF(_ document: JSONValue, base: String?) throws(LinkedDataError) -> RDFDataset {
        let expanded = try expand(document, base: base)
        var nodeMap = NodeMapBuilder()
        var noList: [JSONValue]? = nil
        try nodeMap.add(expanded, graph: "@default", subject: .none, property: nil, list: &noList)
        var serializer = RDFSerializer(options: options, issuer: nodeMap.issuer)
        serializer.serialize(nodeMap.graphs)
        return serializer.dataset
    }

    /// Canonical N-Quads (RDFC-1.0) of `document` as UTF-8 bytes: what `eddsa-rdfc-2022` hashes,
    /// the same bytes as ``canonicalNQuads(_:base:canonicalizer:)`` without making a string.
    public func canonicalNQuadsUTF8(_ document: JSONValue, base: String? = nil, canonicalizer: RDFCanonicalizer = .init())
        throws(LinkedDataError) -> [UInt8]
    {
        guard let templates, base == nil else { return try canonicalizer.canonicalBytes(fullToRDF(document, base: base).quads) }
        let quads = try templates.quads(for: document) { (document) throws(LinkedDataError) in try fullToRDF(document, base: nil) }
        return try canonicalizer.canonicalBytes(quads)
    }

    /// Canonical N-Quads (RDFC-1.0) of `document`: what `eddsa-rdfc-2022` hashes.
    public func canonicalNQuads(_ document: JSONValue, base: String? = nil, canonicalizer: RDFCanonicalizer = .init())
        throws(LinkedDataError) -> String
    {
        try canonicalizer.canonicalize(toRDF(document, base: base)).nquads
    }
}
