import CanonicalJSON
import LinkedData
import Testing

/// Input built to exhaust the stack, the CPU or the loader must be refused with a clear error.
@Suite("Hostile input is refused within bounds")
struct HostileInputTests {
    @Test("objects nested past the limit")
    func deepNesting() {
        var value: JSONValue = ["https://e/p": "leaf"]
        for _ in 0..<500 { value = ["https://e/p": value] }
        let error = #expect(throws: LinkedDataError.self) { try JSONLDProcessor().toRDF(value, base: nil) }
        #expect(error?.code == .nestingTooDeep)
    }

    @Test("a document bigger than the work allowance")
    func workLimit() {
        let values = JSONValue.array((0..<5_000).map { .string("value \($0)") })
        var options = JSONLDOptions()
        options.maximumWork = 1_000
        let document: JSONValue = ["@id": "urn:x", "https://e/p": values]
        let error = #expect(throws: LinkedDataError.self) { try JSONLDProcessor(options: options).toRDF(document, base: nil) }
        #expect(error?.code == .workLimitExceeded)
    }

    @Test("a remote context that includes itself through another")
    func recursiveContext() {
        let loader = StaticDocumentLoader(
            documents: ["https://e/a": ["@context": "https://e/b"], "https://e/b": ["@context": ["https://e/a"]]], fallback: nil)
        let document: JSONValue = ["@context": "https://e/a", "@id": "urn:x"]
        let error = #expect(throws: LinkedDataError.self) { try JSONLDProcessor(documentLoader: loader).expand(document, base: nil) }
        #expect(error?.code == .recursiveContextInclusion)
    }

    @Test("a chain of remote contexts longer than the limit")
    func contextOverflow() {
        var documents: [String: JSONValue] = [:]
        for index in 0..<100 { documents["https://e/\(index)"] = ["@context": .string("https://e/\(index + 1)")] }
        documents["https://e/100"] = ["@context": [:]]
        let loader = StaticDocumentLoader(documents: documents, fallback: nil)
        let document: JSONValue = ["@context": "https://e/0", "@id": "urn:x"]
        let error = #expect(throws: LinkedDataError.self) { try JSONLDProcessor(documentLoader: loader).expand(document, base: nil) }
        #expect(error?.code == .contextOverflow)
    }

    @Test("redefining a protected VC 2.0 term")
    func protectedRedefinition() {
        let document: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2", ["VerifiableCredential": "https://e/Fake"]],
            "type": ["VerifiableCredential"], "issuer": "https://e/issuer", "credentialSubject": ["id": "urn:x"],
        ]
        let error = #expect(throws: LinkedDataError.self) { try JSONLDProcessor().toRDF(document, base: nil) }
        #expect(error?.code == .protectedTermRedefinition)
    }

    @Test(
        "N-Quads syntax errors carry the line",
        arguments: ["<http://e/s> <http://e/p> .", "<s> <http://e/p> <http://e/o> .", "_:a \"p\" _:b ."])
    func nquadsErrors(_ text: String) {
        let error = #expect(throws: LinkedDataError.self) { try NQuads.parse(text) }
        #expect(error?.code == .invalidNQuads)
        #expect(error?.reason.hasPrefix("line 1") == true)
    }
}

/// RDF terms are code point sequences: values that differ only in Unicode normalization are
/// different terms and must both survive into the canonical N-Quads (Swift's `String ==` would
/// merge them).
@Suite("Unicode normalization is never applied")
struct ExactStringTests {
    @Test("composed and decomposed Å stay two literals and two IRIs")
    func composedAndDecomposed() throws {
        let composed = "\u{C5}"
        let decomposed = "A\u{30A}"
        let document: JSONValue = [
            "@id": "urn:x",
            "https://e/name": [.string(composed), .string(decomposed)],
            "https://e/link": [["@id": .string("https://e/" + composed)], ["@id": .string("https://e/" + decomposed)]],
        ]
        let dataset = try JSONLDProcessor().toRDF(document, base: nil)
        #expect(dataset.count == 4)
        let canonical = try RDFCanonicalizer().canonicalize(dataset).nquads
        #expect(canonical.split(separator: "\n").count == 4)
        #expect(Array(canonical.utf8).contains(0xCC))  // the combining ring's UTF-8 lead byte is kept
    }
}
