import Foundation

/// Where a key may be used from, and the overlap of a rotation.
extension APIKeyRecord {
    /// At most this many blocks in one key's allow-list.
    public static let maximumAllowedNetworks = 32
    /// How long the old token keeps working after a rotation unless the rotation says otherwise.
    public static let defaultRotationOverlap: TimeInterval = 24 * 3_600
    /// The longest overlap a rotation may ask for.
    public static let maximumRotationOverlap: TimeInterval = 30 * 86_400

    /// Whether a request from `clientAddress` may use the key: always when the allow-list is
    /// empty; otherwise only when the address parses and one block contains it (an address the
    /// transport could not name, `unknown`, is refused).
    public func allows(clientAddress: String) -> Bool {
        guard !allowedNetworks.isEmpty else { return true }
        guard let address = IPAddress(clientAddress) else { return false }
        return allowedNetworks.contains { $0.contains(address) }
    }

    /// Whether the token from before the last rotation is still accepted at `now`.
    public func acceptsPreviousToken(at now: Date) -> Bool {
        previousTokenHash != nil && (previousTokenValidUntil.map { now < $0 } ?? false)
    }

    /// The key with `newTokenHash` as its token; the current token keeps working for `overlap`
    /// seconds from `now` (0: it stops at once). A token from an earlier rotation still in its
    /// overlap stops now: a key has at most two working tokens.
    public func rotated(to newTokenHash: String, at now: Date, overlap: TimeInterval) -> APIKeyRecord {
        var key = self
        key.tokenHash = newTokenHash
        if overlap > 0 {
            key.previousTokenHash = tokenHash
            key.previousTokenValidUntil = now.addingTimeInterval(overlap)
        } else {
            key.previousTokenHash = nil
            key.previousTokenValidUntil = nil
        }
        return key
    }

    /// Parses an allow-list strictly: each entry a CIDR block or a bare address (IPv4 or IPv6, host
    /// bits clear, no zone), at most ``maximumAllowedNetworks``, duplicates dropped, order kept.
    /// Throws `invalidRequest` naming the first entry that is not a block.
    public static func allowList(_ entries: [String]) throws -> [IPAddressRange] {
        var blocks: [IPAddressRange] = []
        for entry in entries {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard trimmed.utf8.count <= 64, let block = IPAddressRange(trimmed) else {
                throw IssuerError(
                    .invalidRequest,
                    "\(String(trimmed.prefix(64))) is not an IP address block: write it like 10.0.0.0/8, 192.0.2.7 or 2001:db8::/32 (no host bits after the prefix)"
                )
            }
            if !blocks.contains(block) { blocks.append(block) }
        }
        guard blocks.count <= maximumAllowedNetworks else {
            throw IssuerError(.invalidRequest, "an API key may list at most \(maximumAllowedNetworks) address blocks")
        }
        return blocks
    }

    /// Checks a rotation overlap: 0 up to ``maximumRotationOverlap``; throws `invalidRequest`.
    public static func checkRotationOverlap(_ overlap: TimeInterval) throws {
        guard overlap >= 0, overlap <= maximumRotationOverlap else {
            throw IssuerError(.invalidRequest, "the overlap must be between 0 and 30 days")
        }
    }
}

/// How stores keep an allow-list: one text column of space-separated CIDR blocks.
extension APIKeyRecord {
    /// The stored form of `blocks`: space-separated CIDR text; `nil` for an empty list (anywhere).
    public static func allowListText(_ blocks: [IPAddressRange]) -> String? {
        blocks.isEmpty ? nil : blocks.map(\.description).joined(separator: " ")
    }

    /// Reads ``allowListText(_:)``; a block that no longer parses is a store error, never "anywhere".
    public static func allowList(storedText: String?, keyID: String) throws -> [IPAddressRange] {
        guard let storedText else { return [] }
        return try storedText.split(separator: " ").map { text in
            guard let block = IPAddressRange(text) else {
                throw IssuerError(.storeUnavailable, "API key \(keyID) has an unreadable address block \(String(text.prefix(64)))")
            }
            return block
        }
    }
}
