import Foundation

/// The address ranges the verifier does not fetch from unless `--allow-local`: this machine, private
/// networks, link-local, and everything else that is not a public unicast address.
///
/// - Warning: A credential names the URLs it is checked against. Without this check anyone could hand
///   a verifier a certificate whose status list lives at `http://127.0.0.1:6379/` or
///   `https://169.254.169.254/` and make it call services that trust their local network.
enum LocalAddressRange {
    /// The name of the non-public range `address` (4 or 16 bytes) falls in, or nil for a public address.
    static func name(of address: [UInt8]) -> String? {
        switch address.count {
        case 4: ipv4Range(address)
        case 16: ipv6Range(address)
        default: "an address of unknown form"
        }
    }

    private static func ipv4Range(_ a: [UInt8]) -> String? {
        switch (a[0], a[1], a[2]) {
        case (0, _, _): "\"this network\" (0.0.0.0/8)"
        case (10, _, _): "a private network (10.0.0.0/8)"
        case (100, 64...127, _): "shared address space (100.64.0.0/10)"
        case (127, _, _): "this machine (127.0.0.0/8, loopback)"
        case (169, 254, _): "link-local (169.254.0.0/16)"
        case (172, 16...31, _): "a private network (172.16.0.0/12)"
        case (192, 0, 0): "IETF protocol assignments (192.0.0.0/24)"
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): "documentation (TEST-NET)"
        case (192, 168, _): "a private network (192.168.0.0/16)"
        case (198, 18...19, _): "benchmarking (198.18.0.0/15)"
        case (224...239, _, _): "multicast (224.0.0.0/4)"
        case (240...255, _, _): "reserved or broadcast (240.0.0.0/4)"
        default: nil
        }
    }

    private static func ipv6Range(_ a: [UInt8]) -> String? {
        let zeros = { (range: Range<Int>) in a[range].allSatisfy { $0 == 0 } }
        if zeros(0..<15) && a[15] == 0 { return "the unspecified address (::)" }
        if zeros(0..<15) && a[15] == 1 { return "this machine (::1, loopback)" }
        // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d): judged by the IPv4 address.
        if zeros(0..<10) && a[10] == 0xFF && a[11] == 0xFF { return ipv4Range(Array(a[12..<16])) }
        if zeros(0..<12) { return ipv4Range(Array(a[12..<16])) ?? "an IPv4-compatible address (::/96)" }
        if a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B && zeros(4..<12) { return ipv4Range(Array(a[12..<16])) }
        // 6to4 (2002:a.b.c.d::/48) carries an IPv4 address in bytes 2-5.
        if a[0] == 0x20 && a[1] == 0x02, let inner = ipv4Range(Array(a[2..<6])) { return inner }
        if a[0] & 0xFE == 0xFC { return "a unique-local network (fc00::/7)" }
        if a[0] == 0xFE && a[1] & 0xC0 == 0x80 { return "link-local (fe80::/10)" }
        if a[0] == 0xFE && a[1] & 0xC0 == 0xC0 { return "site-local (fec0::/10)" }
        if a[0] == 0xFF { return "multicast (ff00::/8)" }
        if a[0] == 0x01 && a[1] == 0x00 && zeros(2..<8) { return "the discard prefix (100::/64)" }
        if a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8 { return "documentation (2001:db8::/32)" }
        return nil
    }

    /// The 4 or 16 bytes of `host` when it is an IP address literal in standard form (IPv6 with or
    /// without brackets); nil for a name (and for odd IPv4 spellings such as `127.1`, which are then
    /// resolved, and their addresses checked, like any name).
    static func literal(_ host: String) -> [UInt8]? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Every address `host` resolves to (the system resolver: /etc/hosts, then DNS), 4 or 16 bytes each.
    static func resolve(_ host: String) -> Result<[[UInt8]], FetchError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0 else {
            return .failure(FetchError("network", "the name \(host) could not be resolved (\(String(cString: gai_strerror(status))))"))
        }
        var addresses: [[UInt8]] = []
        var entry = list
        while let current = entry?.pointee {
            if current.ai_family == AF_INET, let socket = current.ai_addr {
                socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    addresses.append(withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) })
                }
            } else if current.ai_family == AF_INET6, let socket = current.ai_addr {
                socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    addresses.append(withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) })
                }
            }
            entry = current.ai_next
        }
        return addresses.isEmpty ? .failure(FetchError("network", "the name \(host) has no IP address")) : .success(addresses)
    }

    /// Text for an address, for messages.
    static func text(_ address: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = address.count == 4 ? AF_INET : AF_INET6
        let written = address.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        return written == nil ? "?" : String(cString: buffer)
    }
}
