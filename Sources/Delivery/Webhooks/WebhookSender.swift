internal import CCurl
import Foundation
import IssuerCore

/// POSTs signed JSON events to webhook endpoints through libcurl. No redirects are followed (a
/// redirect would re-send a signed body somewhere else); only http and https.
///
/// 2xx is delivered. 408, 429, 5xx and no answer are transient; every other status is permanent.
public struct WebhookSender: Sendable {
    /// Seconds allowed to connect.
    public var connectTimeout: Int
    /// Seconds allowed for the whole request.
    public var timeout: Int
    /// The threads the blocking POST runs on (tests give a pool of their own).
    var pool = CurlThreadPool.shared

    /// A sender with these timeouts.
    public init(connectTimeout: Int = 5, timeout: Int = 15) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends `body` to `endpoint`, signed at `timestamp`; returns the HTTP status on success.
    @discardableResult
    public func send(body: [UInt8], eventID: String, to endpoint: WebhookEndpoint, timestamp: Int) async throws -> Int {
        guard let url = URL(string: endpoint.url), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw DeliveryError(.invalidEndpoint, "the webhook URL \(endpoint.url) is not http(s)", isTransient: false)
        }
        let secrets = endpoint.signingSecrets(at: Date(timeIntervalSince1970: TimeInterval(timestamp)))
        let header = AttestSignature.header(secrets: secrets, timestamp: timestamp, body: body)
        let (connectTimeout, timeout) = (connectTimeout, timeout)
        // libcurl blocks: the POST runs on the bounded curl threads, not the concurrency pool.
        return try await pool.run {
            try Self.post(body, eventID: eventID, signature: header, to: endpoint, connectTimeout: connectTimeout, timeout: timeout)
        }
    }

    /// The blocking part of ``send(body:eventID:to:timestamp:)``: one libcurl POST.
    private static func post(
        _ body: [UInt8], eventID: String, signature: String, to endpoint: WebhookEndpoint, connectTimeout: Int, timeout: Int
    ) throws -> Int {
        let transfer = try CurlTransfer()
        try transfer.set(CURLOPT_URL, endpoint.url)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try transfer.set(CURLOPT_POST, 1)
        try transfer.set(CURLOPT_POSTFIELDSIZE, body.count)
        try transfer.set(CURLOPT_COPYPOSTFIELDS, String(decoding: body, as: UTF8.self))
        try transfer.set(
            CURLOPT_HTTPHEADER,
            list: [
                "Content-Type: application/json", "User-Agent: Attest-Webhooks/1", "Expect:", "X-Attest-Event-Id: \(eventID)",
                "\(AttestSignature.headerName): \(signature)",
            ])
        try transfer.set(CURLOPT_CONNECTTIMEOUT, connectTimeout)
        try transfer.set(CURLOPT_TIMEOUT, timeout)
        try transfer.captureResponse()
        let outcome = transfer.perform()
        guard outcome.result == CURLE_OK else {
            throw DeliveryError(
                CurlTransfer.code(for: outcome.result), "could not POST to \(endpoint.url): \(outcome.message)",
                isTransient: CurlTransfer.isTransient(outcome.result))
        }
        let status = outcome.responseCode
        if (200...299).contains(status) { return status }
        let reply = String(decoding: transfer.received.prefix(300), as: UTF8.self)
        let transient = status == 408 || status == 429 || status >= 500
        throw DeliveryError(
            transient ? .httpDeferred : .httpRejected, "\(endpoint.url) answered \(status): \(reply)", isTransient: transient,
            responseCode: status)
    }
}
