import Foundation
import Testing

/// `attest-verify` online, against a real HTTP server on 127.0.0.1 that serves a real issuer's
/// did:web document and status lists: good, revoked and suspended certificates give their
/// verdicts; every way a status list can be missing, stale, forged or hostile gives
/// indeterminate (exit 3), never valid; the cache honours ttl and Cache-Control; `--offline`
/// sends nothing.
///
/// One server and one issuer serve the whole suite, so its tests run one at a time, each starting
/// from the site as published.
@Suite("attest-verify against a loopback issuer", .serialized)
struct VerifierNetworkTests {
    let issuer: LoopbackIssuer
    let server: LoopbackServer
    let folder: URL

    init() throws {
        issuer = try LoopbackIssuer.shared.get()
        server = issuer.server
        try issuer.resetSite()
        folder = try Executables.temporaryDirectory()
    }

    /// Runs attest-verify with a cache of its own (never the user's ~/.cache) unless told otherwise, and
    /// `--allow-local`: the issuer lives on 127.0.0.1, which is refused without it.
    func verify(_ arguments: [String], cache: URL? = nil) throws -> Executables.Result {
        let cacheArguments =
            arguments.contains("--no-cache") || arguments.contains("--offline") ? [] : ["--cache", (cache ?? fresh()).path]
        return try Executables.run("attest-verify", ["--allow-local"] + cacheArguments + arguments)
    }

    func fresh() -> URL {
        folder.appendingPathComponent(UUID().uuidString)
    }

    func write(_ object: [String: Any], _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
        return url
    }

    /// Serves `list` at the revocation list's URL in place of the issuer's own.
    func serveRevocationList(_ list: [String: Any]) throws {
        try issuer.serve(try JSONSerialization.data(withJSONObject: list), at: "status/revocation-1")
    }

    // MARK: verdicts from live lists

    @Test("a good certificate (PDF) is valid: its did:web key and its one status list are fetched from the issuer")
    func goodIsValid() throws {
        let result = try verify([issuer.good.pdf.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("VALID"))
        #expect(result.standardOutput.contains("signature verified with \(issuer.did)#key-1"))
        #expect(result.standardOutput.contains("not revoked (\(server.baseURL)/status/revocation-1"))
        // One status entry (Open Badges 3.0): the program's default purpose, revocation.
        #expect(!result.standardOutput.contains("suspension-1"), "\(result.standardOutput)")
        #expect(server.requestCount("/.well-known/did.json") >= 1)
    }

    @Test("a revoked certificate is invalid (exit 1)")
    func revokedIsInvalid() throws {
        let result = try verify([issuer.revoked.json.path])
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("INVALID: revoked"))
    }

    @Test("a suspended certificate is invalid with the reason \"suspended\"")
    func suspendedIsInvalid() throws {
        let result = try verify(["--json", issuer.suspended.pdf.path])
        #expect(result.status == 1, "\(result.standardOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(report["verdict"] as? String == "invalid")
        let status = (report["checks"] as? [[String: String]] ?? []).filter { $0["check"] == "status" }
        #expect(status.map { $0["outcome"] } == ["fail"])
        #expect(status.last?["message"] == "suspended")
    }

    @Test("a credential URL is fetched with Accept: application/vc and verified")
    func credentialURL() throws {
        let url = "\(server.baseURL)/c/\(issuer.good.id)"
        let result = try verify([url])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("\(url): VALID"))
        let accept = try #require(server.requests().last { $0.path == "/c/\(issuer.good.id)" }?.accept)
        #expect(accept.hasPrefix("application/vc"))
        #expect(accept.contains("application/json"))

        let missing = try verify(["\(server.baseURL)/c/NOSUCHID"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("answered HTTP 404"))
    }

    // MARK: fail-closed: nothing that could not be checked is valid

    @Test("a status list past its validUntil makes status indeterminate (exit 3)")
    func expiredList() throws {
        // Lists are valid for 7 days and the certificate for 3 years: judged in 8 days, only the lists have expired.
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(8 * 24 * 3600))
        let result = try verify(["--at", later, issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("INDETERMINATE: revocation status unknown: the status list has expired"))
    }

    @Test("an unsigned status list makes status indeterminate")
    func unsignedList() throws {
        var list = try issuer.list("revocation-1")
        list["proof"] = nil
        try serveRevocationList(list)
        let result = try verify([issuer.revoked.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("revocation status unknown: the status list is not properly signed"))
    }

    @Test("a status list whose revoked bit was cleared without re-signing makes status indeterminate, not valid")
    func tamperedList() throws {
        // The attack: clear the revoked certificate's bit (gzip and base64url done right), keep the old proof.
        let index = try issuer.statusIndex(of: issuer.revoked, purpose: "revocation")
        let original = folder.appendingPathComponent("revocation-1.json")
        try issuer.published["status/revocation-1"]!.write(to: original)
        let tampered = folder.appendingPathComponent("tampered.json")
        let cleared = try Executables.runProgram("python3", ["-c", Self.clearBit, original.path, String(index), tampered.path])
        #expect(cleared.standardOutput == "was 1\n", "\(cleared.standardError)")
        try issuer.serve(try Data(contentsOf: tampered), at: "status/revocation-1")

        let result = try verify([issuer.revoked.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("revocation status unknown: the status list is not properly signed"))
    }

    @Test("a status list signed by another issuer makes status indeterminate")
    func listOfAnotherIssuer() throws {
        let otherKey = folder.appendingPathComponent("other-test-key.pem").path
        #expect(try Executables.run("attest", ["keys", "generate", "--out", otherKey]).status == 0)
        var list = try issuer.list("revocation-1")
        list["proof"] = nil
        list["issuer"] = nil  // attest sign makes the key's did:key the issuer
        let signed = try Executables.run("attest", ["sign", "--key", otherKey, try write(list, "unsigned-list.json").path])
        #expect(signed.status == 0, "\(signed.standardError)")
        try issuer.serve(Data(signed.standardOutput.utf8), at: "status/revocation-1")

        let result = try verify([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("the status list is issued by did:key:"))
        #expect(result.standardOutput.contains("not by the credential's issuer \(issuer.did)"))
    }

    @Test("a status list signed with another key in the issuer's name makes status indeterminate")
    func listSignedWithAnotherKey() throws {
        let otherKey = folder.appendingPathComponent("other-test-key.pem").path
        #expect(try Executables.run("attest", ["keys", "generate", "--out", otherKey]).status == 0)
        var list = try issuer.list("revocation-1")
        list["proof"] = nil
        let signed = try Executables.run(
            "attest",
            ["sign", "--key", otherKey, "--verification-method", "\(issuer.did)#key-1", try write(list, "unsigned-list.json").path])
        #expect(signed.status == 0, "\(signed.standardError)")
        try issuer.serve(Data(signed.standardOutput.utf8), at: "status/revocation-1")

        let result = try verify([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("the status list is not properly signed"))
    }

    @Test("another list of the same issuer served at the revocation list's URL makes status indeterminate")
    func wrongListAtURL() throws {
        try issuer.serve(issuer.published["status/suspension-1"]!, at: "status/revocation-1")
        let result = try verify([issuer.revoked.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("answered with a different status list (its id is another URL)"))
    }

    @Test("a missing status list (404) makes status indeterminate")
    func missingList() throws {
        try FileManager.default.removeItem(at: server.root.appendingPathComponent("status/revocation-1"))
        let result = try verify([issuer.good.pdf.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("revocation status unknown: the status list could not be fetched"))
        #expect(result.standardOutput.contains("answered HTTP 404"))
    }

    @Test("a status list host that is down makes status indeterminate")
    func serverDown() throws {
        // A certificate of this issuer (re-signed with its key) whose lists live on a server that has stopped.
        let down = try LoopbackServer()
        down.stop()
        var credential = try JSONSerialization.jsonObject(with: Data(contentsOf: issuer.good.json)) as! [String: Any]
        credential["proof"] = nil
        // One status entry, an object (Open Badges 3.0).
        var entry = try #require(credential["credentialStatus"] as? [String: Any])
        entry["statusListCredential"] = (entry["statusListCredential"] as! String).replacingOccurrences(
            of: server.baseURL, with: down.baseURL)
        credential["credentialStatus"] = entry
        let signed = try Executables.run(
            "attest",
            ["sign", "--key", issuer.keyPath, "--verification-method", "\(issuer.did)#key-1", try write(credential, "moved.json").path])
        #expect(signed.status == 0, "\(signed.standardError)")
        let path = folder.appendingPathComponent("moved-signed.json")
        try Data(signed.standardOutput.utf8).write(to: path)

        let result = try verify([path.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("[ok  ] proof"))
        #expect(
            result.standardOutput.contains(
                "INDETERMINATE: revocation status unknown: the status list could not be fetched: \(down.baseURL)"))
    }

    /// python3 -c CLEAR_BIT LIST INDEX OUT: clears bit INDEX (MSB first) of the list's encodedList,
    /// prints its old value, writes the list with the old proof.
    static let clearBit = """
        import base64, gzip, json, sys
        list = json.load(open(sys.argv[1]))
        index = int(sys.argv[2])
        encoded = list["credentialSubject"]["encodedList"][1:]
        bits = bytearray(gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))))
        print("was", (bits[index // 8] >> (7 - index % 8)) & 1)
        bits[index // 8] &= ~(1 << (7 - index % 8)) & 0xFF
        list["credentialSubject"]["encodedList"] = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")
        json.dump(list, open(sys.argv[3], "w"))
        """
}
