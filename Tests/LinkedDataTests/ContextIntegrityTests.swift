import CanonicalJSON
import Foundation
import Testing

@testable import LinkedData

/// The pinned SHA-256 catches a context file that changed after it was bundled.
@Suite("Bundled context integrity")
struct ContextIntegrityTests {
    @Test("a file whose bytes differ from the pinned hash is refused, naming the URL")
    func tamperedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linked-data-integrity-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = #"{"@context": {"name": "https://schema.org/name"}}"#
        let tampered = #"{"@context": {"name": "https://evil.example/name"}}"#
        try Data(tampered.utf8).write(to: folder.appendingPathComponent("test.jsonld"))
        let entry = BundledContextManifest.Entry(
            url: "https://example.com/test/v1", file: "test.jsonld", sha256: HashAlgorithm.sha256.hexHash(original))
        let loader = BundledContexts(directory: folder, entries: [entry])
        let error = #expect(throws: LinkedDataError.self) { try loader.loadDocument("https://example.com/test/v1") }
        #expect(error?.code == .contextIntegrity)
        #expect(error?.reason.contains("https://example.com/test/v1") == true)

        try Data(original.utf8).write(to: folder.appendingPathComponent("test.jsonld"))
        let intact = BundledContexts(directory: folder, entries: [entry])
        #expect(try intact.loadDocument("https://example.com/test/v1").document["@context"]?["name"] == "https://schema.org/name")
    }

    @Test("every pinned hash is a full SHA-256 and every file is listed once")
    func manifestShape() {
        let entries = BundledContextManifest.entries
        #expect(entries.allSatisfy { $0.sha256.count == 64 && $0.sha256.allSatisfy(\.isHexDigit) })
        #expect(Set(entries.map(\.file)).count == entries.count)
        #expect(Set(entries.map(\.url)).count == entries.count)
    }
}
