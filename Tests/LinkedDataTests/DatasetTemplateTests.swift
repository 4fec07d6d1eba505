import CanonicalJSON
import Testing

@testable import LinkedData

/// Dataset templates (``DatasetTemplateCache``) must give exactly the dataset the full algorithms
/// give, for every document, or not be used.
@Suite("Dataset templates: the same datasets as expansion and toRdf")
struct DatasetTemplateTests {
    static let full: JSONLDProcessor = {
        var options = JSONLDOptions()
        options.safeMode = true
        options.reusesDatasetTemplates = false
        return JSONLDProcessor(options: options)
    }()

    /// The Open Badges 3.0 vector's credential, with evidence and a status entry added.
    static func credential(name: String = "Teamwork", id: String = "http://example.com/credentials/3527") throws -> JSONObject {
        var credential = try #require(
            try Fixtures.json("1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json")["unsignedCredential"]?.objectValue)
        credential["id"] = .string(id)
        var subject = try #require(credential["credentialSubject"]?.objectValue)
        subject["name"] = .string(name)
        credential["credentialSubject"] = .object(subject)
        credential["evidence"] = [["type": ["Evidence"], "name": "ladders"], ["type": ["Evidence"], "name": "scaffolds"]]
        credential["credentialStatus"] = [
            "id": "https://certs.example.org/status/revocation-1#17", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
            "statusListIndex": "17", "statusListCredential": "https://certs.example.org/status/revocation-1",
        ]
        return credential
    }

    /// Converts through `cache`; `fullConversions` counts the documents the full algorithms converted.
    static func convert(_ document: JSONObject, _ cache: DatasetTemplateCache, fullConversions: inout Int) throws -> RDFDataset {
        try cache.dataset(for: .object(document)) { (document) throws(LinkedDataError) in
            fullConversions += 1
            return try full.fullToRDF(document, base: nil)
        }
    }

    static func canonical(_ dataset: RDFDataset) throws -> String { try RDFCanonicalizer().canonicalize(dataset).nquads }

    /// Strings a learner's name may hold: escapes, controls, normalization forms, look-alikes of keywords and markers.
    static let awkwardNames = [
        "Zoë Åkesson", "Zoe\u{308} A\u{30A}kesson", "say \"hi\"", "back\\slash", "line\nbreak\r\ttab", "nul \u{0} del \u{7F} bell \u{7}",
        "😂 李小龍 עִבְרִית", "_:b0", "@id", "", "\u{E000}0\u{E001}", "ladders", "1:2",
    ]

    /// Names that look like IRIs: another kind of string, so another shape.
    static let iriLikeNames = ["Note: a colon", "mailto:someone@example.org", "https://example.org/looks-like-an-iri", "did:example:x"]

    @Test("a shape is learnt on its second sighting; later documents of it are filled, with the full algorithms' datasets")
    func sameDatasets() throws {
        let cache = DatasetTemplateCache()
        var fullConversions = 0
        _ = try Self.convert(try Self.credential(), cache, fullConversions: &fullConversions)
        #expect(cache.templateCount == 0)
        _ = try Self.convert(try Self.credential(name: "Second"), cache, fullConversions: &fullConversions)
        #expect(cache.templateCount == 1)
        let learnt = fullConversions
        for (offset, name) in Self.awkwardNames.enumerated() {
            let document = try Self.credential(name: name, id: "http://example.com/credentials/\(offset)")
            let filled = try Self.convert(document, cache, fullConversions: &fullConversions)
            let expected = try Self.full.fullToRDF(.object(document), base: nil)
            #expect(filled == expected, "\(name)")
            #expect(try Self.canonical(filled) == (try Self.full.canonicalNQuads(.object(document))), "\(name)")
        }
        // Every one of them was filled from the template, none converted in full.
        #expect(fullConversions == learnt)
        for name in Self.iriLikeNames {
            let document = try Self.credential(name: name)
            #expect(
                try Self.convert(document, cache, fullConversions: &fullConversions)
                    == (try Self.full.fullToRDF(.object(document), base: nil)))
        }
    }

    @Test("two credentials of one shape never share a result")
    func differentCredentials() throws {
        let cache = DatasetTemplateCache()
        var fullConversions = 0
        for _ in 0..<2 { _ = try Self.convert(try Self.credential(), cache, fullConversions: &fullConversions) }
        let first = try Self.canonical(try Self.convert(try Self.credential(name: "Ana"), cache, fullConversions: &fullConversions))
        let second = try Self.canonical(try Self.convert(try Self.credential(name: "Ann"), cache, fullConversions: &fullConversions))
        #expect(first != second)
        #expect(first == (try Self.full.canonicalNQuads(.object(try Self.credential(name: "Ana")))))
        #expect(second == (try Self.full.canonicalNQuads(.object(try Self.credential(name: "Ann")))))
    }

    @Test("another @context is another shape: converted in full, not filled from the first")
    func contextChange() throws {
        let cache = DatasetTemplateCache()
        var fullConversions = 0
        for _ in 0..<2 { _ = try Self.convert(try Self.credential(), cache, fullConversions: &fullConversions) }
        var other = try Self.credential()
        other["@context"] = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"]
        let before = fullConversions
        let dataset = try Self.convert(other, cache, fullConversions: &fullConversions)
        #expect(fullConversions == before + 1)
        #expect(dataset == (try Self.full.fullToRDF(.object(other), base: nil)))
        // An inline context is never templated, however often it is seen.
        var inline = try Self.credential()
        inline["@context"] = .array((inline["@context"]?.asArray ?? []) + [["extra": "https://example.org/extra"]])
        for _ in 0..<3 { _ = try Self.convert(inline, cache, fullConversions: &fullConversions) }
        #expect(cache.templateCount == 1)
    }

    @Test("a changed value that shapes the result (a vocabulary term) is converted in full, errors included")
    func pinnedValues() throws {
        let cache = DatasetTemplateCache()
        var fullConversions = 0
        func proof(purpose: String, created: String) throws -> JSONObject {
            var proof = try #require(try Fixtures.json("w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json").objectValue)
            proof["proofPurpose"] = .string(purpose)
            proof["created"] = .string(created)
            return proof
        }
        for second in 0..<2 {
            _ = try Self.convert(
                try proof(purpose: "assertionMethod", created: "2023-02-24T23:36:0\(second)Z"), cache, fullConversions: &fullConversions)
        }
        #expect(cache.templateCount == 1)
        let before = fullConversions
        let filled = try Self.convert(
            try proof(purpose: "assertionMethod", created: "2024-01-01T00:00:00Z"), cache, fullConversions: &fullConversions)
        #expect(fullConversions == before)
        #expect(
            filled == (try Self.full.fullToRDF(.object(try proof(purpose: "assertionMethod", created: "2024-01-01T00:00:00Z")), base: nil)))
        let authentication = try proof(purpose: "authentication", created: "2024-01-01T00:00:00Z")
        #expect(
            try Self.convert(authentication, cache, fullConversions: &fullConversions)
                == (try Self.full.fullToRDF(.object(authentication), base: nil)))
        #expect(fullConversions == before + 1)
        // A purpose no context defines: whatever the full algorithms make of it (here the
        // credentials context's @vocab), the cache gives the same.
        let unknown = try proof(purpose: "notAPurpose", created: "2024-01-01T00:00:00Z")
        #expect(
            try Self.convert(unknown, cache, fullConversions: &fullConversions) == (try Self.full.fullToRDF(.object(unknown), base: nil)))
        #expect(fullConversions == before + 2)
    }

    @Test("an IRI hole takes only a well-formed IRI that is not a term, and node holes must stay different nodes")
    func iriHoles() throws {
        let cache = DatasetTemplateCache()
        var fullConversions = 0
        for _ in 0..<2 { _ = try Self.convert(try Self.credential(), cache, fullConversions: &fullConversions) }
        // Not an IRI: the full algorithms decide (safe mode refuses it), exactly as without a template.
        let broken = try Self.credential(id: "not an iri")
        #expect(throws: LinkedDataError.self) { _ = try Self.convert(broken, cache, fullConversions: &fullConversions) }
        #expect(throws: LinkedDataError.self) { _ = try Self.full.fullToRDF(.object(broken), base: nil) }
        // The credential named like its issuer: one node in RDF, converted in full.
        var merged = try Self.credential()
        merged["id"] = merged["issuer"]?["id"]
        let before = fullConversions
        #expect(try Self.convert(merged, cache, fullConversions: &fullConversions) == (try Self.full.fullToRDF(.object(merged), base: nil)))
        #expect(fullConversions == before + 1)
        // A string some context defines as a term never fills an IRI hole.
        let document = JSONValue.object(try Self.credential())
        let shape = DocumentShape(document)
        let dataset = try Self.full.fullToRDF(document, base: nil)
        let template = try #require(
            DatasetTemplate.learn(from: document, shape: shape, dataset: dataset, isTerm: { _ in false }) {
                (document) throws(LinkedDataError) in
                try Self.full.fullToRDF(document, base: nil)
            })
        #expect(template.fill(shape.freeStrings, isTerm: { _ in false }) == dataset)
        #expect(template.fill(shape.freeStrings, isTerm: { $0 == "http://example.com/credentials/3527" }) == nil)
    }

    @Test("learning one shape costs at most DatasetTemplate.maximumProbes conversions, however many strings must keep their value")
    func learningIsBounded() throws {
        let document = JSONValue.object(try Self.credential())
        let shape = DocumentShape(document)
        let dataset = try Self.full.fullToRDF(document, base: nil)
        var conversions = 0
        // As if every free string had to stay what it is: any marker makes the conversion fail.
        let template = DatasetTemplate.learn(from: document, shape: shape, dataset: dataset, isTerm: { _ in false }) {
            (probe) throws(LinkedDataError) in
            conversions += 1
            if probe.serialized().unicodeScalars.contains(DatasetTemplate.markerStart.unicodeScalars.first!) {
                throw LinkedDataError(code: .dataLoss, reason: "every string shapes this document")
            }
            return try Self.full.fullToRDF(probe, base: nil)
        }
        #expect(shape.freeStrings.count > 10)
        #expect(template == nil)
        #expect(conversions <= DatasetTemplate.maximumProbes)
    }

    @Test("shapes seen once are not learnt, and the templates are bounded")
    func bounded() throws {
        let cache = DatasetTemplateCache(capacity: 1)
        var fullConversions = 0
        for count in 1...20 {
            var document = try Self.credential()
            document["evidence"] = .array(Array(repeating: ["type": ["Evidence"], "name": "module"], count: count))
            _ = try Self.convert(document, cache, fullConversions: &fullConversions)
        }
        #expect(cache.templateCount == 0)
        for _ in 0..<2 { _ = try Self.convert(try Self.credential(), cache, fullConversions: &fullConversions) }
        #expect(cache.templateCount == 1)
        var other = try Self.credential()
        other["validUntil"] = "2030-01-01T00:00:00Z"
        for _ in 0..<3 {
            #expect(
                try Self.convert(other, cache, fullConversions: &fullConversions) == (try Self.full.fullToRDF(.object(other), base: nil)))
        }
        #expect(cache.templateCount == 1)
    }

    @Test(
        "the published credential vectors, converted three times through the shared templates, byte for byte",
        arguments: CredentialVector.all)
    func vectorsThrice(_ vector: CredentialVector) throws {
        let file = try Fixtures.json(vector.input)
        var document = file
        if let member = vector.member { document = try #require(file[member]) }
        if let contextFrom = vector.contextFrom, var object = document.objectValue {
            object["@context"] = try #require(file[contextFrom]?["@context"])
            document = .object(object)
        }
        if let dropping = vector.dropping, var object = document.objectValue {
            object[dropping] = nil
            document = .object(object)
        }
        let expected = try Fixtures.text(vector.expected)
        for _ in 0..<3 {
            #expect(try JSONLDProcessor().canonicalNQuads(document) == expected)
            #expect(try JSONLDProcessor().canonicalNQuadsUTF8(document) == Array(expected.utf8))
        }
    }
}
