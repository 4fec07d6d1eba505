/// Finds the DID document (or controller document) that holds a verification method.
///
/// Injected into the ``Verifier``: `did:key` resolves locally, `did:web` needs HTTPS (an adapter
/// outside this library), an auditor's trust file answers from disk.
public protocol DIDResolver: Sendable {
    /// The document of `did` (no fragment). Throws `notFound`-style errors when the resolver does
    /// not know it, and `resolverUnavailable` when it could not find out (network, timeouts).
    func resolve(_ did: String) async throws(CredentialError) -> DIDDocument
}

/// Resolves `did:key` DIDs locally and nothing else.
public struct DIDKeyResolver: DIDResolver {
    /// The resolver.
    public init() {}

    public func resolve(_ did: String) async throws(CredentialError) -> DIDDocument {
        guard did.hasPrefix("did:key:") else {
            throw CredentialError(
                .methodNotSupported, "\(did) cannot be resolved here: only did:key resolves without a network or a trust file")
        }
        return try DIDKey.resolve(did)
    }
}

/// Resolves from a fixed set of documents (a trust file), falling back to another resolver.
public struct StaticDIDResolver: DIDResolver {
    /// The documents, by id.
    public let documents: [String: DIDDocument]
    /// Asked when the id is not among `documents`.
    public let fallback: (any DIDResolver)?

    /// A resolver over these documents.
    public init(documents: [DIDDocument], fallback: (any DIDResolver)? = DIDKeyResolver()) {
        self.documents = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.fallback = fallback
    }

    public func resolve(_ did: String) async throws(CredentialError) -> DIDDocument {
        if let document = documents[did] { return document }
        guard let fallback else { throw CredentialError(.notFound, "\(did) is not in the trusted documents") }
        return try await fallback.resolve(did)
    }
}
