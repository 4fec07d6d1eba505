/// Why a JSON-LD or RDF operation failed: a stable `code` and a human `reason`.
///
/// JSON-LD errors use the error code strings of the JSON-LD 1.1 API (`invalid IRI mapping`,
/// `loading remote context failed`, `recursive context inclusion`, …) so that they can be
/// compared with the official test suite. Errors of this library's own limits and of RDFC-1.0
/// use the codes listed as static members below.
public struct LinkedDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier, compared by tests and callers.
    public let code: String
    /// What went wrong, in words.
    public let reason: String
    /// Where in the input document it went wrong, as a JSONPath-like text
    /// (`credentialSubject.achievement["favorite color"]`), when the error knows; empty otherwise.
    public internal(set) var memberPath = ""

    /// An error with a code and a reason.
    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason` (`code: path: reason` when the member is known), for logs.
    public var description: String { memberPath.isEmpty ? "\(code): \(reason)" : "\(code): \(memberPath): \(reason)" }

    /// RDFC-1.0 gave up because the Hash N-Degree Quads step exceeded its work limit.
    public static let poisonGraphCode = "poison graph"
    /// N-Quads text that does not follow the grammar.
    public static let invalidNQuadsCode = "invalid N-Quads"
    /// The input nests arrays or objects deeper than the processor allows.
    public static let nestingTooDeepCode = "nesting too deep"
    /// The expansion exceeded its bound on total work.
    public static let workLimitExceededCode = "work limit exceeded"
    /// Safe mode: a member of the document would be dropped by JSON-LD (no context defines it, or
    /// it does not expand to a well-formed IRI), so RDF and any signature over it would not cover it.
    public static let dataLossCode = "data loss"
    /// A bundled context failed its integrity check.
    public static let contextIntegrityCode = "context integrity check failed"
}
