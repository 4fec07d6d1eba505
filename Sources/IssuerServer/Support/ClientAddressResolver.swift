import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

/// Which request header a trusted proxy writes the client's address into.
public enum ForwardedHeader: String, Sendable, CaseIterable {
    /// `X-Forwarded-For: client, proxy1` (nginx, HAProxy, Caddy, Traefik, most load balancers).
    case xForwardedFor = "x-forwarded-for"
    /// RFC 7239 `Forwarded: for=client, for="[2001:db8::1]:4711"`.
    case forwarded
}

/// Who the client is, for rate limits: the TCP peer, unless the peer is one of the configured
/// trusted proxies — then the forwarding header, read right to left past every trusted hop. Only
/// the configured header is read, so a client cannot add the other one to choose its address.
///
/// - Warning: list only proxies that overwrite or append to the header; a client that reaches the
///   server directly from a trusted range could name any address it likes.
public struct ClientAddressResolver: Sendable {
    /// Peers whose forwarding header is believed.
    public let trustedProxies: [IPAddressRange]
    /// The header those proxies write.
    public let header: ForwardedHeader

    /// A resolver; with no trusted proxies every request is its TCP peer.
    public init(trustedProxies: [IPAddressRange] = [], header: ForwardedHeader = .xForwardedFor) {
        self.trustedProxies = trustedProxies
        self.header = header
    }

    /// The client address for a request from `peer` with `headers`. A header that is missing,
    /// malformed, or names `unknown` or an obfuscated node where the walk needs an address
    /// leaves the peer as the client.
    public func clientAddress(peer: String, headers: HTTPFields) -> String {
        guard let peerAddress = IPAddress(peer), isTrusted(peerAddress) else { return peer }
        let values = headers[values: fieldName]
        guard !values.isEmpty, let hops = hops(in: values.joined(separator: ",")) else { return peer }
        var client = peerAddress
        for hop in hops.reversed() {
            guard let hop else { return peer }
            client = hop
            if !isTrusted(hop) { break }
        }
        return client.description
    }

    func isTrusted(_ address: IPAddress) -> Bool { trustedProxies.contains { $0.contains(address) } }

    private var fieldName: HTTPField.Name {
        switch header {
        case .xForwardedFor: HTTPField.Name("X-Forwarded-For")!
        case .forwarded: HTTPField.Name("Forwarded")!
        }
    }

    /// The hop addresses, left (farthest) to right (nearest); `nil` for a hop that names no
    /// address; `nil` overall when the header cannot be split.
    func hops(in value: String) -> [IPAddress?]? {
        guard let elements = Self.split(value, on: ",") else { return nil }
        switch header {
        case .xForwardedFor:
            return elements.map { Self.node($0.trimmingCharacters(in: .whitespaces)) }
        case .forwarded:
            return elements.map { element in
                guard let pairs = Self.split(element, on: ";") else { return nil }
                let forValues = pairs.compactMap { pair -> String? in
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" else { return nil }
                    var value = parts[1].trimmingCharacters(in: .whitespaces)
                    if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                    return value
                }
                guard forValues.count == 1 else { return nil }
                return Self.node(forValues[0])
            }
        }
    }

    /// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]` or `[2001:db8::1]:4711`.
    static func node(_ text: String) -> IPAddress? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return IPAddress(text[text.index(after: text.startIndex)..<close])
        }
        if let address = IPAddress(text) { return address }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].allSatisfy(\.isNumber), let address = IPAddress(parts[0]), address.isIPv4 else { return nil }
        return address
    }

    /// `value` split on `separator` outside double quotes; nil when a quote is left open.
    static func split(_ value: some StringProtocol, on separator: Character) -> [String]? {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == separator && !quoted {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        guard !quoted else { return nil }
        pieces.append(current)
        return pieces
    }
}

/// Replaces the TCP peer in ``IssuerRequestContext/clientAddress`` with the client a trusted
/// proxy names, before any route or limit reads it.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = IssuerRequestContext
    let resolver: ClientAddressResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if !resolver.trustedProxies.isEmpty {
            context.clientAddress = resolver.clientAddress(peer: context.clientAddress, headers: request.headers)
        }
        return try await next(request, context)
    }
}
