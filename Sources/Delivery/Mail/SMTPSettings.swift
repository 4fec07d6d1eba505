import Foundation

/// Where and how to submit mail, from `--smtp-url` / `ATTEST_SMTP_URL`.
///
/// - `smtps://user:password@host:465` — implicit TLS.
/// - `smtp://user:password@host:587?starttls` — STARTTLS required (`CURLUSESSL_ALL`): the
///   connection fails rather than continue in clear text.
/// - `smtp://host:25` — STARTTLS when the server offers it (`CURLUSESSL_TRY`).
/// - `?ca-file=/path/ca.pem` — trust the CA certificates in that PEM file (instead of the system's)
///   for the server's certificate: a private CA, or a test.
/// - `?allow-plaintext-auth` — with plain `smtp://` and a user name: send AUTH even when the server
///   offers no STARTTLS.
///
/// - Warning: Plain `smtp://` with a user name is refused — on every host, loopback included — unless
///   `?allow-plaintext-auth` says so, because a server that does not offer STARTTLS would receive
///   the password in clear text. Use `smtps://` or add `?starttls`.
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
    /// A PEM file of CA certificates to verify the server with, instead of the system's (`?ca-file=`).
    public var caFile: String?
    /// Whether AUTH may go over a connection that did not become TLS (`?allow-plaintext-auth`).
    public var allowsPlaintextAuth: Bool

    /// Parses an SMTP URL.
    /// - Throws: ``DeliveryError`` `invalidConfiguration`.
    public init(url: String, connectTimeout: Int = 10, timeout: Int = 60) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["smtp", "smtps"].contains(scheme),
            let host = components.host, !host.isEmpty
        else {
            throw DeliveryError(
                .invalidConfiguration, "the SMTP URL must look like smtp[s]://[user:password@]host[:port]", isTransient: false)
        }
        let query = components.queryItems ?? []
        func flag(_ name: String) -> Bool { query.contains { $0.name.lowercased() == name && $0.value != "false" } }
        for item in query where !["starttls", "ca-file", "allow-plaintext-auth"].contains(item.name.lowercased()) {
            throw DeliveryError(
                .invalidConfiguration, "unknown SMTP URL option \(item.name) (known: starttls, ca-file, allow-plaintext-auth)",
                isTransient: false)
        }
        security = scheme == "smtps" ? .implicitTLS : flag("starttls") ? .requireStartTLS : .opportunisticStartTLS
        user = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        caFile = query.first { $0.name.lowercased() == "ca-file" }?.value
        if let caFile, caFile.isEmpty || !FileManager.default.isReadableFile(atPath: caFile) {
            throw DeliveryError(.invalidConfiguration, "the SMTP ca-file \(caFile) cannot be read", isTransient: false)
        }
        allowsPlaintextAuth = flag("allow-plaintext-auth")
        if security == .opportunisticStartTLS, user != nil, !allowsPlaintextAuth {
            throw DeliveryError(
                .invalidConfiguration,
                "refusing to send SMTP credentials to \(host) over a connection that may not be encrypted; use smtps://, add ?starttls, or (only for a server you trust on this network) ?allow-plaintext-auth",
                isTransient: false)
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        serverURL = "\(scheme)://\(hostPart)" + (components.port.map { ":\($0)" } ?? "")
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
