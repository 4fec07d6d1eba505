import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// `--ca-file`: GET over TLS that trusts only the CA certificates in one PEM file.
///
/// On Linux, URLSession (FoundationNetworking) takes its trust store from libcurl's built-in
/// default and offers no way to change it, so with a CA file the verifier fetches through
/// AsyncHTTPClient (SwiftNIO, BoringSSL) instead, with the same limits: the URL policy on every
/// hop, at most ``HTTPFetcher/maximumRedirects`` redirects followed by hand, one total deadline,
/// a body size limit. Certificates are fully verified (chain to the CA file, validity period, host
/// name); a failure is a `tls` ``FetchError`` that says so.
extension HTTPFetcher {
    func get(trusting caFile: String, _ url: String, checked: URL, accept: String, maximumBytes: Int) async throws(FetchError)
        -> FetchedDocument
    {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(caFile)
        tls.certificateVerification = .fullVerification
        let seconds = TimeAmount.milliseconds(Int64(timeout * 1000))
        // One attempt, like URLSession: a refused connection or a failed handshake is an answer, not
        // something to retry until the deadline.
        var pool = HTTPClient.Configuration.ConnectionPool()
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: .init(connect: seconds, read: seconds), connectionPool: pool,
            proxy: nil, ignoreUncleanSSLShutdown: false, decompression: .disabled)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let timeout = timeout
        // One deadline for everything, body included: a server trickling bytes is cut off, as in URLSession's path.
        let outcome = await withTaskGroup(of: Result<FetchedDocument, FetchError>?.self) { group in
            group.addTask {
                do throws(FetchError) {
                    return .success(try await follow(client, url, checked: checked, accept: accept, maximumBytes: maximumBytes))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeout))
                return Task.isCancelled ? nil : .failure(.timeout(url, seconds: timeout))
            }
            var first: Result<FetchedDocument, FetchError>?
            while let next = await group.next() {
                if first == nil, let next {
                    first = next
                    group.cancelAll()
                }
            }
            return first ?? .failure(.timeout(url, seconds: timeout))
        }
        try? await client.shutdown()
        return try outcome.get()
    }

    private func follow(_ client: HTTPClient, _ url: String, checked: URL, accept: String, maximumBytes: Int) async throws(FetchError)
        -> FetchedDocument
    {
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeout * 1000))
        var current = checked
        for _ in 0...Self.maximumRedirects {
            var request = HTTPClientRequest(url: current.absoluteString)
            request.headers.add(name: "Accept", value: accept)
            request.headers.add(name: "User-Agent", value: "attest-verify")
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, deadline: deadline)
            } catch {
                throw Self.failure(error, url: url, timeout: timeout)
            }
            if (300..<400).contains(response.status.code), let location = response.headers.first(name: "Location") {
                let target = URL(string: location, relativeTo: current)?.absoluteString ?? location
                do {
                    current = try FetchPolicy.check(target, allowLocal: allowLocal, redirectedFrom: current)
                    try FetchPolicy.checkResolvedHost(of: current, allowLocal: allowLocal)
                } catch {
                    throw FetchError("refusedRedirect", "\(url) redirected to a URL that is not followed: \(error.reason)")
                }
                continue
            }
            guard response.status.code == 200 else {
                throw FetchError("httpStatus", "\(url) answered HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: maximumBytes)
            } catch is NIOTooManyBytesError {
                throw .tooLarge(url, limit: maximumBytes)
            } catch {
                throw Self.failure(error, url: url, timeout: timeout)
            }
            return FetchedDocument(
                url: current, body: Data(body.readableBytesView), contentType: response.headers.first(name: "Content-Type"),
                cacheControl: CacheControl(
                    cacheControl: response.headers.first(name: "Cache-Control"), age: response.headers.first(name: "Age")))
        }
        throw FetchError("tooManyRedirects", "\(url) redirected more than \(Self.maximumRedirects) times")
    }

    /// A transport error as a ``FetchError``: TLS failures say TLS and why (untrusted, expired, wrong host).
    private static func failure(_ error: any Error, url: String, timeout: Double) -> FetchError {
        if let client = error as? HTTPClientError, client == .deadlineExceeded || client == .readTimeout || client == .connectTimeout {
            return .timeout(url, seconds: timeout)
        }
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return FetchError("tls", "\(url) could not be fetched: TLS failed: the server's certificate is not for this host name")
        }
        if error is NIOSSLError || error is NIOSSLExtraError {
            // BoringSSL names the failure but not the certificate's fault; say what it can be.
            let why =
                "\(error)".contains("CERTIFICATE_VERIFY_FAILED")
                ? "the server's certificate was refused (expired or not yet valid, or not issued by a CA in the --ca-file)"
                : "the TLS handshake failed (\(String(describing: error).prefix(160)))"
            return FetchError("tls", "\(url) could not be fetched: TLS failed: \(why)")
        }
        return FetchError("network", "\(url) could not be fetched: \(error)")
    }
}
