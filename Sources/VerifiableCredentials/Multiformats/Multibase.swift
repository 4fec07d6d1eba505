/// Multibase text: one prefix character naming the base, then the encoded bytes.
public enum Multibase {
    /// The bases this library reads and writes.
    public enum Base: Character, Sendable {
        /// `z`: base58btc, used for keys and signatures.
        case base58btc = "z"
        /// `u`: base64url without padding, used for status lists.
        case base64url = "u"
    }

    /// Encodes bytes with the base's prefix.
    public static func encode(_ bytes: [UInt8], base: Base) -> String {
        switch base {
        case .base58btc: "z" + Base58.encode(bytes)
        case .base64url: "u" + Base64URL.encode(bytes)
        }
    }

    /// Decodes multibase text; `expected` restricts the base.
    public static func decode(_ text: String, expected: Base? = nil) throws(CredentialError) -> [UInt8] {
        guard let prefix = text.first, let base = Base(rawValue: prefix) else {
            throw CredentialError(.invalidEncoding, "multibase value \"\(text.prefix(16))…\" has no supported base prefix ('z' or 'u')")
        }
        if let expected, expected != base {
            throw CredentialError(.invalidEncoding, "multibase value must use the '\(expected.rawValue)' prefix, found '\(prefix)'")
        }
        let body = String(text.dropFirst())
        let decoded: [UInt8]? =
            switch base {
            case .base58btc: Base58.decode(body)
            case .base64url: Base64URL.decode(body)
            }
        guard let decoded else {
            throw CredentialError(.invalidEncoding, "multibase value is not valid \(base == .base58btc ? "base58btc" : "base64url")")
        }
        return decoded
    }
}
