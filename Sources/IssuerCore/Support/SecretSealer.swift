import Ed25519
import Foundation

/// Seals a short secret that must be usable again (an LMS key's HMAC secret: checking a signature
/// needs the secret itself, so it cannot be hashed like a token) with a key kept outside the
/// database, so that reading the database does not hand the secret out.
///
/// Construction (encrypt-then-MAC, HMAC-SHA256 as the PRF): from the 32-byte sealing key,
/// `encKey = HMAC(key, "attest-seal-encrypt")` and `macKey = HMAC(key, "attest-seal-mac")`; a fresh
/// 16-byte nonce; keystream block `i = HMAC(encKey, nonce ‖ i as 4 bytes big-endian)`; ciphertext =
/// secret XOR keystream; tag = `HMAC(macKey, "sealed:v1" ‖ nonce ‖ ciphertext)`. Stored text:
/// `sealed:v1:` + base64(nonce ‖ ciphertext ‖ tag).
///
/// - Warning: Whoever holds the sealing key and the database has the secrets; keep the key file
///   (0600) out of database copies and backups that leave the machine. Losing the key makes every
///   sealed secret unusable: those LMS keys must be made again.
public struct SecretSealer: Sendable {
    /// The prefix of sealed text; text without it is a secret stored before sealing existed.
    public static let prefix = "sealed:v1:"
    private let encryptionKey: [UInt8]
    private let macKey: [UInt8]

    /// A sealer with a 32-byte key; `nil` for any other length.
    public init?(key: [UInt8]) {
        guard key.count == 32 else { return nil }
        encryptionKey = HMAC.sha256(key: key, message: Array("attest-seal-encrypt".utf8))
        macKey = HMAC.sha256(key: key, message: Array("attest-seal-mac".utf8))
    }

    /// `secret` sealed with a fresh random nonce.
    public func seal(_ secret: String) -> String {
        let nonce = SecureRandom.bytes(count: 16)
        let ciphertext = xor(Array(secret.utf8), nonce: nonce)
        let tag = HMAC.sha256(key: macKey, message: Array("sealed:v1".utf8) + nonce + ciphertext)
        return Self.prefix + Data(nonce + ciphertext + tag).base64EncodedString()
    }

    /// The secret in `text`: unsealed when it is sealed, as it is when it predates sealing.
    /// Throws `secretUnsealable` when the text was sealed with another key or altered.
    public func open(_ text: String) throws(IssuerError) -> String {
        guard text.hasPrefix(Self.prefix) else { return text }
        guard let bytes = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))).map(Array.init), bytes.count >= 48 else {
            throw IssuerError(.secretUnsealable, "a sealed secret is malformed")
        }
        let nonce = Array(bytes[0..<16])
        let ciphertext = Array(bytes[16..<(bytes.count - 32)])
        let tag = Array(bytes[(bytes.count - 32)...])
        let expected = HMAC.sha256(key: macKey, message: Array("sealed:v1".utf8) + nonce + ciphertext)
        guard constantTimeEquals(tag, expected), let secret = String(bytes: xor(ciphertext, nonce: nonce), encoding: .utf8) else {
            throw IssuerError(.secretUnsealable, "a sealed secret does not open with this sealing key (was the key file replaced?)")
        }
        return secret
    }

    private func xor(_ input: [UInt8], nonce: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var counter: UInt32 = 0
        while output.count < input.count {
            let counterBytes = withUnsafeBytes(of: counter.bigEndian, Array.init)
            let block = HMAC.sha256(key: encryptionKey, message: nonce + counterBytes)
            for byte in block where output.count < input.count { output.append(input[output.count] ^ byte) }
            counter += 1
        }
        return output
    }
}
