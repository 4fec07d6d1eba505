import Ed25519
import Foundation
import IssuerCore
import Testing

/// The one `X-Attest-Signature` scheme: outbound webhooks sign with it, inbound events are checked with it.
@Suite("X-Attest-Signature")
struct AttestSignatureTests {
    let body = Array(#"{"id":"out-1"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_795_424_410)

    @Test("webhook signatures verify, and fail for another body, secret or an old timestamp")
    func signatures() {
        let header = AttestSignature.header(secret: "s3cret", timestamp: 1_795_424_400, body: body)
        #expect(header.hasPrefix("t=1795424400,v1="))
        #expect(AttestSignature.check(header: header, secret: "s3cret", body: body, now: now) == .valid)
        #expect(AttestSignature.check(header: header, secret: "other", body: body, now: now) == .mismatch)
        #expect(AttestSignature.check(header: header, secret: "s3cret", body: body + [0x20], now: now) == .mismatch)
        #expect(AttestSignature.check(header: header, secret: "s3cret", body: body, now: now.addingTimeInterval(3600)) == .expired)
    }

    @Test("the header is t=, then v1= lowercase hex HMAC-SHA256(secret, \"<t>.<body>\"), byte for byte")
    func bytesOnTheWire() {
        let mac = HMAC.sha256(key: Array("s3cret".utf8), message: Array("1795424400.".utf8) + body)
        let expected = "t=1795424400,v1=" + mac.map { String(format: "%02x", $0) }.joined()
        #expect(AttestSignature.header(secret: "s3cret", timestamp: 1_795_424_400, body: body) == expected)
    }

    @Test("upper-case hex, spaces and a second v1 (a rotated secret) are accepted")
    func lenientForms() {
        let header = AttestSignature.header(secret: "s3cret", timestamp: 1_795_424_400, body: body)
        let v1 = String(header.split(separator: "=").last!)
        let other = AttestSignature.header(secret: "old", timestamp: 1_795_424_400, body: body).split(separator: "=").last!
        for form in ["t=1795424400,v1=\(v1.uppercased())", "t = 1795424400 , v1 = \(v1)", "t=1795424400,v1=\(other),v1=\(v1)"] {
            #expect(AttestSignature.check(header: form, secret: "s3cret", body: body, now: now) == .valid, "\(form)")
        }
    }

    @Test(
        "headers without a time or a 64-digit hex v1 are malformed",
        arguments: [
            "", "v1=00", "t=1795424400", "t=1795424400,v1=xyz", "t=abc,v1=" + String(repeating: "0", count: 64),
            "t=1795424400,v1=" + String(repeating: "0", count: 62), "t=1795424400,v1=+" + String(repeating: "0", count: 63),
        ])
    func malformed(header: String) {
        #expect(AttestSignature.check(header: header, secret: "s3cret", body: body, now: now) == .malformed)
    }
}
