import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// How long sign-in links and console sessions live.
///
/// - Warning: The defaults are issue 17's: links 15 minutes and single use, sessions idle 30
///   minutes and at most 12 hours. Longer values widen the window a stolen link or cookie works in.
public struct StaffSessionPolicy: Sendable, Hashable {
    /// How long an emailed sign-in link works.
    public var linkLifetime: TimeInterval = 15 * 60
    /// A session ends after this long without a request.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after sign-in, however busy.
    public var absoluteTimeout: TimeInterval = 12 * 60 * 60
    /// A session's last-seen time is written at most this often (each write is a transaction).
    public var touchInterval: TimeInterval = 60

    /// The defaults.
    public init() {}
}

/// What the token of a sign-in link or the id of a session is: 32 bytes from the system's secure
/// random source, base64url; stored only as the SHA-256 (hex) of that text.
public enum StaffSecret {
    /// A new secret.
    public static func make() -> String {
        Base64URL.encode(SecureRandom.bytes(count: 32))
    }

    /// The hash that is stored and looked up.
    public static func hash(_ text: String) -> String {
        Hex.encode(SHA256.hash(Array(text.utf8)))
    }

    /// Whether `text` is shaped like a secret (43 base64url characters); anything else is refused unread.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }
}
