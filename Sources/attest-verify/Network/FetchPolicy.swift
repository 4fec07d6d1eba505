import Foundation

/// Which URLs the verifier may fetch: `https://` to public addresses, never a redirect to another host;
/// with `--allow-local` also this machine and private networks (`http://` only to this machine, for tests
/// and a local `attest serve`).
///
/// - Warning: This runs before any I/O, on the first URL and on every redirect target. A
///   credential names the URLs it is checked against, so it must not be able to make the verifier
///   read local files (`file:`), inline data (`data:`), or call services on this machine or its
///   network (loopback, private, link-local and unique-local addresses, by literal or by a name that
///   resolves to one), nor hop from one host to another by redirect.
enum FetchPolicy {
    /// The URL, if the verifier may fetch it; otherwise why not. No name is resolved here (see
    /// ``checkResolvedHost(of:allowLocal:)``).
    static func check(_ text: String, allowLocal: Bool, redirectedFrom origin: URL? = nil) throws(FetchError) -> URL {
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
        if let origin, authority(of: url) != authority(of: origin) {
            throw .refusedURL(text, "a redirect is followed only on the same host, port and scheme (\(authority(of: origin)))")
        }
        if !allowLocal {
            if let address = LocalAddressRange.literal(host), let range = LocalAddressRange.name(of: address) {
                throw .refusedURL(text, "\(host) is \(range); addresses on this machine or its network are fetched only with --allow-local")
            }
            if isLoopback(host: host) || host.lowercased().hasSuffix(".localhost") {
                throw .refusedURL(text, "\(host) is this machine; it is fetched only with --allow-local")
            }
        }
        if scheme == "http" && !isLoopback(host: host) {
            throw .refusedURL(
                text, "plain http:// is fetched only from this machine (127.0.0.1, ::1, localhost) with --allow-local; use https://")
        }
        if scheme == "http" && !allowLocal {
            throw .refusedURL(text, "plain http:// is fetched only from this machine, and only with --allow-local; use https://")
        }
        return url
    }

    /// Resolves the host of `url` and refuses it when any of its addresses is local or private
    /// (unless `allowLocal`), so that a public-looking name pointing at 127.0.0.1 is refused too.
    ///
    /// - Warning: URLSession resolves the name again when it connects, so a name whose DNS answer
    ///   changes between the two (DNS rebinding) could still lead there. Without `--allow-local` only
    ///   `https://` is fetched, and the TLS handshake then fails (a local service has no certificate
    ///   for the attacker's name), so no request reaches it; a rebound connection delivers at most a
    ///   TLS ClientHello.
    static func checkResolvedHost(of url: URL, allowLocal: Bool) throws(FetchError) {
        guard !allowLocal, let host = url.host, LocalAddressRange.literal(host) == nil else { return }
        let addresses: [[UInt8]]
        switch LocalAddressRange.resolve(host) {
        case .success(let resolved): addresses = resolved
        case .failure(let error): throw FetchError(error.code, "\(url.absoluteString) could not be fetched: \(error.reason)")
        }
        for address in addresses {
            if let range = LocalAddressRange.name(of: address) {
                throw .refusedURL(
                    url.absoluteString,
                    "\(host) resolves to \(LocalAddressRange.text(address)), \(range); addresses on this machine or its network "
                        + "are fetched only with --allow-local")
            }
        }
    }

    /// `scheme://host:port`, lower-cased, with the scheme's default port filled in.
    static func authority(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\((url.host ?? "").lowercased()):\(port)"
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
