import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore

/// `X-Attest-Signature: t=UNIX_TIME,v1=HEX`: HMAC-SHA256 with the LMS's shared secret over
/// `"<t>.<body>"`. The timestamp must be within ``window`` of the server's clock, so a captured
/// request cannot be replayed later; a replay inside the window is caught by the event id.
enum EventSignature {
    /// How far the signing time may be from now, either way.
    static let window: TimeInterval = 300

    /// Checks an event posted with `key`: a key with a secret must sign (see ``verify(header:body:secret:now:)``),
    /// and a key that requires signed events but has no secret can post nothing (a 401 that says so).
    static func check(header: String?, body: [UInt8], key: APIKeyRecord, now: Date) throws {
        if let secret = key.hmacSecret {
            try verify(header: header, body: body, secret: secret, now: now)
        } else if key.requiresHMAC {
            throw Problem(
                .unauthorized, "signatureRequired",
                "this key requires signed events but has no HMAC secret; create a key with --hmac-secret")
        }
    }

    /// Checks a signature header; throws a 401 problem saying what is wrong.
    static func verify(header: String?, body: [UInt8], secret: String, now: Date) throws {
        guard let header, header.count <= 1024 else {
            throw Problem(.unauthorized, "signatureMissing", "this key must sign events: X-Attest-Signature: t=UNIX_TIME,v1=HEX")
        }
        var timestamp: Int?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1", pair[1].count == 64, let bytes = Hex.decode(pair[1]) { signatures.append(bytes) }
        }
        guard let timestamp, !signatures.isEmpty else {
            throw Problem(.unauthorized, "signatureInvalid", "X-Attest-Signature must be t=UNIX_TIME,v1=HEX")
        }
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= window else {
            throw Problem(.unauthorized, "signatureExpired", "the signature time is more than 5 minutes from the server's clock")
        }
        let expected = HMAC.sha256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
        guard signatures.contains(where: { constantTimeEquals($0, expected) }) else {
            throw Problem(.unauthorized, "signatureInvalid", "the signature does not match the body and the key's secret")
        }
    }

    /// The header value for `body` signed at `time` (for LMS integrations and tests).
    static func header(body: [UInt8], secret: String, time: Date) -> String {
        let timestamp = Int(time.timeIntervalSince1970)
        let mac = HMAC.sha256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
        return "t=\(timestamp),v1=" + Hex.encode(mac)
    }
}
