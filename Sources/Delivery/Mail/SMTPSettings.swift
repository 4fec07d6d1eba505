import Foundation

/// Where and how to submit mail, from `--smtp-url` / `ATTEST_SMTP_URL`.
///
/// - `smtps://user:password@host:465` — implicit TLS.
/// - `smtp://user:password@host:587?starttls` — STARTTLS required (`CURLUSESSL_ALL`): the
///   connection fails rather than continue in clear text.
/// - `smtp://host:25` — STARTTLS when the server offers it (`CURLUSESSL_TRY`).
///
/// - Warning: Plain `smtp://` with a user name is refused unless the host is loopback, because a
///   server that does not offer STARTTLS would receive the password in clear text. Add `?starttls`.
public struct SMTPSettings: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable {
        case implicitTLS, requireStartTLS, opportunisticStartTLS
    }

    /// `smtp://host:port` or `smtps://host:port`, without credentials or query.
    public var serverURL: String
    /// How the connection is protected.
    public var security: Security
    /// The AUTH user name, percent-decoded from the URL.
    public var user: String?
    /// The AUTH password, percent-decoded from the URL.
    public var password: String?
    /// Seconds allowed to connect.
    public var connectTimeout: Int
    /// Seconds allowed for the whole submission.
    public var timeout: Int

    /// Parses an SMTP URL.
    /// - Throws: ``DeliveryError`` `invalidConfiguration`.
    public init(url: String, connectTimeout: Int = 10, timeout: Int = 60) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["smtp", "smtps"].contains(scheme),
            let host = components.host, !host.isEmpty
        else {
            throw DeliveryError(
                "invalidConfiguration", "the SMTP URL must look like smtp[s]://[user:password@]host[:port]", isTransient: false)
        }
        let wantsStartTLS = components.queryItems?.contains { $0.name.lowercased() == "starttls" && $0.value != "false" } ?? false
        security = scheme == "smtps" ? .implicitTLS : wantsStartTLS ? .requireStartTLS : .opportunisticStartTLS
        user = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host.lowercased())
        if security == .opportunisticStartTLS, user != nil, !loopback {
            throw DeliveryError(
                "invalidConfiguration", "refusing to send SMTP credentials to \(host) without TLS; use smtps:// or add ?starttls",
                isTransient: false)
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        serverURL = "\(scheme)://\(hostPart)" + (components.port.map { ":\($0)" } ?? "")
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
