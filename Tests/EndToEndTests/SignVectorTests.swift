import Ed25519
import Foundation
import Testing

/// `attest sign` reproduces published vectors byte for byte when told which verification method to
/// name, and refuses what other verifiers would hash differently. Real binaries throughout.
@Suite("attest sign: published vectors and control characters")
struct SignVectorTests {
    static let vectors = IssuerWorkspace.repositoryRoot.appendingPathComponent("Tests/VerifiableCredentialsTests/Fixtures/w3c-vc-di-eddsa")
    let folder: URL

    init() throws {
        folder = try Executables.temporaryDirectory()
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func vectorJSON(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.vectors.appendingPathComponent(path))) as? [String: Any])
    }

    /// The W3C key pair as a PKCS#8 PEM file (its `privateKeyMultibase` is `z` + base58btc of
    /// 0x80 0x26 and the 32-byte seed).
    func w3cKeyFile() throws -> String {
        let multibase = try #require(try vectorJSON("keyPair.json")["privateKeyMultibase"] as? String)
        let framed = try #require(Base58Text.decode(String(multibase.dropFirst())))
        #expect(framed.count == 34 && framed[0] == 0x80 && framed[1] == 0x26)
        let key = try Ed25519PrivateKey(seed: Array(framed.dropFirst(2)))
        let path = try write(try key.pemRepresentation(), "w3c-key.pem")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    @Test(
        "an explicit --verification-method is signed as asked, with a warning, and reproduces the W3C proofValue byte for byte",
        arguments: [("eddsa-rdfc-2022", "eddsa-rdfc-2022/signedDataInt.json"), ("eddsa-jcs-2022", "eddsa-jcs-2022/signedJCS.json")])
    func reproducesW3CVector(suite: String, signedPath: String) throws {
        let expectedProof = try #require(try vectorJSON(signedPath)["proof"] as? [String: Any])
        let method = try #require(expectedProof["verificationMethod"] as? String)
        let unsigned = Self.vectors.appendingPathComponent("unsigned.json").path
        let key = try w3cKeyFile()
        let result = try Executables.run(
            "attest",
            ["sign", "--key", key, "--suite", suite, "--verification-method", method, "--created", "2023-02-24T23:36:38Z", unsigned])
        #expect(result.status == 0, "\(result.standardError)")
        // The vector's issuer is https://vc.example/issuers/5678, not the key's DID: said, not refused.
        #expect(result.standardError.contains("warning: the issuer is https://vc.example/issuers/5678 but the key is did:key:"))
        let signed = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let proof = try #require(signed["proof"] as? [String: Any])
        #expect(proof["proofValue"] as? String == expectedProof["proofValue"] as? String)
        #expect(proof["verificationMethod"] as? String == method)

        // Without the option the same mismatch is refused, and the message names the option to pass.
        let refused = try Executables.run("attest", ["sign", "--key", key, "--suite", suite, unsigned])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("pass --verification-method did:key:"), "\(refused.standardError)")
    }

    @Test("the 1EdTech Open Badges 3.0 eddsa-rdfc-2022 vector reproduces byte for byte through attest sign")
    func reproducesOpenBadgesVector() throws {
        let vectorURL = IssuerWorkspace.repositoryRoot.appendingPathComponent(
            "Tests/VerifiableCredentialsTests/Fixtures/1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json")
        let vector = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: vectorURL)) as? [String: Any])
        let keyPair = try #require(vector["keyPair"] as? [String: Any])
        let seedHex = try #require(keyPair["privateKeyHex_seedThenPublic64"] as? String).prefix(64)
        let seed = stride(from: 0, to: seedHex.count, by: 2).map {
            UInt8(seedHex.dropFirst($0).prefix(2), radix: 16)!
        }
        let key = try write(try Ed25519PrivateKey(seed: seed).pemRepresentation(), "ob-key.pem")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let unsigned = try write(
            String(decoding: try JSONSerialization.data(withJSONObject: try #require(vector["unsignedCredential"])), as: UTF8.self),
            "ob-unsigned.json")
        let options = try #require(vector["proofOptions"] as? [String: Any])
        let result = try Executables.run(
            "attest",
            [
                "sign", "--key", key, "--suite", "eddsa-rdfc-2022", "--verification-method",
                try #require(options["verificationMethod"] as? String), "--created", try #require(options["created"] as? String), unsigned,
            ])
        #expect(result.status == 0, "\(result.standardError)")
        let signed = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect((signed["proof"] as? [String: Any])?["proofValue"] as? String == vector["proofValue"] as? String)
    }

    /// The end-to-end fixture with `text` as the learner's name.
    func credential(named text: String) throws -> String {
        let template = try String(contentsOf: Executables.fixture("unsigned-credential.json"), encoding: .utf8)
        return try write(
            template.replacingOccurrences(of: "\"Zoë Åkesson-Nguyễn\"", with: "\"\(text)\""), "credential-\(UUID().uuidString).json")
    }

    @Test(
        "eddsa-rdfc-2022 refuses C0 control characters (other than tab, LF, CR) and DEL unless --allow-control-characters; what it then signs verifies",
        arguments: [#"Ana\u0007Lima"#, #"Ana\u0000"#, #"Ana\bLima"#, #"Ana\u001FLima"#, #"Ana\u007FLima"#])
    func controlCharacters(name: String) throws {
        let keyPath = folder.appendingPathComponent("key.pem").path
        #expect(try Executables.run("attest", ["keys", "generate", "--out", keyPath]).status == 0)
        let input = try credential(named: name)
        let refused = try Executables.run("attest", ["sign", "--key", keyPath, "--suite", "eddsa-rdfc-2022", input])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("/credentialSubject/name holds the control character U+00"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--allow-control-characters"))
        #expect(refused.standardOutput.isEmpty)

        let insisted = try Executables.run(
            "attest", ["sign", "--key", keyPath, "--suite", "eddsa-rdfc-2022", "--allow-control-characters", input])
        #expect(insisted.status == 0, "\(insisted.standardError)")
        let signed = try write(insisted.standardOutput, "signed.json")
        let verified = try Executables.run("attest-verify", ["--offline", signed])
        #expect(verified.status == 0, "\(verified.standardOutput)")

        // eddsa-jcs-2022 escapes them the same way everywhere (RFC 8785): nothing to refuse.
        #expect(try Executables.run("attest", ["sign", "--key", keyPath, "--suite", "eddsa-jcs-2022", input]).status == 0)
    }

    @Test("tab, line feed and carriage return are escaped alike by every N-Quads writer, so they are signed without the option")
    func whitespaceControlsAreSigned() throws {
        let keyPath = folder.appendingPathComponent("key.pem").path
        #expect(try Executables.run("attest", ["keys", "generate", "--out", keyPath]).status == 0)
        let input = try credential(named: #"Ana\tLima\r\nSecond line"#)
        let signed = try Executables.run("attest", ["sign", "--key", keyPath, "--suite", "eddsa-rdfc-2022", input])
        #expect(signed.status == 0, "\(signed.standardError)")
    }
}

/// Base58 (Bitcoin alphabet) decoding, enough to read the published key pairs.
enum Base58Text {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")

    static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for character in text {
            guard var carry = alphabet.firstIndex(of: character) else { return nil }
            for index in bytes.indices.reversed() {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.insert(UInt8(carry & 0xFF), at: 0)
                carry >>= 8
            }
        }
        return Array(repeating: 0, count: text.prefix { $0 == "1" }.count) + bytes
    }
}
