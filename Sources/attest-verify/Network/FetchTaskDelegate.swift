import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Watches one data task: checks each redirect, stops reading past the size limit, and reports
/// the outcome exactly once, whichever comes first of completion, a refusal or the deadline.
///
/// URLSession calls a delegate on its own queue, so the state sits behind a lock.
final class FetchTaskDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    typealias Outcome = Result<(HTTPURLResponse, Data), FetchError>

    private let originalURL: String
    private let accept: String
    private let maximumBytes: Int
    private let allowLocal: Bool
    private let lock = NSLock()
    private var body = Data()
    private var redirects = 0
    private var failure: FetchError?
    private var finished = false
    private var continuation: CheckedContinuation<Outcome, Never>?
    private var task: URLSessionTask?

    init(originalURL: String, accept: String, maximumBytes: Int, allowLocal: Bool) {
        self.originalURL = originalURL
        self.accept = accept
        self.maximumBytes = maximumBytes
        self.allowLocal = allowLocal
    }

    /// Starts `task` and waits for its outcome.
    func run(_ task: URLSessionDataTask) async -> Outcome {
        await withCheckedContinuation { continuation in
            lock.withLock {
                self.continuation = continuation
                self.task = task
            }
            task.resume()
        }
    }

    /// Ends the fetch with `error` now (deadline, refusal); the task is cancelled.
    func fail(_ error: FetchError) {
        finish(.failure(error))
    }

    private func finish(_ outcome: Outcome) {
        let (continuation, task) = lock.withLock { () -> (CheckedContinuation<Outcome, Never>?, URLSessionTask?) in
            guard !finished else { return (nil, nil) }
            finished = true
            defer {
                self.continuation = nil
                self.task = nil
            }
            return (self.continuation, self.task)
        }
        if case .failure = outcome { task?.cancel() }
        continuation?.resume(returning: outcome)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // The Location header as sent, not only the request URLSession made of it: FoundationNetworking
        // turns `Location: file:///etc/passwd` into a request for /etc/passwd on the same host.
        let location = response.header("Location") ?? ""
        let target = URL(string: location, relativeTo: response.url)?.absoluteString ?? location
        let count = lock.withLock {
            redirects += 1
            return redirects
        }
        let refusal: FetchError?
        var next: URLRequest?
        if count > HTTPFetcher.maximumRedirects {
            refusal = FetchError("tooManyRedirects", "\(originalURL) redirected more than \(HTTPFetcher.maximumRedirects) times")
        } else {
            do {
                _ = try FetchPolicy.check(target, allowLocal: allowLocal, redirectedFrom: response.url)
                let url = try FetchPolicy.check(request.url?.absoluteString ?? "", allowLocal: allowLocal, redirectedFrom: response.url)
                next = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: request.timeoutInterval)
                next?.httpMethod = "GET"
                next?.setValue(accept, forHTTPHeaderField: "Accept")
                refusal = nil
            } catch {
                // Only where the redirect pointed (scheme and host), not its path or query: what a
                // probed service answers is not repeated.
                refusal = FetchError(
                    "refusedRedirect",
                    "\(originalURL) redirected to \(Self.origin(of: target)), which is not followed: "
                        + Self.withoutTarget(error.reason, target))
            }
        }
        // Answer URLSession before cancelling the task: FoundationNetworking traps if the task is
        // cancelled while it waits for this answer.
        completionHandler(next)
        if let refusal { fail(refusal) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        guard let http = response as? HTTPURLResponse else {
            fail(FetchError("network", "\(originalURL) did not answer with HTTP"))
            return completionHandler(.cancel)
        }
        guard http.statusCode == 200 else {
            let name = HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
            fail(FetchError("httpStatus", "\(originalURL) answered HTTP \(http.statusCode) \(name)"))
            return completionHandler(.cancel)
        }
        if http.expectedContentLength > Int64(maximumBytes) {
            fail(.tooLarge(originalURL, limit: maximumBytes))
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock {
            guard !finished else { return false }
            if body.count + data.count > maximumBytes { return true }
            body.append(data)
            return false
        }
        if tooLarge { fail(.tooLarge(originalURL, limit: maximumBytes)) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            let nsError = error as NSError
            let reason =
                nsError.code == NSURLErrorTimedOut
                ? FetchError.timeout(originalURL, seconds: task.originalRequest?.timeoutInterval ?? 0)
                : FetchError("network", "\(originalURL) could not be fetched: \(nsError.localizedDescription)")
            return fail(reason)
        }
        guard let response = task.response as? HTTPURLResponse else {
            return fail(FetchError("network", "\(originalURL) gave no HTTP response"))
        }
        let body = lock.withLock { self.body }
        finish(.success((response, body)))
    }

    /// `scheme://host` of a redirect target, or its scheme alone (`file:`) when it has no host.
    static func origin(of target: String) -> String {
        guard let components = URLComponents(string: target), let scheme = components.scheme else { return "an address that is not a URL" }
        guard let host = components.host, !host.isEmpty else { return "a \(scheme): URL" }
        return "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
    }

    /// A policy refusal's reason with the full target replaced by its origin.
    static func withoutTarget(_ reason: String, _ target: String) -> String {
        reason.replacingOccurrences(of: "refused to fetch \(target): ", with: "")
    }
}
