import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Resolves `did:key` locally and `did:web` over HTTPS; put it behind a `StaticDIDResolver` so
/// that documents the user trusts (`--trust`) win over what the network says.
///
/// A document that could not be fetched is `resolverUnavailable` (the verifier reports
/// indeterminate); a fetched document that is not the DID's own is `invalidDidDocument`.
struct HTTPDIDResolver: DIDResolver {
    let fetcher: HTTPFetcher
    /// One fetch per DID per run, even for a folder of certificates from one issuer.
    private let memo = FetchMemo<DIDDocument>()

    init(fetcher: HTTPFetcher) {
        self.fetcher = fetcher
    }

    func resolve(_ did: String) async throws(CredentialError) -> DIDDocument {
        if did.hasPrefix("did:key:") { return try await DIDKeyResolver().resolve(did) }
        guard did.hasPrefix("did:web:") else {
            throw CredentialError(
                .methodNotSupported,
                "\(did) cannot be resolved: only did:key and did:web are supported (or pass its document with --trust)")
        }
        return try await memo.value(for: did) { () async throws(CredentialError) in try await fetch(did) }
    }

    private func fetch(_ did: String) async throws(CredentialError) -> DIDDocument {
        let url = try DIDWebAddress.url(for: did, loopbackOverHTTPS: fetcher.caFile != nil)
        let fetched: FetchedDocument
        do {
            fetched = try await fetcher.get(
                url, accept: "application/did+json, application/json;q=0.9", maximumBytes: HTTPFetcher.documentLimit)
        } catch {
            throw CredentialError(.resolverUnavailable, "the DID document of \(did) could not be fetched: \(error.reason)")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes: fetched.body)
        } catch {
            // An HTML error page or a captive portal: nothing was learnt about the DID. What it said is not repeated.
            throw CredentialError(.resolverUnavailable, "\(url) did not answer with JSON (\(error.code) at byte \(error.offset ?? 0))")
        }
        let document: DIDDocument
        do {
            document = try DIDDocument(json: json)
        } catch {
            throw CredentialError(.invalidDidDocument, "\(url) is not a DID document: \(error.reason)")
        }
        guard document.id == did else {
            throw CredentialError(.invalidDidDocument, "\(url) holds the document of another DID, not of \(did)")
        }
        return document
    }
}

/// Remembers each key's outcome, success or failure, for the rest of the run. A key asked for
/// again while its first fetch is still running waits for that fetch (the actor is reentrant
/// across the `await`, so without this two files verified at once fetched the same document twice).
actor FetchMemo<Value: Sendable> {
    private var outcomes: [String: Task<Result<Value, CredentialError>, Never>] = [:]

    func value(for key: String, _ produce: @escaping @Sendable () async throws(CredentialError) -> Value) async throws(CredentialError)
        -> Value
    {
        if let known = outcomes[key] { return try await known.value.get() }
        let fetch = Task { () async -> Result<Value, CredentialError> in
            do throws(CredentialError) {
                return .success(try await produce())
            } catch {
                return .failure(error)
            }
        }
        outcomes[key] = fetch
        return try await fetch.value.get()
    }
}
