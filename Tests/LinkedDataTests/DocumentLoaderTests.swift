import CanonicalJSON
import LinkedData
import Testing

@Suite("Bundled contexts and document loaders")
struct DocumentLoaderTests {
    @Test("every bundled context loads, passes its SHA-256 check and has a @context", arguments: BundledContexts.shared.urls)
    func bundledContextLoads(_ url: String) throws {
        let document = try BundledContexts.shared.loadDocument(url)
        #expect(document.documentURL == url)
        #expect(document.document["@context"] != nil)
    }

    @Test("the bundle holds the contexts credentials need")
    func expectedURLs() {
        let urls = Set(BundledContexts.shared.urls)
        for url in [
            "https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://w3id.org/security/data-integrity/v2",
            "https://w3id.org/security/suites/ed25519-2020/v1", "https://www.w3.org/ns/did/v1",
        ] {
            #expect(urls.contains(url), "\(url) is not bundled")
        }
        #expect(urls.count == 16)
    }

    @Test("a context that is not bundled is an error naming its URL")
    func unknownContext() {
        let document: JSONValue = ["@context": "https://example.com/not-bundled/v1", "@id": "urn:x", "https://e/p": "v"]
        let error = #expect(throws: LinkedDataError.self) { try JSONLDProcessor().toRDF(document, base: nil) }
        #expect(error?.code == .loadingRemoteContextFailed)
        #expect(error?.reason.contains("https://example.com/not-bundled/v1") == true)
    }

    @Test("a static loader adds a caller's own context and falls back to the bundle")
    func staticLoader() throws {
        let loader = StaticDocumentLoader(documents: [
            "https://example.com/own/v1": ["@context": ["nickname": "https://example.com/vocab#nickname"]]
        ])
        let document: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://example.com/own/v1"],
            "id": "urn:uuid:1", "nickname": "Sam",
        ]
        let nquads = try JSONLDProcessor(documentLoader: loader).toRDF(document, base: nil).nquads
        #expect(nquads == "<urn:uuid:1> <https://example.com/vocab#nickname> \"Sam\" .\n")
    }

    @Test("a static loader without fallback refuses everything else")
    func staticLoaderWithoutFallback() {
        let loader = StaticDocumentLoader(documents: [:], fallback: nil)
        let error = #expect(throws: LinkedDataError.self) { try loader.loadDocument("https://www.w3.org/ns/credentials/v2") }
        #expect(error?.code == .loadingDocumentFailed)
    }
}
