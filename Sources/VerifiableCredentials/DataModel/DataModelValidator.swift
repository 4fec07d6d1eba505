import CanonicalJSON

/// The rules of the W3C Verifiable Credentials Data Model 2.0 (§4, §5) that an issuer applies
/// before signing and a verifier applies after checking the proof. A credential whose first context
/// is the VC 1.1 one is judged by the 1.1 rules instead (`DataModel11Rules`), for verifiers.
///
/// Pure and total: no I/O, no clock, never throws from `violations(in:)`. It does not check proofs
/// (the Data Integrity suites do), whether the credential is valid *now* (the `Verifier` compares
/// `validFrom`/`validUntil` with its clock), or anything that needs the remote JSON-LD contexts a
/// credential names; see `CredentialContext` for how far the `@context` checks go without them.
/// `Spec/data-model-conformance.md` lists every rule and how the W3C test suite fares.
public struct DataModelValidator: Sendable {
    /// A validator; it holds no state.
    public init() {}

    /// Every rule the credential breaks, in document order of the properties checked; empty when it
    /// conforms.
    public func violations(in credential: JSONValue) -> [DataModelViolation] {
        guard let object = credential.objectValue else {
            return [
                .init(rule: "credential.not-object", path: "", message: "a credential must be a JSON object, not a \(credential.typeName)")
            ]
        }
        if object["@context"]?.asArray.first == .string(DataModel11Rules.baseContext) {
            return DataModel11Rules.violations(in: object)
        }
        var audit = DataModelAudit(credential: object)
        audit.checkAll()
        return audit.violations
    }

    /// Returns when the credential conforms; otherwise throws one error naming the first broken
    /// rule, where it is, and how many more there are.
    ///
    /// The code is `MALFORMED_VALUE_ERROR`, the name VC 2.0 §7.1 gives to a document that is not a
    /// conforming document; the broken rule's own name is in the reason, so callers can show it, and
    /// `violations(in:)` gives them all.
    public func validate(_ credential: JSONValue) throws(CredentialError) {
        try validate(credential, allowingVersion11: true)
    }

    /// ``validate(_:)`` for issuers: a VC 1.1 credential is refused when `allowingVersion11` is false.
    public func validate(_ credential: JSONValue, allowingVersion11: Bool) throws(CredentialError) {
        if !allowingVersion11, isVersion11(credential) {
            throw CredentialError(.malformedValueError, "this is a VC 1.1 credential; Attest signs VC 2.0 credentials only (first context https://www.w3.org/ns/credentials/v2)")
        }
        let found = violations(in: credential)
        guard let first = found.first else { return }
        var reason =
            "the credential does not conform to the VC Data Model: \(first.message)"
            + " (rule \(first.rule) at \(first.path.isEmpty ? "/" : first.path))"
        if found.count > 1 {
            let others = found.dropFirst().map(\.rule)
            reason += "; \(others.count) more: \(others.joined(separator: ", "))"
        }
        throw CredentialError(.malformedValueError, reason)
    }
}

extension DataModelValidator {
    /// Whether the credential's first context is the VC 1.1 one.
    public func isVersion11(_ credential: JSONValue) -> Bool {
        credential["@context"]?.asArray.first == .string(DataModel11Rules.baseContext)
    }
}

/// One pass over one credential, collecting violations. Split by topic over several files.
struct DataModelAudit {
    let credential: JSONObject
    var violations: [DataModelViolation]
    /// The top-level `@context`, read first; type values everywhere are judged against it.
    let context: CredentialContext

    init(credential: JSONObject) {
        self.credential = credential
        var contextViolations: [DataModelViolation] = []
        context = CredentialContext(
            reading: credential["@context"], at: JSONPointer.root.appending("@context"), violations: &contextViolations)
        violations = contextViolations
    }

    mutating func report(_ rule: String, _ path: JSONPointer, _ message: String) {
        violations.append(DataModelViolation(rule: rule, path: path.text, message: message))
    }

    mutating func checkAll() {
        checkCredentialID()
        checkCredentialTypes()
        checkIssuer()
        checkCredentialSubjects()
        checkValidityPeriod()
        checkLanguageStrings(in: credential, at: .root)
        checkRelatedObjects()
    }

    // MARK: id and type

    mutating func checkCredentialID() {
        guard let id = credential["id"] else { return }
        checkIdentifier(id, at: JSONPointer.root.appending("id"), rule: "id.url", owner: "the credential")
    }

    /// `id`, wherever VC 2.0 allows one, is a single URL.
    mutating func checkIdentifier(_ id: JSONValue, at path: JSONPointer, rule: String, owner: String) {
        switch id {
        case .string(let text) where AbsoluteURL.isValid(text):
            return
        case .string(let text):
            report(rule, path, "the id of \(owner), \"\(text)\", is not a URL")
        case .array:
            report(rule, path, "\(owner) must have a single id, not an array")
        default:
            report(rule, path, "the id of \(owner) must be a URL string, not \(id.typeName)")
        }
    }

    mutating func checkCredentialTypes() {
        let path = JSONPointer.root.appending("type")
        guard let type = credential["type"] else {
            report("type.missing", path, "the credential has no type; it must include \"VerifiableCredential\"")
            return
        }
        let names = checkTypeNames(type, at: path, owner: "the credential")
        if !names.contains("VerifiableCredential") {
            report("type.verifiable-credential", path, "the credential's types must include \"VerifiableCredential\"")
        }
    }

    /// Checks a `type` value (a string or an array of strings, each mapping to a URL) and returns
    /// the names it holds.
    @discardableResult
    mutating func checkTypeNames(_ type: JSONValue, at path: JSONPointer, owner: String, rule: String = "type.value") -> [String] {
        let items = type.asArray
        if items.isEmpty { report(rule, path, "the type of \(owner) is an empty array") }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = type.arrayValue == nil ? path : path.appending(index)
            guard let name = item.stringValue else {
                report(rule, itemPath, "every type of \(owner) must be a string, not \(item.typeName)")
                continue
            }
            names.append(name)
            switch context.mapping(of: name) {
            case .mapped, .unknown:
                break
            case .invalidIRI:
                report("type.url", itemPath, "type \"\(name)\" of \(owner) is not a URL")
            case .unmapped:
                report("type.unmapped", itemPath, "type \"\(name)\" of \(owner) is neither a URL nor a term the @context maps to one")
            }
        }
        return names
    }
}
