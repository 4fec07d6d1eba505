import Foundation
import Testing

/// VC Data Integrity 1.0 §2.4 with the real executables: a member JSON-LD would drop is not
/// covered by an eddsa-rdfc-2022 signature, so `attest sign` refuses it and `attest-verify` never
/// calls a credential carrying one valid — even when it was added after signing.
@Suite("attest sign and attest-verify refuse data an eddsa-rdfc-2022 signature does not cover")
struct DataLossCLITests {
    let folder: URL
    let keyPath: String

    init() throws {
        folder = try Executables.temporaryDirectory()
        keyPath = folder.appendingPathComponent("key.pem").path
        let generated = try Executables.run("attest", ["keys", "generate", "--out", keyPath])
        #expect(generated.status == 0, "\(generated.standardError)")
    }

    /// Where a member is smuggled in, and the path the tools must name.
    struct Smuggle: Sendable, CustomTestStringConvertible {
        let what: String
        let path: [String]
        let key: String
        let value: String
        let named: String
        var testDescription: String { what }
    }

    static let smuggles = [
        Smuggle(what: "undefined top-level member", path: [], key: "favorite color", value: "blue", named: #"["favorite color"]"#),
        Smuggle(what: "key with a newline", path: [], key: "favorite\ncolor", value: "blue", named: #"["favorite\ncolor"]"#),
        Smuggle(
            what: "undefined nested member", path: ["credentialSubject", "achievement"], key: "favoriteColor", value: "blue",
            named: "credentialSubject.achievement.favoriteColor"),
        Smuggle(
            what: "key that is not an IRI", path: ["credentialSubject"], key: "urn:x:a b", value: "blue",
            named: #"credentialSubject["urn:x:a b"]"#),
    ]

    func credential(with smuggle: Smuggle?, into base: [String: Any]? = nil) throws -> [String: Any] {
        var object =
            try base
            ?? (JSONSerialization.jsonObject(with: Data(contentsOf: Executables.fixture("unsigned-credential.json"))) as! [String: Any])
        guard let smuggle else { return object }
        func insert(_ object: inout [String: Any], _ path: ArraySlice<String>) {
            guard let first = path.first else { return object[smuggle.key] = smuggle.value }
            var inner = object[first] as! [String: Any]
            insert(&inner, path.dropFirst())
            object[first] = inner
        }
        insert(&object, smuggle.path[...])
        return object
    }

    func write(_ object: [String: Any], _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("attest sign refuses, naming the member", arguments: smuggles)
    func signRefuses(smuggle: Smuggle) throws {
        let input = try write(try credential(with: smuggle), "unsigned.json")
        let signed = try Executables.run("attest", ["sign", "--key", keyPath, "--suite", "eddsa-rdfc-2022", input])
        #expect(signed.status != 0)
        #expect(signed.standardOutput.isEmpty)
        #expect(signed.standardError.contains(smuggle.named), "\(signed.standardError)")
        #expect(signed.standardError.contains("not be covered by the signature"), "\(signed.standardError)")
    }

    @Test("the running server's /verify page and POST /credentials/verify refuse it too, naming the member")
    func serverRefuses() async throws {
        // A credential of the serving issuer (the page trusts only its keys), changed after issuance.
        let workspace = try IssuerWorkspace.withExampleProgram()
        let issued = try workspace.attest([
            "issue", "--program", IssuerWorkspace.programID, "--learner-id", "loss-1", "--email", "loss1@example.org", "--name",
            "Learner One",
            "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module", "harness",
        ])
        let id = try #require(issued.standardOutput.split(separator: " ").dropFirst().first.map(String.init), "\(issued.standardOutput)")
        let exported = workspace.folder.appendingPathComponent("exported")
        try #require(try workspace.attest(["credentials", "export", id, "--out", exported.path]).status == 0)
        let original = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: exported.appendingPathComponent("\(id).json"))) as? [String: Any])
        let smuggle = Self.smuggles[2]
        let changed = try credential(with: smuggle, into: original)
        let server = try RunningServer(workspace)
        defer { _ = server.stop() }

        func vcapi(_ credential: [String: Any]) async throws -> HTTPExchange {
            try await HTTPExchange.send(
                "POST", "\(server.address)/credentials/verify", headers: ["Content-Type": "application/json"],
                body: try JSONSerialization.data(withJSONObject: ["verifiableCredential": credential]))
        }
        let clean = try await vcapi(original)
        #expect(clean.text.contains("eddsa-rdfc-2022 signature verified"), "\(clean.text)")
        let refused = try await vcapi(changed)
        #expect(refused.status == 400, "\(refused.text)")
        #expect(refused.text.contains(smuggle.named), "\(refused.text)")
        #expect(!refused.text.contains("signature verified"))

        let page = try await HTTPExchange.send(
            "POST", "\(server.address)/verify", headers: ["Content-Type": "application/json"],
            body: try JSONSerialization.data(withJSONObject: changed))
        #expect(page.text.contains(smuggle.named), "\(page.text)")
        #expect(!page.text.contains(">VALID</h1>"), "\(page.text)")
    }

    @Test("a member added after signing makes attest-verify say INVALID and name it", arguments: smuggles)
    func verifyRefuses(smuggle: Smuggle) throws {
        let signed = try Executables.run(
            "attest", ["sign", "--key", keyPath, "--suite", "eddsa-rdfc-2022", Executables.fixture("unsigned-credential.json").path])
        try #require(signed.status == 0, "\(signed.standardError)")
        let original = try #require(try JSONSerialization.jsonObject(with: Data(signed.standardOutput.utf8)) as? [String: Any])
        let clean = try Executables.run("attest-verify", ["--offline", try write(original, "signed.json")])
        #expect(clean.standardOutput.contains("eddsa-rdfc-2022 signature verified"), "\(clean.standardOutput)")

        let changed = try Executables.run(
            "attest-verify", ["--offline", try write(try credential(with: smuggle, into: original), "changed.json")])
        #expect(changed.status == 1, "\(changed.standardOutput)")
        #expect(changed.standardOutput.contains("INVALID"))
        #expect(changed.standardOutput.contains(smuggle.named), "\(changed.standardOutput)")
        #expect(!changed.standardOutput.contains("signature verified"))
    }
}
