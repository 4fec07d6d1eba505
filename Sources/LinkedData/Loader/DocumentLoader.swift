import CanonicalJSON

/// Supplies the JSON documents that JSON-LD contexts refer to by URL.
///
/// This library never touches the network: the default, ``BundledContexts``, serves only the
/// contexts shipped with it. Implement this protocol to serve more (test suites, a deployment's
/// own contexts), or wrap ``StaticDocumentLoader`` around your documents.
public protocol DocumentLoader: Sendable {
    /// The document at `url` (an absolute IRI), or a ``LinkedDataError`` with code
    /// `loading document failed` naming the URL.
    func loadDocument(_ url: String) throws(LinkedDataError) -> RemoteDocument
}

/// A loaded JSON document and the URL it was found at.
public struct RemoteDocument: Sendable {
    /// The final URL of the document (after any redirect the loader applied).
    public let documentURL: String
    /// The parsed document.
    public let document: JSONValue

    /// A document found at `documentURL`.
    public init(documentURL: String, document: JSONValue) {
        self.documentURL = documentURL
        self.document = document
    }
}

/// A loader over a fixed map of URL → document, falling back to another loader (by default
/// the bundled contexts) for URLs it does not hold.
public struct StaticDocumentLoader: DocumentLoader {
    /// The documents this loader holds, by URL.
    public let documents: [String: JSONValue]
    /// Where URLs not in `documents` are looked up; `nil` to refuse them.
    public let fallback: (any DocumentLoader)?

    /// A loader serving `documents`, then `fallback`.
    public init(documents: [String: JSONValue], fallback: (any DocumentLoader)? = BundledContexts.shared) {
        self.documents = documents
        self.fallback = fallback
    }

    /// The document held for `url`, else the fallback's answer, else `loading document failed`.
    public func loadDocument(_ url: String) throws(LinkedDataError) -> RemoteDocument {
        if let document = documents[url] { return RemoteDocument(documentURL: url, document: document) }
        if let fallback { return try fallback.loadDocument(url) }
        throw LinkedDataError.documentNotAvailable(url)
    }
}

extension LinkedDataError {
    /// The error for a URL no loader can serve; names the URL so the caller can bundle it.
    public static func documentNotAvailable(_ url: String) -> LinkedDataError {
        LinkedDataError(
            code: .loadingDocumentFailed,
            reason: "the context \(url) is not bundled, and this library never fetches documents from the network")
    }
}
