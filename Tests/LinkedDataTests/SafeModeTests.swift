import CanonicalJSON
import LinkedData
import Testing

/// Safe mode: every member JSON-LD would drop on the way to RDF is an error naming the member,
/// and what it keeps is exactly what the ordinary processor keeps.
@Suite("Safe mode reports what JSON-LD would drop")
struct SafeModeTests {
    static let safe: JSONLDProcessor = {
        var options = JSONLDOptions()
        options.safeMode = true
        return JSONLDProcessor(options: options)
    }()

    /// A context with an `@vocab` (so undefined names become IRIs) and a few typed terms.
    static let context: JSONValue = [
        "@vocab": "https://example.org/vocab#", "id": "@id", "type": "@type",
        "homepage": ["@id": "https://example.org/vocab#homepage", "@type": "@id"],
        "tags": ["@id": "https://example.org/vocab#tags", "@container": "@language"],
    ]

    static func document(_ members: JSONObject) -> JSONValue {
        var object: JSONObject = ["@context": context, "id": "urn:example:1", "name": "kept"]
        for (key, value) in members { object[key] = value }
        return .object(object)
    }

    @Test(
        "each way of losing data is refused, with the member's path",
        arguments: [
            ("a name with a space", document(["favorite color": "blue"]), #"["favorite color"]"#),
            ("a name with a newline", document(["a\nb": "x"]), #"["a\nb"]"#),
            ("a blank-node property", document(["_:p": "x"]), #"["_:p"]"#),
            ("a keyword-like name", document(["@unknown": "x"]), "@unknown"),
            ("a malformed type", document(["type": ["Fine", "Not Fine"]]), "type"),
            ("a relative id", document(["id": "not absolute"]), "id"),
            ("a relative IRI value", document(["homepage": "relative/page"]), "homepage"),
            ("a language that is no tag", document(["tags": ["not a tag": "x"]]), "tags"),
            ("a malformed datatype", document(["size": ["@value": "1", "@type": "https://example.org/a<b>"]]), "size.@type"),
            (
                "a nested member in an array", document(["knows": [["id": "urn:x:2"], ["id": "urn:x:3", "bad key": 1]]]),
                #"knows[1]["bad key"]"#
            ),
        ] as [(String, JSONValue, String)])
    func refused(what: String, document: JSONValue, path: String) throws {
        let error = try #require(throws: LinkedDataError.self) { try Self.safe.toRDF(document, base: nil) }
        #expect(error.code == .dataLoss, "\(what): \(error)")
        #expect(error.memberPath == path, "\(what): \(error)")
        // The ordinary processor drops it without a word, as JSON-LD 1.1 says.
        _ = try JSONLDProcessor().toRDF(document, base: nil)
    }

    @Test("a document that loses nothing gives the same RDF in safe mode")
    func sameResult() throws {
        let document = Self.document([
            "type": ["Person", "https://schema.org/Person"], "homepage": "https://example.org/me",
            "tags": ["en": "kept", "pt-BR": "mantido"], "knows": [["id": "urn:x:2", "name": "other"]],
        ])
        let safe = try Self.safe.canonicalNQuads(document)
        #expect(safe == (try JSONLDProcessor().canonicalNQuads(document)))
        #expect(safe.contains("<https://example.org/vocab#homepage> <https://example.org/me>"))
    }
}
