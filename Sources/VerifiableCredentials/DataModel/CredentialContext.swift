import CanonicalJSON

/// What a credential's top-level `@context` defines, worked out without a JSON-LD processor.
///
/// Remote contexts are not loaded. The base context `https://www.w3.org/ns/credentials/v2` and the
/// examples context are known by heart (their top-level terms, their `@vocab`); inline context
/// objects are read as JSON-LD 1.1 would read them. Any other remote context makes the picture
/// incomplete, and then questions that depend on it ("does this type name map to a URL?") answer
/// `unknown` rather than guess. That way the structural rules catch the W3C suite's context cases
/// (a protected term redefined, a term mapped to a non-IRI, a type left unmapped by `@vocab: null`)
/// and never reject a credential whose contexts we simply cannot see.
struct CredentialContext {
    /// The base context every VC 2.0 credential starts with.
    static let credentialsV2 = "https://www.w3.org/ns/credentials/v2"
    /// The W3C examples context: only `@vocab`, so every undefined term maps to a URL.
    static let credentialsExamplesV2 = "https://www.w3.org/ns/credentials/examples/v2"

    /// Whether a name used as a type (or as a term's IRI) expands to an absolute URL.
    enum Mapping: Equatable {
        case mapped
        case unmapped
        /// Contains a colon yet is not an IRI, e.g. `https ://not-a-url`.
        case invalidIRI
        /// Depends on a remote context that was not loaded.
        case unknown
    }

    /// Terms with a non-null definition.
    private(set) var definedTerms: Set<String> = []
    /// Terms defined as `null`: explicitly unmapped, even under `@vocab`.
    private(set) var nullTerms: Set<String> = []
    /// Protected terms and their definitions (`nil`: a definition of the base context we do not
    /// keep, so that any redefinition counts as different; see `CredentialsV2Terms`).
    private(set) var protectedDefinitions: [String: JSONValue?] = [:]
    /// Whether a `@vocab` is in effect, so that undefined terms still map to URLs.
    private(set) var hasVocabulary = false
    /// False once a remote context we do not know takes part, or the base context is missing.
    private(set) var isFullyKnown = true

    /// Reads `value` (the credential's `@context`, `nil` if absent) and reports what breaks the rules.
    init(reading value: JSONValue?, at path: JSONPointer, violations: inout [DataModelViolation]) {
        guard let value else {
            violations.append(
                .init(
                    rule: "context.missing", path: path.text,
                    message: "the credential has no @context; its first item must be \(Self.credentialsV2)"))
            isFullyKnown = false
            return
        }
        let items = value.asArray
        if value.arrayValue == nil {
            violations.append(
                .init(
                    rule: "context.not-array", path: path.text,
                    message: "@context must be an array (an ordered set) whose first item is \(Self.credentialsV2)"))
        }
        if items.first?.stringValue != Self.credentialsV2 {
            let firstPath = value.arrayValue == nil ? path : path.appending(0)
            violations.append(
                .init(
                    rule: "context.first", path: firstPath.text,
                    message: "the first @context item must be exactly \(Self.credentialsV2)"))
            isFullyKnown = false  // the base context's terms are missing; report that, not every consequence
        }
        for (index, item) in items.enumerated() {
            let itemPath = value.arrayValue == nil ? path : path.appending(index)
            read(item, at: itemPath, violations: &violations)
        }
    }

    /// Whether `name`, used where an IRI is expected with vocabulary-relative expansion (a `type`
    /// value, a term's IRI), expands to an absolute IRI.
    func mapping(of name: String) -> Mapping {
        if name.hasPrefix("@") { return .mapped }  // a keyword
        if name.contains(":") {
            return AbsoluteURL.isValid(name) || AbsoluteURL.isBlankNode(name) ? .mapped : .invalidIRI
        }
        if nullTerms.contains(name) { return .unmapped }
        if definedTerms.contains(name) || hasVocabulary { return .mapped }
        return isFullyKnown ? .unmapped : .unknown
    }

    private mutating func read(_ item: JSONValue, at path: JSONPointer, violations: inout [DataModelViolation]) {
        switch item {
        case .string(let url) where url == Self.credentialsV2:
            for (term, definition) in CredentialsV2Terms.definitions {
                definedTerms.insert(term)
                nullTerms.remove(term)
                protectedDefinitions[term] = .some(definition)
            }
        case .string(let url) where url == Self.credentialsExamplesV2:
            hasVocabulary = true
        case .string(let url) where AbsoluteURL.isValid(url):
            isFullyKnown = false
        case .string(let text):
            violations.append(
                .init(
                    rule: "context.item", path: path.text,
                    message: "@context item \"\(text)\" is not a URL"))
        case .object(let object):
            readInline(object, at: path, violations: &violations)
        case .null where !protectedDefinitions.isEmpty:
            violations.append(
                .init(
                    rule: "context.nullification", path: path.text,
                    message: "a null @context item would clear the protected terms of the contexts before it"))
        case .null:
            definedTerms = []
            nullTerms = []
            hasVocabulary = false
        default:
            violations.append(
                .init(
                    rule: "context.item", path: path.text,
                    message: "@context items must be URLs or objects, not a \(item.typeName)"))
        }
    }

    private mutating func readInline(_ object: JSONObject, at path: JSONPointer, violations: inout [DataModelViolation]) {
        let protectsByDefault = object["@protected"]?.boolValue ?? false
        if let vocabulary = object["@vocab"] { hasVocabulary = !vocabulary.isNull }
        if object.contains("@import") { isFullyKnown = false }
        for (term, definition) in object where !term.hasPrefix("@") {
            let termPath = path.appending(term)
            let normalized: JSONValue
            var iri: String?
            switch definition {
            case .null:
                normalized = .null
            case .string(let text):
                normalized = ["@id": .string(text)]
                iri = text
            case .object(var members):
                members["@protected"] = nil  // protection is not part of the definition JSON-LD compares
                normalized = .object(members)
                iri = members["@id"]?.stringValue
                if members["@id"] == nil, members["@reverse"] == nil, !term.contains(":"), !hasVocabulary, isFullyKnown {
                    violations.append(
                        .init(
                            rule: "context.term-iri", path: termPath.text,
                            message: "term \"\(term)\" has no @id and no @vocab is in effect to give it one"))
                }
            default:
                violations.append(
                    .init(
                        rule: "context.term-definition", path: termPath.text,
                        message: "the definition of term \"\(term)\" must be a string, an object or null, not a \(definition.typeName)"))
                continue
            }
            if let existing = protectedDefinitions[term], existing != normalized {
                violations.append(
                    .init(
                        rule: "context.protected-term", path: termPath.text,
                        message: "term \"\(term)\" is protected by an earlier context and must not be redefined"))
                continue
            }
            if let iri, mapping(of: iri) == .invalidIRI || mapping(of: iri) == .unmapped {
                violations.append(
                    .init(
                        rule: "context.term-iri", path: termPath.text,
                        message: "term \"\(term)\" maps to \"\(iri)\", which is not an absolute IRI"))
            }
            if definition.isNull {
                definedTerms.remove(term)
                nullTerms.insert(term)
            } else {
                definedTerms.insert(term)
                nullTerms.remove(term)
            }
            if definition.objectValue?["@protected"]?.boolValue ?? protectsByDefault {
                protectedDefinitions[term] = .some(normalized)
            }
        }
    }
}
