import Foundation
import Testing

/// `attest-verify DIR` and proof types Attest does not implement, with the real binaries.
@Suite("attest-verify: folders and unsupported proof types")
struct VerifyFolderTests {
    let folder: URL
    let keyPath: String

    init() throws {
        folder = try Executables.temporaryDirectory()
        keyPath = folder.appendingPathComponent("key.pem").path
        let generated = try Executables.run("attest", ["keys", "generate", "--out", keyPath])
        #expect(generated.status == 0, "\(generated.standardError)")
    }

    func write(_ text: String, _ path: String) throws -> String {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func signed() throws -> String {
        let result = try Executables.run(
            "attest", ["sign", "--key", keyPath, "--created", "2026-11-23T09:00:00Z", Executables.fixture("unsigned-credential.json").path])
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput
    }

    /// The signed credential with its proof replaced by an Ed25519Signature2018 proof (a `jws`, no `proofValue`).
    func legacyProof(_ signedText: String) throws -> String {
        var credential = try #require(try JSONSerialization.jsonObject(with: Data(signedText.utf8)) as? [String: Any])
        let proof = try #require(credential["proof"] as? [String: Any])
        credential["proof"] = [
            "type": "Ed25519Signature2018", "created": "2026-11-23T09:00:00Z", "proofPurpose": "assertionMethod",
            "verificationMethod": proof["verificationMethod"] as Any,
            "jws": "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..c2lnbmF0dXJl",
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: credential), as: UTF8.self)
    }

    @Test("a proof type Attest does not implement is reported as unsupported (INDETERMINATE, exit 3), not as a failed signature")
    func unsupportedProofType() throws {
        let path = try write(try legacyProof(try signed()), "legacy.json")
        let result = try Executables.run("attest-verify", ["--offline", path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("INDETERMINATE: unsupported proof type Ed25519Signature2018"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("does not match"))
        #expect(!result.standardOutput.contains("no proofValue"))
    }

    @Test("attest-verify DIR verifies every credential and PDF in it and its subfolders: one line each, a summary, the worst exit status")
    func folderOfCertificates() throws {
        let good = try signed()
        _ = try write(good, "certs/good.json")
        _ = try write(good.replacingOccurrences(of: "92.5", with: "99.5"), "certs/nested/tampered.json")
        _ = try write(try legacyProof(good), "certs/legacy.jsonld")
        _ = try write("not a credential", "certs/notes.txt")
        _ = try write(good, "certs/.hidden.json")
        let pdf = folder.appendingPathComponent("certs/nested/good.pdf").path
        let made = try Executables.run("attest", ["pdf", folder.appendingPathComponent("certs/good.json").path, "--out", pdf])
        #expect(made.status == 0, "\(made.standardError)")
        _ = try write("{ broken", "certs/broken.json")

        let certs = folder.appendingPathComponent("certs").path
        let result = try Executables.run("attest-verify", ["--offline", certs])
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        #expect(lines.count == 6, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("VALID") && $0.hasSuffix("certs/good.json") })
        #expect(lines.contains { $0.hasPrefix("VALID") && $0.hasSuffix("certs/nested/good.pdf") })
        #expect(lines.contains { $0.hasPrefix("INVALID") && $0.contains("certs/nested/tampered.json") && $0.contains("does not match") })
        #expect(
            lines.contains { $0.hasPrefix("INDETERMINATE") && $0.contains("certs/legacy.jsonld") && $0.contains("unsupported proof type") })
        #expect(lines.contains { $0.hasPrefix("UNUSABLE") && $0.contains("certs/broken.json") })
        #expect(lines.last == "5 files: 2 valid, 1 invalid, 1 indeterminate, 1 unusable")
        #expect(!result.standardOutput.contains("notes.txt") && !result.standardOutput.contains(".hidden"))

        // Only valid ones: exit 0; a folder with nothing to verify is unusable input (exit 2).
        let valid = try Executables.run(
            "attest-verify", ["--offline", folder.appendingPathComponent("certs/nested/good.pdf").path, certs + "/good.json"])
        #expect(valid.status == 0, "\(valid.standardOutput)")
        let emptyFolder = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let empty = try Executables.run("attest-verify", ["--offline", emptyFolder.path])
        #expect(empty.status == 2)
        #expect(empty.standardOutput.contains("holds no credential"), "\(empty.standardOutput)\(empty.standardError)")
    }
}
