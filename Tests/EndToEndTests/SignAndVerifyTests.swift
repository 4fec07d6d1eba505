import Foundation
import Testing

/// The README walkthrough, run with the real executables: generate a key, sign, verify, tamper.
@Suite("attest keys, attest sign and attest-verify end to end")
struct SignAndVerifyTests {
    let folder: URL
    let keyPath: String

    init() throws {
        folder = try Executables.temporaryDirectory()
        keyPath = folder.appendingPathComponent("test-key.pem").path
        let generated = try Executables.run("attest", ["keys", "generate", "--out", keyPath])
        #expect(generated.status == 0, "\(generated.standardError)")
    }

    func sign(_ extra: [String] = [], input: String? = nil, environment: [String: String] = [:]) throws -> Executables.Result {
        try Executables.run(
            "attest", ["sign", "--key", keyPath] + extra + [input ?? Executables.fixture("unsigned-credential.json").path],
            environment: environment)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("keys generate writes a 0600 PKCS#8 file that OpenSSL reads, prints the did:key, and refuses to overwrite")
    func generate() throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let pem = try String(contentsOfFile: keyPath, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let openssl = try Executables.runProgram("openssl", ["pkey", "-in", keyPath, "-noout", "-text"])
        #expect(openssl.status == 0)
        #expect(openssl.standardOutput.contains("ED25519"))
        let again = try Executables.run("attest", ["keys", "generate", "--out", keyPath])
        #expect(again.status != 0)
        #expect(again.standardError.contains("already exists"))
        #expect(try String(contentsOfFile: keyPath, encoding: .utf8) == pem)
    }

    @Test("a signed credential verifies (exit 0), and a one-character change makes it invalid (exit 1)")
    func signVerifyTamper() throws {
        let signed = try sign(["--created", "2026-11-23T09:00:00Z"])
        #expect(signed.status == 0, "\(signed.standardError)")
        #expect(signed.standardError.contains("no issuer given"))
        let path = try write(signed.standardOutput, "signed.json")
        let verified = try Executables.run("attest-verify", [path])
        #expect(verified.status == 0, "\(verified.standardOutput)")
        #expect(verified.standardOutput.contains("VALID"))
        #expect(verified.standardOutput.contains("Zoë Åkesson-Nguyễn"))

        let tampered = try write(signed.standardOutput.replacingOccurrences(of: "92.5", with: "99.5"), "tampered.json")
        let rejected = try Executables.run("attest-verify", [tampered])
        #expect(rejected.status == 1)
        #expect(rejected.standardOutput.contains("INVALID: the eddsa-jcs-2022 signature does not match"))
    }

    @Test("--json prints one object with the verdict, every check and the credential")
    func jsonReport() throws {
        let signed = try sign()
        let report = try Executables.run("attest-verify", ["--json", "-"], input: Data(signed.standardOutput.utf8))
        #expect(report.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "valid")
        let checks = try #require(object["checks"] as? [[String: String]])
        #expect(Set(checks.compactMap { $0["check"] }).isSuperset(of: ["data-model", "proof", "key-binding", "validity-period", "status"]))
        let credential = try #require(object["credential"] as? [String: Any])
        #expect(credential["id"] as? String == "https://certs.example.org/c/7Q4XK2M9")
        #expect(credential["subjectName"] as? String == "Zoë Åkesson-Nguyễn")
    }

    @Test("--at judges the validity period at another moment")
    func expiredLater() throws {
        let path = try write(try sign().standardOutput, "signed.json")
        let later = try Executables.run("attest-verify", ["--at", "2030-01-01T00:00:00Z", path])
        #expect(later.status == 1)
        #expect(later.standardOutput.contains("expired"))
    }

    @Test(
        "unusable input exits 2 with a clear message",
        arguments: [
            ("not json {", "not valid JSON"), ("[1,2]", "not a credential"), ("{\"a\":1}", "not a credential"), ("", "not valid JSON"),
        ])
    func unusableInput(text: String, message: String) throws {
        let result = try Executables.run("attest-verify", ["-"], input: Data(text.utf8))
        #expect(result.status == 2)
        #expect(result.standardError.contains(message))
        let missing = try Executables.run("attest-verify", [folder.appendingPathComponent("nope.json").path])
        #expect(missing.status == 2)
    }

    @Test("a status entry that cannot be checked exits 3 (indeterminate)")
    func indeterminateStatus() throws {
        let unsigned = try String(contentsOf: Executables.fixture("unsigned-credential.json"), encoding: .utf8)
        let withStatus = unsigned.replacingOccurrences(
            of: "\"credentialSubject\": {",
            with: """
                "credentialStatus": {"id": "https://certs.example.org/status/1#5", "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": "https://certs.example.org/status/1"},
                  "credentialSubject": {
                """)
        let signed = try sign(input: try write(withStatus, "with-status.json"))
        #expect(signed.status == 0, "\(signed.standardError)")
        let result = try Executables.run("attest-verify", ["--offline", "-"], input: Data(signed.standardOutput.utf8))
        #expect(result.status == 3)
        #expect(result.standardOutput.contains("INDETERMINATE"))
    }

    @Test("an invalid credential is refused with the rule it breaks, and nothing is printed to standard output")
    func refusesInvalid() throws {
        let unsigned = try String(contentsOf: Executables.fixture("unsigned-credential.json"), encoding: .utf8)
        let broken = try write(
            unsigned.replacingOccurrences(of: "\"validUntil\": \"2029-11-23T09:00:00Z\"", with: "\"validUntil\": \"2020-01-01T00:00:00Z\""),
            "broken.json")
        let result = try sign(input: broken)
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("validUntil"))
    }

    @Test("a passphrase-protected key signs with its passphrase and is refused without it")
    func encryptedKey() throws {
        let encrypted = folder.appendingPathComponent("encrypted.pem").path
        let environment = ["TEST_KEY_PASSPHRASE": "correct horse battery staple"]
        let created = try Executables.run(
            "attest", ["keys", "generate", "--out", encrypted, "--passphrase-env", "TEST_KEY_PASSPHRASE"], environment: environment)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(try String(contentsOfFile: encrypted, encoding: .utf8).hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let input = Executables.fixture("unsigned-credential.json").path
        let signed = try Executables.run(
            "attest", ["sign", "--key", encrypted, "--passphrase-env", "TEST_KEY_PASSPHRASE", input], environment: environment)
        #expect(signed.status == 0, "\(signed.standardError)")
        let withoutPassphrase = try Executables.run("attest", ["sign", "--key", encrypted, input])
        #expect(withoutPassphrase.status != 0)
        #expect(withoutPassphrase.standardOutput.isEmpty)
    }

    @Test("a key file other users can read is refused")
    func worldReadableKey() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        let result = try sign()
        #expect(result.status != 0)
        #expect(result.standardError.contains("readable by other users"))
    }
}
