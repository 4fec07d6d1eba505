import VerifiableCredentials

/// Where a `did:web` DID document lives (did:web method specification, "Read (Resolve)").
///
/// `did:web:example.com` → `https://example.com/.well-known/did.json`;
/// `did:web:example.com%3A8443:issuers:7` → `https://example.com:8443/issuers/7/did.json`.
enum DIDWebAddress {
    /// The HTTPS URL of the DID's document.
    ///
    /// - Warning: did:web is HTTPS only and names no IP addresses. The one exception is a loopback
    ///   host (`127.0.0.1`, `::1`, `localhost`), resolved over plain `http://` so that tests and a
    ///   local `attest serve` work without certificates; only this machine can answer there. With
    ///   `loopbackOverHTTPS` (`--ca-file`: certificates are set up) a loopback host is HTTPS too.
    static func url(for did: String, loopbackOverHTTPS: Bool = false) throws(CredentialError) -> String {
        guard did.hasPrefix("did:web:") else { throw CredentialError(.methodNotSupported, "\(did) is not a did:web DID") }
        let identifier = did.dropFirst("did:web:".count)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~%:")
        guard !identifier.isEmpty, identifier.allSatisfy({ allowed.contains($0) }) else {
            throw invalid(did, "the method-specific id may hold only letters, digits, . - _ ~ % and :")
        }
        let segments = identifier.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw invalid(did, "it has an empty, . or .. segment")
        }
        // Only the host may hold an encoded colon, before the port; path segments stay encoded.
        let authority = segments[0].replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":").lowercased()
        let hostAndPort = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard hostAndPort.count <= 2, !authority.contains("%") else {
            throw invalid(did, "the host must be a domain name with an optional %3A and port")
        }
        let host = String(hostAndPort[0])
        if hostAndPort.count == 2 {
            guard let port = Int(hostAndPort[1]), (1...65535).contains(port), hostAndPort[1].allSatisfy(\.isNumber) else {
                throw invalid(did, "the port is not a number from 1 to 65535")
            }
        }
        let loopback = FetchPolicy.isLoopback(host: host)
        guard loopback || isDomainName(host) else {
            throw invalid(did, "\(host) is not a domain name (did:web does not allow IP addresses)")
        }
        let path = segments.count == 1 ? "/.well-known" : "/" + segments.dropFirst().joined(separator: "/")
        return (loopback && !loopbackOverHTTPS ? "http://" : "https://") + authority + path + "/did.json"
    }

    /// Letters, digits and hyphens in dot-separated labels, with at least one letter in the last
    /// label (so `10.0.0.1` is not a domain name).
    private static func isDomainName(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 1, host.count <= 253 else { return false }
        let valid = labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        return valid && labels.last!.contains(where: \.isLetter)
    }

    private static func invalid(_ did: String, _ why: String) -> CredentialError {
        CredentialError(.invalidDid, "\(did) is not a valid did:web DID: \(why)")
    }
}
