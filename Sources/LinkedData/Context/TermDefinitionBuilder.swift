import CanonicalJSON

/// Create Term Definition (JSON-LD 1.1 API §4.2.2) for the terms of one local context.
struct TermDefinitionBuilder {
    let processor: ContextProcessor
    var active: ActiveContext
    let localContext: JSONObject
    let baseURL: String?
    let protectedDefault: Bool
    let overrideProtected: Bool
    let remoteContexts: [String]
    let validateScopedContext: Bool
    /// Terms being defined (`false`) or done (`true`), to detect cycles.
    private var defined: [String: Bool] = [:]

    init(
        processor: ContextProcessor, active: ActiveContext, localContext: JSONObject, baseURL: String?, protectedDefault: Bool,
        overrideProtected: Bool, remoteContexts: [String], validateScopedContext: Bool
    ) {
        self.processor = processor
        self.active = active
        self.localContext = localContext
        self.baseURL = baseURL
        self.protectedDefault = protectedDefault
        self.overrideProtected = overrideProtected
        self.remoteContexts = remoteContexts
        self.validateScopedContext = validateScopedContext
    }

    private var isJSONLD10: Bool { processor.options.isJSONLD10 }

    /// IRI expansion that first defines terms of the local context it depends on (§5.2.2 steps 3 and 6.3).
    mutating func expandIRI(_ value: String, documentRelative: Bool = false, vocab: Bool = false) throws(LinkedDataError) -> String? {
        if Keywords.all.contains(value) || IRIResolver.hasKeywordForm(value) { return active.expandIRI(value) }
        if localContext.contains(value), defined[value] != true { try createTermDefinition(value) }
        if let definition = active.terms[value] {
            if let iri = definition.iriMapping, Keywords.all.contains(iri) { return iri }
            if vocab { return definition.iriMapping }
        }
        if let colon = value.utf8.dropFirst().firstIndex(of: UInt8(ascii: ":")) {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix != "_", !suffix.hasPrefix("//"), localContext.contains(prefix), defined[prefix] != true {
                try createTermDefinition(prefix)
            }
        }
        return active.expandIRI(value, documentRelative: documentRelative, vocab: vocab)
    }

    mutating func createTermDefinition(_ term: String) throws(LinkedDataError) {
        if let state = defined[term] {
            if state { return }
            throw .jsonLD(.cyclicIRIMapping, "the definition of \(term) depends on itself")
        }
        if term.isEmpty { throw .jsonLD(.invalidTermDefinition, "the empty string cannot be a term") }
        defined[term] = false
        try processor.budget.spend()
        var value = localContext[term] ?? .null
        if term == "@type", !isJSONLD10, case .object(let object) = value {
            let allowedKeys: Set<String> = ["@container", "@protected"]
            guard !object.isEmpty, object.keys.allSatisfy(allowedKeys.contains),
                object["@container"] == nil || object["@container"] == "@set"
            else { throw .jsonLD(.keywordRedefinition, "@type may only be given @container: @set and @protected") }
        } else if Keywords.all.contains(term) {
            throw .jsonLD(.keywordRedefinition, "the keyword \(term) cannot be redefined")
        } else if IRIResolver.hasKeywordForm(term) {
            defined[term] = true  // reserved for future keywords: ignored
            return
        }
        let previous = active.terms.removeValue(forKey: term)
        var simpleTerm = false
        switch value {
        case .null: value = ["@id": .null]
        case .string(let iri): value = ["@id": .string(iri)]; simpleTerm = true
        case .object: break
        default: throw .jsonLD(.invalidTermDefinition, "the definition of \(term) must be null, a string or an object")
        }
        let object = value.objectValue!
        var definition = TermDefinition()
        definition.isProtected = protectedDefault
        if let protected = object["@protected"] {
            if isJSONLD10 { throw .jsonLD(.invalidTermDefinition, "@protected is not allowed in json-ld-1.0 mode") }
            guard case .bool(let flag) = protected else { throw .jsonLD(.invalidProtectedValue, "@protected must be a boolean") }
            definition.isProtected = flag
        }
        if let typeValue = object["@type"] {
            guard case .string(let type) = typeValue else { throw .jsonLD(.invalidTypeMapping, "@type of \(term) must be a string") }
            let expanded = try expandIRI(type, vocab: true)
            if isJSONLD10, expanded == "@json" || expanded == "@none" {
                throw .jsonLD(.invalidTypeMapping, "\(type) is not allowed in json-ld-1.0 mode")
            }
            guard let expanded, ["@id", "@json", "@none", "@vocab"].contains(expanded) || IRIResolver.isAbsolute(expanded) else {
                throw .jsonLD(.invalidTypeMapping, "@type \(type) of \(term) is not an IRI")
            }
            definition.typeMapping = expanded
        }
        if let reverse = object["@reverse"] {
            if object["@id"] != nil || object["@nest"] != nil {
                throw .jsonLD(.invalidReverseProperty, "\(term) has @reverse together with @id or @nest")
            }
            guard case .string(let reverseIRI) = reverse else { throw .jsonLD(.invalidIRIMapping, "@reverse must be a string") }
            if IRIResolver.hasKeywordForm(reverseIRI) { defined[term] = true; return }
            guard let expanded = try expandIRI(reverseIRI, vocab: true), expanded.utf8.contains(UInt8(ascii: ":")) else {
                throw .jsonLD(.invalidIRIMapping, "@reverse \(reverseIRI) of \(term) is not an IRI")
            }
            definition.iriMapping = expanded
            if let container = object["@container"] {
                guard container == .null || container == "@set" || container == "@index" else {
                    throw .jsonLD(.invalidReverseProperty, "a reverse property's container must be @set or @index")
                }
                definition.containerMapping = container.stringValue.map { [$0] } ?? []
            }
            try readContainerAndIndex(
                term, object: JSONObject(object.filter { $0.key == "@index" }.map { ($0.key, $0.value) }), into: &definition)
            definition.isReverseProperty = true
            try finish(term, definition, previous: previous, object: object)
            return
        }
        guard try mapIRI(term, object: object, simpleTerm: simpleTerm, into: &definition) else {
            defined[term] = true  // an @id that only looks like a keyword: the term is ignored
            return
        }
        try readContainerAndIndex(term, object: object, into: &definition)
        if let scoped = object["@context"] {
            if isJSONLD10 { throw .jsonLD(.invalidTermDefinition, "scoped contexts are not allowed in json-ld-1.0 mode") }
            do {
                _ = try processor.processUncached(
                    active, localContext: scoped, baseURL: baseURL, remoteContexts: remoteContexts, overrideProtected: true,
                    propagate: true, validateScopedContext: false)
            } catch {
                throw .jsonLD(.invalidScopedContext, "the scoped context of \(term) is invalid: \(error.reason)")
            }
            definition.context = scoped
            definition.baseURL = baseURL
        }
        try readLanguageDirectionNestPrefix(term, object: object, into: &definition)
        try finish(term, definition, previous: previous, object: object)
    }

    /// Steps 14 to 19: the term's IRI mapping.
    private mutating func mapIRI(_ term: String, object: JSONObject, simpleTerm: Bool, into definition: inout TermDefinition)
        throws(LinkedDataError) -> Bool
    {
        let colonInside = term.dropFirst().dropLast().utf8.contains(UInt8(ascii: ":"))
        if let idValue = object["@id"], idValue != .string(term) {
            guard case .string(let id) = idValue else {
                if idValue == .null { return true }
                throw .jsonLD(.invalidIRIMapping, "@id of \(term) must be a string")
            }
            if !Keywords.all.contains(id), IRIResolver.hasKeywordForm(id) { return false }
            guard let iri = try expandIRI(id, vocab: true),
                Keywords.all.contains(iri) || IRIResolver.isAbsolute(iri) || IRIResolver.isBlankNode(iri)
            else { throw .jsonLD(.invalidIRIMapping, "@id \(id) of \(term) is not an IRI, blank node or keyword") }
            if iri == "@context" { throw .jsonLD(.invalidKeywordAlias, "@context cannot be aliased") }
            definition.iriMapping = iri
            if colonInside || term.utf8.contains(UInt8(ascii: "/")) {
                defined[term] = true
                if try expandIRI(term, vocab: true) != iri {
                    throw .jsonLD(.invalidIRIMapping, "\(term) looks like an IRI but maps to a different one")
                }
                defined[term] = false
            }
            if !term.utf8.contains(UInt8(ascii: ":")), !term.utf8.contains(UInt8(ascii: "/")), simpleTerm,
                let last = iri.last, ":/?#[]@".contains(last) || IRIResolver.isBlankNode(iri)
            {
                definition.isPrefix = true
            }
        } else if term.dropFirst().utf8.contains(UInt8(ascii: ":")) {
            let colon = term.dropFirst().firstIndex(of: ":")!
            let prefix = String(term[..<colon])
            let suffix = term[term.index(after: colon)...]
            if localContext.contains(prefix) { try createTermDefinition(prefix) }
            if let prefixIRI = active.terms[prefix]?.iriMapping {
                definition.iriMapping = prefixIRI + suffix
            } else {
                definition.iriMapping = term
            }
        } else if term.utf8.contains(UInt8(ascii: "/")) {
            // The term itself is being defined, so it is expanded without consulting the local context.
            guard let iri = active.expandIRI(term, vocab: true), IRIResolver.isAbsolute(iri) else {
                throw .jsonLD(.invalidIRIMapping, "\(term) is not a valid IRI")
            }
            definition.iriMapping = iri
        } else if term == "@type" {
            definition.iriMapping = "@type"
        } else if let vocabularyMapping = active.vocabularyMapping {
            definition.iriMapping = vocabularyMapping + term
        } else {
            throw .jsonLD(.invalidIRIMapping, "\(term) has no @id and there is no @vocab to derive one")
        }
        return true
    }

    /// Steps 27 to 29: unknown members, protected redefinition, storing the definition.
    private mutating func finish(_ term: String, _ definition: TermDefinition, previous: TermDefinition?, object: JSONObject)
        throws(LinkedDataError)
    {
        let allowed: Set<String> = [
            "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix", "@protected", "@type",
        ]
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw .jsonLD(.invalidTermDefinition, "\(term) has the unknown member \(unknown)")
        }
        var stored = definition
        if !overrideProtected, let previous, previous.isProtected {
            guard definition.isSameDefinition(as: previous) else {
                throw .jsonLD(.protectedTermRedefinition, "the protected term \(term) cannot be redefined")
            }
            stored = previous
        }
        active.terms[term] = stored
        defined[term] = true
    }
}
