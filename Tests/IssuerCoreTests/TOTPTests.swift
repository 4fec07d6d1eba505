import Foundation
import IssuerCore
import Testing

/// TOTP against RFC 6238's own test vectors (Appendix B: 8 digits, 30-second steps, the three
/// HMACs with their seeds), and the rules the console adds: ±1 step of drift, never the same step twice.
@Suite("TOTP (RFC 6238)")
struct TOTPTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let time: TimeInterval
        let algorithm: TOTP.Algorithm
        let code: String
        var testDescription: String { "\(algorithm.rawValue) at \(Int(time))" }
    }

    static let seeds: [TOTP.Algorithm: [UInt8]] = [
        .sha1: Array("12345678901234567890".utf8),
        .sha256: Array("12345678901234567890123456789012".utf8),
        .sha512: Array("1234567890123456789012345678901234567890123456789012345678901234".utf8),
    ]

    /// RFC 6238 Appendix B, row by row.
    static let vectors: [Vector] = [
        (59, "94287082", "46119246", "90693936"), (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"), (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"), (20_000_000_000, "65353130", "77737706", "47863826"),
    ].flatMap { row in
        [
            Vector(time: row.0, algorithm: .sha1, code: row.1), Vector(time: row.0, algorithm: .sha256, code: row.2),
            Vector(time: row.0, algorithm: .sha512, code: row.3),
        ]
    }

    @Test("RFC 6238 Appendix B", arguments: vectors)
    func rfcVector(_ vector: Vector) {
        let totp = TOTP(secret: Self.seeds[vector.algorithm]!, algorithm: vector.algorithm, digits: 8)
        #expect(totp.code(at: Date(timeIntervalSince1970: vector.time)) == vector.code)
    }

    @Test("a code is accepted one step either side of now, not two, and never for a step already used")
    func driftAndReplay() {
        let totp = TOTP(secret: Self.seeds[.sha1]!)
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(totp.code(step: step), at: now, after: nil) == step)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now, after: nil) == step - 1)
        #expect(totp.matchingStep(totp.code(step: step + 1), at: now, after: nil) == step + 1)
        #expect(totp.matchingStep(totp.code(step: step - 2), at: now, after: nil) == nil)
        #expect(totp.matchingStep(totp.code(step: step), at: now, after: step) == nil)
        #expect(totp.matchingStep(totp.code(step: step), at: now, after: step - 1) == step)
        #expect(totp.matchingStep("12345", at: now, after: nil) == nil)
        #expect(totp.matchingStep("abcdef", at: now, after: nil) == nil)
    }

    @Test("the setup key is RFC 4648 base 32 and the URI names the algorithm, digits and period")
    func provisioning() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        let uri = TOTP(secret: Self.seeds[.sha1]!).provisioningURI(account: "ana@example.org", issuer: "Northwind Safety")
        #expect(
            uri
                == "otpauth://totp/Northwind%20Safety%3Aana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Northwind%20Safety&algorithm=SHA1&digits=6&period=30"
        )
    }
}
