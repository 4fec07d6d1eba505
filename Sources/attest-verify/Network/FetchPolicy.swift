import Foundation

/// Which URLs the verifier may fetch: `https://` anywhere, `http://` only to this machine.
///
/// - Warning: This runs before any I/O, on the first URL and on every redirect target. A
///   credential names the URLs it is checked against, so it must not be able to make the verifier
///   read local files (`file:`), inline data (`data:`) or anything but the web.
enum FetchPolicy {
    /// The URL, if the verifier may fetch it; otherwise why not. A redirect from a server on the
    /// web may not lead to plain `http://` on this machine: that would let any issuer's server
    /// make the verifier send requests to local services.
    static func check(_ text: String, redirectedFrom origin: URL? = nil) throws(FetchError) -> URL {
        // Characters that URL parsers disagree about are refused, so that the host checked here is
        // the host connected to.
        if text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            throw .refusedURL(text, "it contains spaces, control characters or backslashes")
        }
        guard let components = URLComponents(string: text), let url = components.url, let scheme = components.scheme?.lowercased() else {
            throw .refusedURL(text, "it is not an absolute URL")
        }
        guard scheme == "https" || scheme == "http" else {
            throw .refusedURL(text, "only https:// is fetched (\(scheme): is never followed)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .refusedURL(text, "it has no host")
        }
        guard components.user == nil, components.password == nil else {
            throw .refusedURL(text, "it carries a user name or password")
        }
        if scheme == "http" && !isLoopback(host: host) {
            throw .refusedURL(text, "plain http:// is fetched only from this machine (127.0.0.1, ::1, localhost); use https://")
        }
        if scheme == "http", let origin, !isLoopback(host: origin.host ?? "") {
            throw .refusedURL(text, "a server on the web may not redirect to plain http:// on this machine")
        }
        return url
    }

    /// Whether `host` is this machine: `localhost`, an IPv4 address in 127.0.0.0/8 written in plain
    /// decimal, or `::1`. Other spellings (octal, hex, `127.1`) are not recognised, so never trusted.
    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && Int(part)! <= 255
        }
    }
}
