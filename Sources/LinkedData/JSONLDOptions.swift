import CanonicalJSON

/// Options of ``JSONLDProcessor``, after the JSON-LD 1.1 API's `JsonLdOptions`, plus the limits
/// that protect against hostile input.
public struct JSONLDOptions: Sendable {
    /// How `@direction` is represented in RDF; `nil` drops it (the JSON-LD default).
    public enum RDFDirection: String, Sendable {
        /// `https://www.w3.org/ns/i18n#<language>_<direction>` datatypes.
        case i18nDatatype = "i18n-datatype"
        /// A blank node with `rdf:value`, `rdf:language` and `rdf:direction`.
        case compoundLiteral = "compound-literal"
    }

    /// `json-ld-1.1` (default) or `json-ld-1.0`, which refuses 1.1-only features.
    public var processingMode: String = "json-ld-1.1"
    /// A context applied before the document's own.
    public var expandContext: JSONValue? = nil
    /// How `@direction` becomes RDF.
    public var rdfDirection: RDFDirection? = nil
    /// Keep triples whose predicate is a blank node (generalized RDF).
    public var produceGeneralizedRdf = false
    /// Remote contexts that may be nested inside one another before `context overflow`.
    public var maximumRemoteContextDepth = 32
    /// Arrays and objects that may nest inside one another in the document before it is refused.
    public var maximumNestingDepth = 100
    /// An upper bound on the expansion steps spent on one document (values visited and
    /// contexts applied), so that a small hostile document cannot take unbounded time.
    public var maximumWork = 5_000_000

    /// Refuse documents with terms no context defines instead of silently dropping them
    /// (what signature suites need: a dropped term would be neither canonicalized nor signed).
    public var safeMode = false
    /// Convert documents of a shape seen before by filling that shape's learnt dataset template
    /// instead of expanding them again (``JSONLDProcessor/toRDF(_:base:)``; bundled contexts only).
    /// The result is the same dataset; `false` always runs the full algorithms.
    public var reusesDatasetTemplates = true
    /// The defaults: JSON-LD 1.1, no `@direction` in RDF, bounded work.
    public init() {}

    var isJSONLD10: Bool { processingMode == "json-ld-1.0" }
}

extension LinkedDataError {
    /// A JSON-LD API error with one of the specification's error codes.
    static func jsonLD(_ code: Code, _ reason: String) -> LinkedDataError {
        LinkedDataError(code: code, reason: reason)
    }
}
