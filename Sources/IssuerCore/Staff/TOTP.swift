import Ed25519
import Foundation

/// Time-based one-time passwords (RFC 6238) as every authenticator app makes them: HMAC-SHA1
/// over the number of 30-second steps since 1970, dynamically truncated (RFC 4226) to 6 digits.
/// A code is accepted for the step before, the current one and the one after (±30 s of clock
/// drift), and never twice: the step last used is stored and refused again.
public struct TOTP: Sendable {
    /// The HMAC behind the codes (`SHA1` is what apps assume when the URI names none).
    public enum Algorithm: String, Sendable {
        case sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"

        func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
            switch self {
            case .sha1: HMAC.sha1(key: key, message: message)
            case .sha256: HMAC.sha256(key: key, message: message)
            case .sha512: HMAC.sha512(key: key, message: message)
            }
        }
    }

    /// The shared secret (20 random bytes when made by ``makeSecret()``).
    public let secret: [UInt8]
    /// The HMAC (SHA-1 unless told otherwise).
    public var algorithm: Algorithm = .sha1
    /// Digits per code.
    public var digits = 6
    /// Seconds per step.
    public var period: TimeInterval = 30
    /// Steps accepted either side of now.
    public var allowedDrift = 1

    /// A generator for `secret`.
    public init(secret: [UInt8], algorithm: Algorithm = .sha1, digits: Int = 6) {
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
    }

    /// 20 bytes from the system's secure random source (the length RFC 4226 recommends for SHA-1).
    public static func makeSecret() -> [UInt8] {
        SecureRandom.bytes(count: 20)
    }

    /// The step `date` falls in.
    public func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    /// The code for `step`, zero-padded to ``digits``.
    public func code(step: Int64) -> String {
        var counter = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { counter[7 - index] = UInt8(truncatingIfNeeded: UInt64(bitPattern: step) >> (8 * UInt64(index))) }
        let mac = algorithm.mac(key: secret, message: counter)
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }

    /// The code for the time `date`.
    public func code(at date: Date) -> String {
        code(step: step(at: date))
    }

    /// The step whose code `code` is, within the allowed drift of `date` and after `lastUsedStep`;
    /// `nil` when it matches none (wrong, too old, or used already). Compared in constant time.
    public func matchingStep(_ code: String, at date: Date, after lastUsedStep: Int64?) -> Int64? {
        let typed = code.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        var found: Int64?
        for candidate in (now - Int64(allowedDrift))...(now + Int64(allowedDrift))
        where constantTimeEquals(Array(self.code(step: candidate).utf8), Array(typed.utf8)) {
            if let lastUsedStep, candidate <= lastUsedStep { continue }
            found = candidate
        }
        return found
    }

    /// The `otpauth://` URI an authenticator app reads (typed in, or from a QR code).
    public func provisioningURI(account: String, issuer: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: allowed) ?? account
        let issuerParameter = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerParameter)&algorithm=\(algorithm.rawValue)"
            + "&digits=\(digits)&period=\(Int(period))"
    }
}

/// RFC 4648 base 32 without padding, as authenticator apps take TOTP secrets.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// `bytes` in base 32, upper case, no padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }
}
