import CanonicalJSON
import Ed25519

/// The short code printed on a certificate, which a site manager types on the verification page
/// and which `attest-verify` recomputes offline from the embedded credential.
///
/// Derivation (see `Spec/pdf-embedding.md`): the first 50 bits of
/// `SHA-256("attest-passcode-v1" ‖ 0x00 ‖ JCS(signed credential))`, written as ten Crockford
/// base-32 digits in two groups of five, `7KQ2M-XD4PA`. Hashing the *signed* credential binds
/// the code to the signature: any change to what was signed changes the code.
public enum CertificatePasscode {
    /// Crockford's base-32 digits: no I, L, O or U, so nothing reads as another.
    static let digits = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let domain = Array("attest-passcode-v1".utf8) + [0]

    /// The passcode of a signed credential.
    public static func derive(from signedCredential: JSONValue) -> String {
        let hash = SHA256.hash(domain + signedCredential.canonicalBytes)
        var bits: UInt64 = 0
        for byte in hash.prefix(8) { bits = bits << 8 | UInt64(byte) }
        bits >>= 14  // keep the first 50 bits
        var code = ""
        for position in stride(from: 45, through: 0, by: -5) {
            code.append(digits[Int(bits >> UInt64(position) & 31)])
            if position == 25 { code.append("-") }
        }
        return code
    }

    /// The typed code in canonical form: upper case, no separators, and the look-alikes people
    /// type for Crockford digits (O→0, I and L→1) mapped; `nil` if a character cannot be a digit.
    public static func normalize(_ typed: String) -> String? {
        var normalized = ""
        for character in typed.uppercased() {
            switch character {
            case "-", " ", "\u{2010}", "\u{2011}", "\u{2013}": continue
            case "O": normalized.append("0")
            case "I", "L": normalized.append("1")
            default:
                guard digits.contains(character) else { return nil }
                normalized.append(character)
            }
        }
        guard normalized.count == 10 else { return nil }
        return String(normalized.prefix(5)) + "-" + String(normalized.suffix(5))
    }

    /// Whether a typed or printed code belongs to this signed credential.
    public static func matches(_ typed: String, signedCredential: JSONValue) -> Bool {
        normalize(typed) == derive(from: signedCredential)
    }
}
