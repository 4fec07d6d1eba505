import Foundation
import Testing

/// Our signatures checked by an independent implementation, and its signatures checked by ours.
@Suite("Cross-check with the independent Python eddsa-jcs-2022 reference")
struct ReferenceCrossCheckTests {
    static let reference = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference/eddsa_jcs_2022.py").path

    @Test("a credential attest signs verifies in the reference, and the reference's signature verifies in attest-verify")
    func bothDirections() throws {
        let folder = try Executables.temporaryDirectory()
        let key = folder.appendingPathComponent("key.pem").path
        let generated = try Executables.run("attest", ["keys", "generate", "--out", key])
        #expect(generated.status == 0)
        let method = try #require(
            generated.standardOutput.split(separator: "\n").first { $0.hasPrefix("verificationMethod") }?.split(separator: " ").last)
        let unsigned = Executables.fixture("unsigned-credential.json").path
        let ours = try Executables.run("attest", ["sign", "--key", key, unsigned])
        let oursPath = folder.appendingPathComponent("ours.json")
        try Data(ours.standardOutput.utf8).write(to: oursPath)
        let checked = try Executables.runProgram("python3", [Self.reference, "verify", oursPath.path])
        #expect(checked.status == 0, "\(checked.standardOutput)\(checked.standardError)")

        // The reference signs the credential we completed with an issuer, then we verify its output.
        let withIssuer = folder.appendingPathComponent("with-issuer.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(ours.standardOutput.utf8)) as? [String: Any])
        object["proof"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: withIssuer)
        let theirs = try Executables.runProgram(
            "python3", [Self.reference, "sign", key, withIssuer.path, String(method), "2026-11-23T10:00:00Z"])
        #expect(theirs.status == 0, "\(theirs.standardError)")
        let verified = try Executables.run("attest-verify", ["-"], input: Data(theirs.standardOutput.utf8))
        #expect(verified.status == 0, "\(verified.standardOutput)")
    }
}
