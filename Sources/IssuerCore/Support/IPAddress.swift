import Foundation

/// An IPv4 or IPv6 address as its bytes (4 or 16), parsed without the C library. IPv4-mapped
/// IPv6 addresses (`::ffff:192.0.2.1`, what a dual-stack socket reports) become IPv4.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    public let bytes: [UInt8]

    /// Parses dotted IPv4 (`192.0.2.1`) or IPv6 (`2001:db8::1`, `::ffff:192.0.2.1`; a `%zone` is dropped).
    public init?(_ text: some StringProtocol) {
        let text = String(text)
        if let v4 = Self.parseIPv4(text) {
            bytes = v4
            return
        }
        let withoutZone = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let v6 = Self.parseIPv6(String(withoutZone)) else { return nil }
        bytes = v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF ? Array(v6[12...]) : v6
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool { bytes.count == 4 }

    /// Dotted decimal for IPv4; eight full hexadecimal groups for IPv6 (one spelling per address).
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    private static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            // A leading zero is refused: some parsers read `010` as octal 8, so it has no one meaning.
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                part.count == 1 || part.first != "0",
                let value = UInt8(part)
            else { return nil }
            result.append(value)
        }
        return result
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ half: String, allowIPv4Tail: Bool) -> [UInt8]? {
            guard !half.isEmpty else { return [] }
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            var result: [UInt8] = []
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, allowIPv4Tail, piece.contains("."), let v4 = parseIPv4(String(piece)) {
                    result += v4
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), let value = UInt16(piece, radix: 16) else {
                        return nil
                    }
                    result += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return result
        }
        if halves.count == 1 {
            guard let all = groups(halves[0], allowIPv4Tail: true), all.count == 16 else { return nil }
            return all
        }
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// A block of addresses in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`; a bare address is a
/// block of one), for `--trusted-proxy` and the allow-list of an API key.
public struct IPAddressRange: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The first address of the block.
    public let network: IPAddress
    /// How many leading bits are fixed.
    public let prefixLength: Int

    /// Parses `ADDRESS/PREFIX` or `ADDRESS`; nil for anything else: host bits set under the prefix,
    /// a `%zone`, a prefix with a leading zero, or an IPv4 block written as IPv4-mapped IPv6
    /// (`::ffff:10.0.0.0/8` would mean /8 of IPv4 or of IPv6 depending on who reads it).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts[0].contains("%"), let address = IPAddress(parts[0]), !(address.isIPv4 && parts[0].contains(":")) else { return nil }
        if parts.count == 2, parts[1].count > 1, parts[1].first == "0" { return nil }
        let maximum = address.bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard (1...3).contains(parts[1].count), parts[1].allSatisfy(\.isNumber), let value = Int(parts[1]), value <= maximum else {
                return nil
            }
            length = value
        }
        guard address == Self.masked(address, prefixLength: length) else { return nil }
        network = address
        prefixLength = length
    }

    /// Whether `address` is in the block (an IPv4 address is never in an IPv6 block, nor the other way).
    public func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == network.bytes.count && Self.masked(address, prefixLength: prefixLength) == network
    }

    /// `network/prefix`.
    public var description: String { "\(network)/\(prefixLength)" }

    /// Reads the CIDR text ``description`` writes; anything ``init(_:)`` refuses is a decoding error.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let range = IPAddressRange(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a CIDR block: \(text)"))
        }
        self = range
    }

    /// Writes the block as its CIDR text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `address` with every bit after the first `prefixLength` cleared.
    public static func masked(_ address: IPAddress, prefixLength: Int) -> IPAddress {
        IPAddress(
            bytes: address.bytes.enumerated().map { index, byte in
                let kept = max(0, min(8, prefixLength - index * 8))
                return kept == 0 ? 0 : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - kept))
            })
    }
}
