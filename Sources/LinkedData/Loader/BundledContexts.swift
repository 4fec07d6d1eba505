import CanonicalJSON
import Foundation

/// The document loader over the contexts bundled with this library (VC v1 and v2, status,
/// Data Integrity, Multikey, Ed25519Signature2020, DID v1, Open Badges 3.0.1–3.0.3 and more).
///
/// Each file's SHA-256 is checked against the hash pinned in code before it is parsed, once;
/// the parsed document is then cached for the life of the process. A URL that is not bundled is
/// an error naming it: the network is never used.
public final class BundledContexts: DocumentLoader {
    /// The process-wide instance; its processed contexts are cached by ``JSONLDProcessor``.
    public static let shared = BundledContexts()

    private let directory: URL?
    private let entries: [String: BundledContextManifest.Entry]
    private let cache = LockedDictionary<String, RemoteDocument>()

    private convenience init() {
        self.init(directory: Bundle.module.url(forResource: "Contexts", withExtension: nil), entries: BundledContextManifest.entries)
    }

    /// A loader over another folder and manifest; only for tests of the integrity check.
    init(directory: URL?, entries: [BundledContextManifest.Entry]) {
        self.directory = directory
        self.entries = Dictionary(uniqueKeysWithValues: entries.map { ($0.url, $0) })
    }

    /// The URLs of every bundled context.
    public var urls: [String] { BundledContextManifest.entries.map(\.url) }

    /// The bundled context for `url`, hash-checked and parsed on first use; `loading document
    /// failed` for a URL that is not bundled, `context integrity check failed` for a changed file.
    public func loadDocument(_ url: String) throws(LinkedDataError) -> RemoteDocument {
        if let cached = cache[url] { return cached }
        guard let entry = entries[url] else { throw LinkedDataError.documentNotAvailable(url) }
        guard let directory, let bytes = try? Data(contentsOf: directory.appendingPathComponent(entry.file)) else {
            throw LinkedDataError(code: .loadingDocumentFailed, reason: "the bundled file \(entry.file) for \(url) cannot be read")
        }
        let digest = Hex.encode(SHA2.sha256(bytes))
        guard digest == entry.sha256 else {
            throw LinkedDataError(
                code: .contextIntegrity,
                reason: "the bundled context \(url) has SHA-256 \(digest), expected \(entry.sha256)")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes: bytes)
        } catch {
            throw LinkedDataError(code: .loadingDocumentFailed, reason: "the bundled context \(url) is not valid JSON: \(error.reason)")
        }
        let remote = RemoteDocument(documentURL: url, document: document)
        cache.insert(remote, for: url)
        return remote
    }
}
