import Ed25519

/// Multikey encodings of Ed25519 keys (Controlled Identifiers 1.0 §2.2.2): `z` + base58btc of a
/// multicodec header and the raw key. Public keys start `z6Mk`.
public enum Multikey {
    /// The multicodec varint header of an Ed25519 public key (`ed25519-pub`, 0xed).
    public static let ed25519PublicHeader: [UInt8] = [0xED, 0x01]
    /// The multicodec varint header of an Ed25519 secret key (`ed25519-priv`, 0x1300).
    public static let ed25519SecretHeader: [UInt8] = [0x80, 0x26]

    /// The `publicKeyMultibase` value of a key.
    public static func encode(_ key: Ed25519PublicKey) -> String {
        Multibase.encode(ed25519PublicHeader + key.rawRepresentation, base: .base58btc)
    }

    /// The `secretKeyMultibase` value of a key (the 32-byte seed).
    /// - Warning: this is the private key in clear text; never log or publish it.
    public static func encodeSecret(_ key: Ed25519PrivateKey) -> String {
        Multibase.encode(ed25519SecretHeader + key.seed, base: .base58btc)
    }

    /// Reads a `publicKeyMultibase` value.
    public static func decodePublicKey(_ text: String) throws(CredentialError) -> Ed25519PublicKey {
        guard text.hasPrefix("z") else {
            throw CredentialError(.invalidPublicKey, "publicKeyMultibase must be base58btc (start with 'z')")
        }
        let bytes = try Multibase.decode(text, expected: .base58btc)
        guard bytes.starts(with: ed25519PublicHeader) else {
            throw CredentialError(.unsupportedPublicKeyType, "the key is not an Ed25519 public key (multicodec header 0xed01 expected)")
        }
        guard bytes.count == 34 else {
            throw CredentialError(.invalidPublicKeyLength, "an Ed25519 public key is 32 bytes, found \(bytes.count - 2)")
        }
        do {
            return try Ed25519PublicKey(rawRepresentation: Array(bytes.dropFirst(2)))
        } catch {
            throw CredentialError(.invalidPublicKey, error.reason)
        }
    }

    /// Reads a `secretKeyMultibase` value (34 bytes: header and seed).
    public static func decodeSecretKey(_ text: String) throws(CredentialError) -> Ed25519PrivateKey {
        let bytes = try Multibase.decode(text, expected: .base58btc)
        guard bytes.starts(with: ed25519SecretHeader) else {
            throw CredentialError(.unsupportedPublicKeyType, "the key is not an Ed25519 secret key (multicodec header 0x8026 expected)")
        }
        guard bytes.count == 34 else {
            throw CredentialError(.invalidPublicKeyLength, "an Ed25519 secret key is 32 bytes, found \(bytes.count - 2)")
        }
        do {
            return try Ed25519PrivateKey(seed: Array(bytes.dropFirst(2)))
        } catch {
            throw CredentialError(.invalidPublicKey, error.reason)
        }
    }
}
