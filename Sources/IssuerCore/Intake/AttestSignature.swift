import CanonicalJSON
import Ed25519
import Foundation

/// The `X-Attest-Signature` header, one scheme both ways: Attest signs its outbound webhooks with it
/// and checks inbound LMS events with it. The value is `t=UNIX_TIME,v1=HEX`, HEX the lowercase
/// HMAC-SHA256 under the shared secret of `"<t>.<body>"`; the time lets a receiver refuse a replay.
public enum AttestSignature {
    /// The header name.
    public static let headerName = "X-Attest-Signature"

    /// How far the signing time may be from now, either way, by default.
    public static let defaultTolerance: TimeInterval = 300

    /// What ``check(header:secret:body:now:tolerance:)`` found.
    public enum Verdict: Sendable, Hashable {
        /// A `v1` signature matches the body and secret, signed within the tolerance.
        case valid
        /// No `t=` time or no `v1=` signature of 64 hexadecimal digits.
        case malformed
        /// The signing time is further from now than the tolerance.
        case expired
        /// No `v1` signature matches the body and the secret.
        case mismatch
    }

    /// The header value for `body` signed at `timestamp` (Unix seconds).
    public static func header(secret: String, timestamp: Int, body: [UInt8]) -> String {
        header(secrets: [secret], timestamp: timestamp, body: body)
    }

    /// The header with one `v1` per secret, in order: `t=…,v1=NEW,v1=OLD` while a rotated secret
    /// overlaps with its successor (``check(header:secret:body:now:tolerance:)`` accepts either).
    public static func header(secrets: [String], timestamp: Int, body: [UInt8]) -> String {
        (["t=\(timestamp)"] + secrets.map { "v1=" + Hex.encode(mac(secret: $0, timestamp: timestamp, body: body)) }).joined(separator: ",")
    }

    /// Checks `header` against `body` and `secret` at `now`. Several `v1` values may be given (a
    /// sender rotating its secret); one matching is enough. MACs are compared in constant time.
    public static func check(
        header: String, secret: String, body: [UInt8], now: Date, tolerance: TimeInterval = defaultTolerance
    ) -> Verdict {
        var timestamp: Int?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1", pair[1].utf8.count == 64, let bytes = Hex.decode(pair[1]) { signatures.append(bytes) }
        }
        guard let timestamp, !signatures.isEmpty else { return .malformed }
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return .expired }
        let expected = mac(secret: secret, timestamp: timestamp, body: body)
        return signatures.contains { constantTimeEquals($0, expected) } ? .valid : .mismatch
    }

    private static func mac(secret: String, timestamp: Int, body: [UInt8]) -> [UInt8] {
        HMAC.sha256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
    }
}
