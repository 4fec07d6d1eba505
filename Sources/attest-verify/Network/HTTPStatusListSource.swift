import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Status list credentials from the web, through the on-disk cache, after any saved with
/// `--status-list`.
///
/// Anything that goes wrong is `STATUS_RETRIEVAL_ERROR`, which the verifier reports as
/// indeterminate: a list that cannot be had never means "not revoked".
struct HTTPStatusListSource: StatusListSource {
    static let accept = "application/vc, application/vc+ld+json;q=0.9, application/ld+json;q=0.8, application/json;q=0.7"

    let fetcher: HTTPFetcher
    /// Nil with `--no-cache`.
    let cache: StatusListCache?
    /// Lists the user saved (`--status-list`): used instead of fetching their URLs.
    let saved: StaticStatusListSource?
    /// One fetch per list per run, even for a folder of certificates.
    private let memo = FetchMemo<JSONValue>()

    init(fetcher: HTTPFetcher, cache: StatusListCache?, saved: StaticStatusListSource?) {
        self.fetcher = fetcher
        self.cache = cache
        self.saved = saved
    }

    func statusListCredential(at url: String) async throws(CredentialError) -> JSONValue {
        if let list = saved?.credentials[url] { return list }
        return try await memo.value(for: url) { () async throws(CredentialError) in try await load(url) }
    }

    private func load(_ url: String) async throws(CredentialError) -> JSONValue {
        if let body = cache?.freshBody(for: url, now: Date()), let list = try? Self.parse(body, url: url) {
            return list
        }
        let fetched: FetchedDocument
        do {
            fetched = try await fetcher.get(url, accept: Self.accept, maximumBytes: HTTPFetcher.statusListLimit)
        } catch {
            throw CredentialError(.statusRetrievalError, "the status list could not be fetched: \(error.reason)")
        }
        let list = try Self.parse(fetched.body, url: url)
        if let cache {
            if fetched.cacheControl.mayStore, let lifetime = Self.lifetime(of: list, cacheControl: fetched.cacheControl) {
                cache.store(fetched.body, for: url, lifetime: lifetime, now: Date())
            } else {
                cache.remove(url)
            }
        }
        return list
    }

    /// The list credential in `body`, which must be the one published at `url`.
    static func parse(_ body: Data, url: String) throws(CredentialError) -> JSONValue {
        let list: JSONValue
        do {
            list = try JSONValue.parse(bytes: body)
        } catch {
            // What the server said instead is not repeated: the URL may be a service that was probed.
            throw CredentialError(
                .statusRetrievalError, "\(url) did not answer with a JSON status list (\(error.code) at byte \(error.offset ?? 0))")
        }
        // Another list of the same issuer (say, an old revocation list without the newest bits)
        // would verify; its id says it is not the list the credential points to.
        if let id = list["id"]?.stringValue, id != url {
            throw CredentialError(.statusRetrievalError, "\(url) answered with a different status list (its id is another URL)")
        }
        return list
    }

    /// Seconds a fetched list may be reused: its `ttl` (milliseconds) or the `max-age`, the
    /// shorter when both are given; nil when neither is.
    static func lifetime(of list: JSONValue, cacheControl: CacheControl) -> Double? {
        let ttl = list["credentialSubject"]?.asArray.first?["ttl"]?.numberValue.flatMap { $0 >= 0 && $0.isFinite ? $0 / 1000 : nil }
        switch (ttl, cacheControl.maxAge) {
        case (let ttl?, let maxAge?): return min(ttl, maxAge)
        case (let ttl?, nil): return ttl
        case (nil, let maxAge?): return maxAge
        case (nil, nil): return nil
        }
    }
}
