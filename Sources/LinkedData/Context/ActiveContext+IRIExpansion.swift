/// IRI Expansion (JSON-LD 1.1 API §5.2) against a finished active context.
extension ActiveContext {
    /// Expands a term, compact IRI, keyword or relative IRI; `nil` when it maps to nothing
    /// (a `null` term, or a keyword-like string that is not a keyword).
    func expandIRI(_ value: String, documentRelative: Bool = false, vocab: Bool = false) -> String? {
        if Keywords.all.contains(value) { return value }
        if IRIResolver.hasKeywordForm(value) { return nil }
        if let definition = terms[value] {
            if let iri = definition.iriMapping, Keywords.all.contains(iri) { return iri }
            if vocab { return definition.iriMapping }
        }
        if let colon = value.utf8.dropFirst().firstIndex(of: UInt8(ascii: ":")) {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if let definition = terms[prefix], let iri = definition.iriMapping, definition.isPrefix {
                return iri + suffix
            }
            if IRIResolver.isAbsolute(value) { return value }
        }
        if vocab, let vocabularyMapping { return vocabularyMapping + value }
        if documentRelative { return IRIResolver.resolve(value, against: baseIRI) }
        return value
    }
}
