/// Why a JSON-LD or RDF operation failed: a stable `code` and a human `reason`.
///
/// JSON-LD errors use the error code strings of the JSON-LD 1.1 API (`invalid IRI mapping`,
/// `loading remote context failed`, `recursive context inclusion`, …) so that they can be
/// compared with the official test suite. Errors of this library's own limits and of RDFC-1.0
/// use the codes listed first in ``LinkedDataError/Code``.
public struct LinkedDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier, compared by tests and callers (`error.code == .invalidIRIMapping`).
    public let code: Code
    /// What went wrong, in words.
    public let reason: String
    /// Where in the input document it went wrong, as a JSONPath-like text
    /// (`credentialSubject.achievement["favorite color"]`), when the error knows; empty otherwise.
    public internal(set) var memberPath = ""

    /// An error with a code and a reason.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason` (`code: path: reason` when the member is known), for logs.
    public var description: String { memberPath.isEmpty ? "\(code): \(reason)" : "\(code): \(memberPath): \(reason)" }

    /// The codes: a struct over a private enum, so the set can grow without breaking callers.
    /// `description` is the spelling: the JSON-LD 1.1 API's own error code text (compared with the
    /// official test suite) or, for this library's limits and RDFC-1.0, the texts below.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case collidingKeywords = "colliding keywords"
            case conflictingIndexes = "conflicting indexes"
            case contextIntegrity = "context integrity check failed"
            case contextOverflow = "context overflow"
            case cyclicIRIMapping = "cyclic IRI mapping"
            case dataLoss = "data loss"
            case invalidBaseDirection = "invalid base direction"
            case invalidBaseIRI = "invalid base IRI"
            case invalidContainerMapping = "invalid container mapping"
            case invalidContextEntry = "invalid context entry"
            case invalidContextNullification = "invalid context nullification"
            case invalidDefaultLanguage = "invalid default language"
            case invalidIRIMapping = "invalid IRI mapping"
            case invalidIdValue = "invalid @id value"
            case invalidImportValue = "invalid @import value"
            case invalidIncludedValue = "invalid @included value"
            case invalidIndexValue = "invalid @index value"
            case invalidKeywordAlias = "invalid keyword alias"
            case invalidLanguageMapValue = "invalid language map value"
            case invalidLanguageMapping = "invalid language mapping"
            case invalidLanguageTaggedString = "invalid language-tagged string"
            case invalidLanguageTaggedValue = "invalid language-tagged value"
            case invalidLocalContext = "invalid local context"
            case invalidNQuads = "invalid N-Quads"
            case invalidNestValue = "invalid @nest value"
            case invalidPrefixValue = "invalid @prefix value"
            case invalidPropagateValue = "invalid @propagate value"
            case invalidProtectedValue = "invalid @protected value"
            case invalidRemoteContext = "invalid remote context"
            case invalidReverseProperty = "invalid reverse property"
            case invalidReversePropertyMap = "invalid reverse property map"
            case invalidReversePropertyValue = "invalid reverse property value"
            case invalidReverseValue = "invalid @reverse value"
            case invalidScopedContext = "invalid scoped context"
            case invalidSetOrListObject = "invalid set or list object"
            case invalidTermDefinition = "invalid term definition"
            case invalidTypeMapping = "invalid type mapping"
            case invalidTypeValue = "invalid type value"
            case invalidTypedValue = "invalid typed value"
            case invalidValueObject = "invalid value object"
            case invalidValueObjectValue = "invalid value object value"
            case invalidVersionValue = "invalid @version value"
            case invalidVocabMapping = "invalid vocab mapping"
            case keywordRedefinition = "keyword redefinition"
            case loadingDocumentFailed = "loading document failed"
            case loadingRemoteContextFailed = "loading remote context failed"
            case nestingTooDeep = "nesting too deep"
            case poisonGraph = "poison graph"
            case processingModeConflict = "processing mode conflict"
            case protectedTermRedefinition = "protected term redefinition"
            case recursiveContextInclusion = "recursive context inclusion"
            case workLimitExceeded = "work limit exceeded"
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The spelling, e.g. `invalid IRI mapping`.
        public var description: String { backing.rawValue }

        // MARK: This library's own limits and RDFC-1.0

        /// A bundled context failed its integrity check.
        public static let contextIntegrity = Code(.contextIntegrity)
        /// Safe mode: a member of the document would be dropped by JSON-LD (no context defines it, or
        /// it does not expand to a well-formed IRI), so RDF and any signature over it would not cover it.
        public static let dataLoss = Code(.dataLoss)
        /// N-Quads text that does not follow the grammar.
        public static let invalidNQuads = Code(.invalidNQuads)
        /// The input nests arrays or objects deeper than the processor allows.
        public static let nestingTooDeep = Code(.nestingTooDeep)
        /// RDFC-1.0 gave up because the Hash N-Degree Quads step exceeded its work limit.
        public static let poisonGraph = Code(.poisonGraph)
        /// The expansion exceeded its bound on total work.
        public static let workLimitExceeded = Code(.workLimitExceeded)

        // MARK: JSON-LD 1.1 API error codes (§ 9.4.2 JsonLdErrorCode)

        /// JSON-LD `loading document failed`: the loader has no such document (it never fetches
        /// from the network).
        public static let loadingDocumentFailed = Code(.loadingDocumentFailed)
        /// JSON-LD `colliding keywords`.
        public static let collidingKeywords = Code(.collidingKeywords)
        /// JSON-LD `conflicting indexes`.
        public static let conflictingIndexes = Code(.conflictingIndexes)
        /// JSON-LD `context overflow`.
        public static let contextOverflow = Code(.contextOverflow)
        /// JSON-LD `cyclic IRI mapping`.
        public static let cyclicIRIMapping = Code(.cyclicIRIMapping)
        /// JSON-LD `invalid base direction`.
        public static let invalidBaseDirection = Code(.invalidBaseDirection)
        /// JSON-LD `invalid base IRI`.
        public static let invalidBaseIRI = Code(.invalidBaseIRI)
        /// JSON-LD `invalid container mapping`.
        public static let invalidContainerMapping = Code(.invalidContainerMapping)
        /// JSON-LD `invalid context entry`.
        public static let invalidContextEntry = Code(.invalidContextEntry)
        /// JSON-LD `invalid context nullification`.
        public static let invalidContextNullification = Code(.invalidContextNullification)
        /// JSON-LD `invalid default language`.
        public static let invalidDefaultLanguage = Code(.invalidDefaultLanguage)
        /// JSON-LD `invalid IRI mapping`.
        public static let invalidIRIMapping = Code(.invalidIRIMapping)
        /// JSON-LD `invalid @id value`.
        public static let invalidIdValue = Code(.invalidIdValue)
        /// JSON-LD `invalid @import value`.
        public static let invalidImportValue = Code(.invalidImportValue)
        /// JSON-LD `invalid @included value`.
        public static let invalidIncludedValue = Code(.invalidIncludedValue)
        /// JSON-LD `invalid @index value`.
        public static let invalidIndexValue = Code(.invalidIndexValue)
        /// JSON-LD `invalid keyword alias`.
        public static let invalidKeywordAlias = Code(.invalidKeywordAlias)
        /// JSON-LD `invalid language map value`.
        public static let invalidLanguageMapValue = Code(.invalidLanguageMapValue)
        /// JSON-LD `invalid language mapping`.
        public static let invalidLanguageMapping = Code(.invalidLanguageMapping)
        /// JSON-LD `invalid language-tagged string`.
        public static let invalidLanguageTaggedString = Code(.invalidLanguageTaggedString)
        /// JSON-LD `invalid language-tagged value`.
        public static let invalidLanguageTaggedValue = Code(.invalidLanguageTaggedValue)
        /// JSON-LD `invalid local context`.
        public static let invalidLocalContext = Code(.invalidLocalContext)
        /// JSON-LD `invalid @nest value`.
        public static let invalidNestValue = Code(.invalidNestValue)
        /// JSON-LD `invalid @prefix value`.
        public static let invalidPrefixValue = Code(.invalidPrefixValue)
        /// JSON-LD `invalid @propagate value`.
        public static let invalidPropagateValue = Code(.invalidPropagateValue)
        /// JSON-LD `invalid @protected value`.
        public static let invalidProtectedValue = Code(.invalidProtectedValue)
        /// JSON-LD `invalid remote context`.
        public static let invalidRemoteContext = Code(.invalidRemoteContext)
        /// JSON-LD `invalid reverse property`.
        public static let invalidReverseProperty = Code(.invalidReverseProperty)
        /// JSON-LD `invalid reverse property map`.
        public static let invalidReversePropertyMap = Code(.invalidReversePropertyMap)
        /// JSON-LD `invalid reverse property value`.
        public static let invalidReversePropertyValue = Code(.invalidReversePropertyValue)
        /// JSON-LD `invalid @reverse value`.
        public static let invalidReverseValue = Code(.invalidReverseValue)
        /// JSON-LD `invalid scoped context`.
        public static let invalidScopedContext = Code(.invalidScopedContext)
        /// JSON-LD `invalid set or list object`.
        public static let invalidSetOrListObject = Code(.invalidSetOrListObject)
        /// JSON-LD `invalid term definition`.
        public static let invalidTermDefinition = Code(.invalidTermDefinition)
        /// JSON-LD `invalid type mapping`.
        public static let invalidTypeMapping = Code(.invalidTypeMapping)
        /// JSON-LD `invalid type value`.
        public static let invalidTypeValue = Code(.invalidTypeValue)
        /// JSON-LD `invalid typed value`.
        public static let invalidTypedValue = Code(.invalidTypedValue)
        /// JSON-LD `invalid value object`.
        public static let invalidValueObject = Code(.invalidValueObject)
        /// JSON-LD `invalid value object value`.
        public static let invalidValueObjectValue = Code(.invalidValueObjectValue)
        /// JSON-LD `invalid @version value`.
        public static let invalidVersionValue = Code(.invalidVersionValue)
        /// JSON-LD `invalid vocab mapping`.
        public static let invalidVocabMapping = Code(.invalidVocabMapping)
        /// JSON-LD `keyword redefinition`.
        public static let keywordRedefinition = Code(.keywordRedefinition)
        /// JSON-LD `loading remote context failed`.
        public static let loadingRemoteContextFailed = Code(.loadingRemoteContextFailed)
        /// JSON-LD `processing mode conflict`.
        public static let processingModeConflict = Code(.processingModeConflict)
        /// JSON-LD `protected term redefinition`.
        public static let protectedTermRedefinition = Code(.protectedTermRedefinition)
        /// JSON-LD `recursive context inclusion`.
        public static let recursiveContextInclusion = Code(.recursiveContextInclusion)
    }
}
