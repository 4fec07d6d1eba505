import CanonicalJSON
import Ed25519
import Foundation

/// `X-Attest-Signature: t=UNIX,v1=HEX` where HEX is HMAC-SHA256(secret, "t.body") — the same
/// scheme Attest checks on inbound LMS webhooks. The timestamp lets receivers refuse replays.
public enum WebhookSignature {
    /// The header name.
    public static let headerName = "X-Attest-Signature"

    /// The header value for `body` signed at `timestamp` (Unix seconds).
    public static func header(secret: String, timestamp: Int, body: [UInt8]) -> String {
        "t=\(timestamp),v1=" + Hex.encode(mac(secret: secret, timestamp: timestamp, body: body))
    }

    /// Whether `header` is a valid signature of `body` no more than `tolerance` seconds from `now`.
    public static func isValid(header: String, secret: String, body: [UInt8], now: Date, tolerance: TimeInterval = 300) -> Bool {
        var timestamp: Int?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) } else if pair[0] == "v1" { signatures.append(pair[1].lowercased()) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let expected = Array(Hex.encode(mac(secret: secret, timestamp: timestamp, body: body)).utf8)
        return signatures.contains { constantTimeEquals(Array($0.utf8), expected) }
    }

    private static func mac(secret: String, timestamp: Int, body: [UInt8]) -> [UInt8] {
        HMAC.sha256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
    }

}
