import Foundation
import IssuerCore

/// Inbound events signed with ``AttestSignature`` (`X-Attest-Signature: t=UNIX_TIME,v1=HEX`, the
/// scheme Attest's own webhooks use). The timestamp must be within ``window`` of the server's
/// clock, so a captured request cannot be replayed later; a replay inside the window is caught by
/// the event id.
enum EventSignature {
    /// How far the signing time may be from now, either way.
    static let window: TimeInterval = AttestSignature.defaultTolerance

    /// Checks an event posted with `key`: a key with a secret must sign (see ``verify(header:body:secret:now:)``),
    /// and a key that requires signed events but has no secret can post nothing (a 401 that says so).
    static func check(header: String?, body: [UInt8], key: APIKeyRecord, now: Date) throws {
        if let secret = key.hmacSecret {
            try verify(header: header, body: body, secret: secret, now: now)
        } else if key.requiresHMAC {
            throw Problem(
                .unauthorized, .signatureRequired,
                "this key requires signed events but has no HMAC secret; create a key with --hmac-secret")
        }
    }

    /// Checks a signature header; throws a 401 problem saying what is wrong.
    static func verify(header: String?, body: [UInt8], secret: String, now: Date) throws {
        guard let header, header.count <= 1024 else {
            throw Problem(.unauthorized, .signatureMissing, "this key must sign events: X-Attest-Signature: t=UNIX_TIME,v1=HEX")
        }
        switch AttestSignature.check(header: header, secret: secret, body: body, now: now, tolerance: window) {
        case .valid:
            return
        case .malformed:
            throw Problem(.unauthorized, .signatureInvalid, "X-Attest-Signature must be t=UNIX_TIME,v1=HEX")
        case .expired:
            throw Problem(.unauthorized, .signatureExpired, "the signature time is more than 5 minutes from the server's clock")
        case .mismatch:
            throw Problem(.unauthorized, .signatureInvalid, "the signature does not match the body and the key's secret")
        }
    }
}
