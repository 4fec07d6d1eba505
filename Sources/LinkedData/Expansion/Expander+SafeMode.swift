import CanonicalJSON

/// Safe mode (``JSONLDOptions/safeMode``): JSON-LD silently drops what it cannot turn into RDF — a
/// member no context defines, a key or `@type` that expands to a relative or malformed IRI, a
/// language tag that is not one, a base direction nobody asked to keep. A signature over the RDF
/// then does not cover that data, and it can be changed after signing. Safe mode refuses the
/// document instead, naming the member (VC Data Integrity 1.0 §2.4, "data loss").
extension Expander {
    var isSafeMode: Bool { contexts.options.safeMode }

    /// A member key that is neither a keyword nor a property RDF can carry.
    func checkProperty(_ key: String, expandedTo expanded: String?) throws(LinkedDataError) {
        guard isSafeMode, let why = Self.dropReason(expanded, original: key, what: "the member name", allowBlankNode: false) else { return }
        throw .dataLoss(why)
    }

    /// A `@type` value, an `@id`, or a value typed `@id`/`@vocab` that RDF cannot carry.
    func checkIdentifier(_ value: String, expandedTo expanded: String?, what: String) throws(LinkedDataError) {
        guard isSafeMode, let why = Self.dropReason(expanded, original: value, what: what, allowBlankNode: true) else { return }
        throw .dataLoss(why)
    }

    /// A value object whose datatype, language or direction RDF would lose.
    func checkValueObject(_ object: JSONObject) throws(LinkedDataError) {
        guard isSafeMode, object["@value"] != nil else { return }
        if case .string(let datatype) = object["@type"], datatype != "@json", !RDFSerializer.isWellFormedIRI(datatype) {
            throw .dataLoss("the value's type \(Self.quoted(datatype)) is not a well-formed absolute IRI, so JSON-LD drops the value")
        }
        if case .string(let language) = object["@language"], !RDFSerializer.isWellFormedLanguage(language) {
            throw .dataLoss("\(Self.quoted(language)) is not a BCP 47 language tag, so JSON-LD drops the value")
        }
        if object["@direction"] != nil, contexts.options.rdfDirection == nil {
            throw .dataLoss("@direction has no representation in RDF here, so a signature would not cover it")
        }
    }

    /// Why `expanded` (from `original`) would be dropped on the way to RDF, or `nil` when it is kept.
    private static func dropReason(_ expanded: String?, original: String, what: String, allowBlankNode: Bool) -> String? {
        guard let expanded else { return "\(what) \(quoted(original)) is not defined by any of the document's contexts" }
        if Keywords.all.contains(expanded) || RDFSerializer.isWellFormedIRI(expanded) { return nil }
        if IRIResolver.isBlankNode(expanded) {
            return allowBlankNode ? nil : "\(what) \(quoted(original)) expands to a blank node, which RDF does not allow as a property"
        }
        if !IRIResolver.isAbsolute(expanded) {
            return "\(what) \(quoted(original)) is not defined by any of the document's contexts and is not an absolute IRI"
        }
        return
            "\(what) \(quoted(original)) expands to \(quoted(expanded)), which is not a well-formed IRI (spaces, control characters or <>\"{}|\\^`)"
    }

    /// `value` as a JSON string, so that newlines and other controls are visible.
    static func quoted(_ value: String) -> String { JSONValue.string(value).canonicalString }
}

extension LinkedDataError {
    /// A safe-mode refusal; the member path is filled in as the error travels up the document.
    static func dataLoss(_ reason: String) -> LinkedDataError {
        LinkedDataError(code: .dataLoss, reason: reason)
    }

    /// The same error one level up: `key` is prepended to a data-loss error's member path.
    func inside(member key: String) -> LinkedDataError {
        guard code == .dataLoss else { return self }
        var error = self
        let isIdentifier =
            key.utf8.first.map { !(0x30...0x39).contains($0) } == true
            && key.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x40
            }
        let component = isIdentifier ? key : "[\(Expander.quoted(key))]"
        if memberPath.isEmpty || memberPath.hasPrefix("[") {
            error.memberPath = component + memberPath
        } else {
            error.memberPath = component + "." + memberPath
        }
        return error
    }

    /// The same error one level up: array position `index` is prepended to the member path.
    func inside(index: Int) -> LinkedDataError {
        guard code == .dataLoss else { return self }
        var error = self
        error.memberPath = "[\(index)]" + (memberPath.isEmpty || memberPath.hasPrefix("[") ? memberPath : "." + memberPath)
        return error
    }
}
