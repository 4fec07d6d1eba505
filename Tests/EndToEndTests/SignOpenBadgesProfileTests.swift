import Foundation
import Testing

/// `attest sign` refuses an Open Badge that `attest-verify` would fail (OB 3.0 B.1.3: the subject
/// needs an `id` or an `identifier`), and signs it once the subject has one.
@Suite("attest sign and the Open Badges 3.0 profile")
struct SignOpenBadgesProfileTests {
    @Test("a subject with neither id nor identifier is refused and nothing is printed; with an id it is signed and VALID")
    func subjectIdentity() throws {
        let folder = try Executables.temporaryDirectory()
        let key = folder.appendingPathComponent("key.pem").path
        #expect(try Executables.run("attest", ["keys", "generate", "--out", key]).status == 0)
        var credential = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: Executables.fixture("unsigned-credential.json"))) as? [String: Any])
        var subject = try #require(credential["credentialSubject"] as? [String: Any])
        subject["identifier"] = nil
        credential["credentialSubject"] = subject
        let anonymous = folder.appendingPathComponent("anonymous.json")
        try JSONSerialization.data(withJSONObject: credential).write(to: anonymous)
        let refused = try Executables.run("attest", ["sign", "--key", key, anonymous.path])
        #expect(refused.status != 0)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("credentialSubject needs an id or an identifier"), "\(refused.standardError)")

        subject["id"] = "did:example:learner-1"
        credential["credentialSubject"] = subject
        let named = folder.appendingPathComponent("named.json")
        try JSONSerialization.data(withJSONObject: credential).write(to: named)
        let signed = try Executables.run("attest", ["sign", "--key", key, named.path])
        #expect(signed.status == 0, "\(signed.standardError)")
        let signedPath = folder.appendingPathComponent("signed.json")
        try Data(signed.standardOutput.utf8).write(to: signedPath)
        let verified = try Executables.run("attest-verify", ["--offline", signedPath.path])
        #expect(verified.status == 0, "\(verified.standardOutput)")
        #expect(verified.standardOutput.contains("open-badges"), "\(verified.standardOutput)")
    }
}
