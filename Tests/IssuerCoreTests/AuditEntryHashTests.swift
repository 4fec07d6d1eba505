import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

/// An audit entry's hash is stored and re-computed by every chain check, so the way it is written
/// must never change: SHA-256 of the JCS content, as lowercase hex exactly as `%02x` writes it.
@Suite("Audit entry hash")
struct AuditEntryHashTests {
    @Test(arguments: [0, 1, 2, 17, 4_096])
    func hashIsTheJCSDigestInLowercaseHex(sequence: Int) {
        let at = Date(timeIntervalSince1970: 1_795_000_000.25 + Double(sequence))
        let entry = AuditEntry(
            sequence: sequence, at: at, kind: "credential.reserved", actor: "api:moodle", subject: "ABCD\(sequence)",
            data: #"{"completion":"cmp-1","revocation":"revocation-1#\#(sequence)"}"#,
            previousHash: AuditEntry.genesisHash, hash: "", keyID: "key-1", signature: "")
        let content: JSONValue = [
            "sequence": .number(Double(sequence)), "at": .string(DateTimeStamp.format(at)), "kind": .string(entry.kind),
            "actor": .string(entry.actor), "subject": .string(entry.subject), "data": .string(entry.data),
            "previousHash": .string(entry.previousHash),
        ]
        let digest = SHA256.hash(content.canonicalBytes)
        #expect(entry.expectedHash == digest.map { String(format: "%02x", $0) }.joined())
        #expect(entry.expectedHash.utf8.count == 64)
    }
}
