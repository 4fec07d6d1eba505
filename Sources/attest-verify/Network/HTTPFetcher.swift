import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A document fetched over HTTP(S), with what its response said about caching it.
struct FetchedDocument: Sendable {
    /// Where the body finally came from, after redirects.
    let url: URL
    let body: Data
    let contentType: String?
    let cacheControl: CacheControl
}

/// GET requests with the verifier's limits: `https://` to public addresses only (this machine and
/// private networks with ``allowLocal``, plain `http://` then to this machine), at most
/// ``maximumRedirects`` redirects each checked like the first URL and never to another host, a total
/// time limit and a body size limit past which nothing more is read.
///
/// - Warning: The limits are the defence against a hostile issuer or status list host: a server
///   that never stops sending, never answers, or redirects to `file:` must make verification
///   indeterminate, not hang the verifier, fill its memory or read local files.
struct HTTPFetcher: Sendable {
    /// Redirects followed before giving up.
    static let maximumRedirects = 3
    /// The default for ``timeout``.
    static let defaultTimeout: Double = 10
    /// Credentials and DID documents: far larger than any real one.
    static let documentLimit = 2 << 20
    /// Status lists: a 16 KiB compressed list is typical; this allows very large multi-bit lists.
    static let statusListLimit = 16 << 20

    /// Seconds one fetch may take in total, from connecting to the last byte.
    var timeout: Double = defaultTimeout
    /// `--allow-local`: also fetch from this machine and private networks (tests, a local `attest serve`).
    var allowLocal = false
    /// `--ca-file`: trust only these CA certificates (PEM); fetched through ``get(trusting:_:checked:accept:maximumBytes:)``.
    var caFile: String? = nil

    /// Fetches `url` with `Accept: accept`, reading at most `maximumBytes` of body.
    func get(_ url: String, accept: String, maximumBytes: Int) async throws(FetchError) -> FetchedDocument {
        let checked = try FetchPolicy.check(url, allowLocal: allowLocal)
        try FetchPolicy.checkResolvedHost(of: checked, allowLocal: allowLocal)
        if let caFile { return try await get(trusting: caFile, url, checked: checked, accept: accept, maximumBytes: maximumBytes) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = ["User-Agent": "attest-verify"]

        let delegate = FetchTaskDelegate(originalURL: url, accept: accept, maximumBytes: maximumBytes, allowLocal: allowLocal)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        var request = URLRequest(url: checked, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "GET"
        request.setValue(accept, forHTTPHeaderField: "Accept")
        let task = session.dataTask(with: request)

        let timeout = timeout
        let result = await withTaskGroup(of: FetchTaskDelegate.Outcome?.self) { group in
            group.addTask { await delegate.run(task) }
            group.addTask {
                // Our own deadline: URLSession's timeouts are per-read on some platforms, and a
                // server trickling one byte a second must not hold the verifier for ever.
                try? await Task.sleep(for: .seconds(timeout))
                if !Task.isCancelled { delegate.fail(.timeout(url, seconds: timeout)) }
                return nil
            }
            var outcome: FetchTaskDelegate.Outcome?
            while let next = await group.next() {
                if let next {
                    outcome = next
                    group.cancelAll()
                }
            }
            return outcome!
        }
        let (response, body) = try result.get()
        let finalURL = response.url ?? checked
        _ = try FetchPolicy.check(finalURL.absoluteString, allowLocal: allowLocal, redirectedFrom: checked)
        return FetchedDocument(
            url: finalURL, body: body, contentType: response.header("Content-Type"),
            cacheControl: CacheControl(cacheControl: response.header("Cache-Control"), age: response.header("Age")))
    }
}

extension HTTPURLResponse {
    /// A header's value, looked up without regard to case.
    func header(_ name: String) -> String? {
        for (key, value) in allHeaderFields {
            if let key = key as? String, key.caseInsensitiveCompare(name) == .orderedSame { return value as? String }
        }
        return nil
    }
}

/// What a response's `Cache-Control` (and `Age`) allow a private cache to do.
struct CacheControl: Sendable, Equatable {
    /// Seconds the response stays fresh, when the server said (`no-cache` gives 0).
    var maxAge: Double?
    /// False for `no-store`: the response must not be written to disk.
    var mayStore: Bool = true

    init(maxAge: Double? = nil, mayStore: Bool = true) {
        self.maxAge = maxAge
        self.mayStore = mayStore
    }

    /// Reads `Cache-Control` directives; `Age` (seconds the response already spent in caches) is
    /// subtracted from `max-age`.
    init(cacheControl: String?, age: String?) {
        for directive in (cacheControl ?? "").split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            switch parts[0] {
            case "no-store": mayStore = false
            case "no-cache": maxAge = 0
            case "max-age" where parts.count == 2:
                if let seconds = Double(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))), seconds >= 0, maxAge != 0 {
                    maxAge = seconds
                }
            default: break
            }
        }
        if let maxAge, let age = age.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), age > 0 {
            self.maxAge = max(0, maxAge - age)
        }
    }
}
