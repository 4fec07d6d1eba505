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

    /// Runs attest-verify with a cache of its own (never the user's ~/.cache) unless told otherwise.
    func verify(_ arguments: [String], cache: URL? = nil) throws -> Executables.Result {
        let cacheArguments =
            arguments.contains("--no-cache") || arguments.contains("--offline") ? [] : ["--cache", (cache ?? fresh()).path]
        return try Executables.run("attest-verify", cacheArguments + arguments)
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

    @Test("a good certificate (PDF) is valid: its did:web key and both status lists are fetched from the issuer")
    func goodIsValid() throws {
        let result = try verify([issuer.good.pdf.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("VALID"))
        #expect(result.standardOutput.contains("signature verified with \(issuer.did)#key-1"))
        #expect(result.standardOutput.contains("not revoked (\(server.baseURL)/status/revocation-1"))
        #expect(result.standardOutput.contains("not suspended (\(server.baseURL)/status/suspension-1"))
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
        #expect(status.map { $0["outcome"] } == ["pass", "fail"])
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
        #expect(result.standardOutput.contains("answered with a different status list, \(server.baseURL)/status/suspension-1"))
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
        credential["credentialStatus"] = (credential["credentialStatus"] as! [[String: Any]]).map { entry in
            var entry = entry
            entry["statusListCredential"] = (entry["statusListCredential"] as! String).replacingOccurrences(
                of: server.baseURL, with: down.baseURL)
            return entry
        }
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

    @Test("a status list larger than 16 MiB is not read past the limit: indeterminate")
    func oversizedList() throws {
        try server.setRoutes(["/status/revocation-1": ["stream": 20 << 20]])
        let started = Date()
        let result = try verify([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("sent more than 16777216 bytes"))
        #expect(Date().timeIntervalSince(started) < 8)
    }

    @Test("a redirect to a file: URL is not followed: indeterminate, and the local file is not read")
    func redirectToFile() throws {
        // If it were followed, the good list on disk would make the certificate valid.
        let onDisk = folder.appendingPathComponent("revocation-1")
        try issuer.published["status/revocation-1"]!.write(to: onDisk)
        try server.setRoutes(["/status/revocation-1": ["status": 302, "headers": ["Location": onDisk.absoluteString]]])
        let result = try verify([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("redirected to \(onDisk.absoluteString), which is not followed"))
        #expect(server.requestCount(onDisk.path) == 0)
    }

    @Test("redirects: https-or-loopback targets are followed, at most 3; plain http elsewhere is refused")
    func redirects() throws {
        try server.setRoutes([
            "/status/revocation-1": ["status": 301, "headers": ["Location": "/moved/revocation-1"]],
            "/moved/revocation-1": ["status": 302, "headers": ["Location": "\(server.baseURL)/status/revocation-1-copy"]],
            "/status/suspension-1": ["status": 302, "headers": ["Location": "http://status.example.org/suspension-1"]],
            "/loop": ["status": 302, "headers": ["Location": "/loop"]],
        ])
        try issuer.serve(issuer.published["status/revocation-1"]!, at: "status/revocation-1-copy")
        let result = try verify(["--json", issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let status = (report["checks"] as? [[String: String]] ?? []).filter { $0["check"] == "status" }
        #expect(status.first?["outcome"] == "pass")
        #expect(status.last?["outcome"] == "indeterminate")
        #expect(status.last?["message"]?.contains("plain http:// is fetched only from this machine") == true)

        let loop = try verify(["\(server.baseURL)/loop"])
        #expect(loop.status == 2)
        #expect(loop.standardError.contains("redirected more than 3 times"))
        #expect(server.requestCount("/loop") == 4)
    }

    @Test("a status list server that does not answer in time: indeterminate after --timeout")
    func slowServer() throws {
        try server.setRoutes(["/status/revocation-1": ["delay": 4, "status": 200, "body": "{}"]])
        let started = Date()
        let result = try verify(["--timeout", "1", issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("did not answer in full within 1 s"))
        #expect(Date().timeIntervalSince(started) < 3.5)
    }

    @Test("an unreachable did:web document makes the key binding indeterminate; --trust answers without fetching it")
    func didDocument() throws {
        try FileManager.default.removeItem(at: server.root.appendingPathComponent(".well-known/did.json"))
        let result = try verify([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("could not be resolved: the DID document of \(issuer.did) could not be fetched"))

        let trustFile = folder.appendingPathComponent("did.json")
        try issuer.published[".well-known/did.json"]!.write(to: trustFile)
        let before = server.requestCount("/.well-known/did.json")
        let trusted = try verify(["--trust", trustFile.path, issuer.good.json.path])
        #expect(trusted.status == 0, "\(trusted.standardOutput)")
        #expect(trusted.standardOutput.contains("is in the trust list"))
        #expect(server.requestCount("/.well-known/did.json") == before)
    }

    @Test("did:web with a path resolves at /path/did.json; a document there for another DID is refused")
    func didWebWithPath() throws {
        let key = folder.appendingPathComponent("second-test-key.pem").path
        let generated = try Executables.run("attest", ["keys", "generate", "--out", key])
        let multibase = try #require(
            generated.standardOutput.split(separator: "\n").first { $0.hasPrefix("publicKeyMultibase") }?.split(separator: " ").last)
        let did = "\(issuer.did):issuers:second"
        func document(id: String) throws -> Data {
            try JSONSerialization.data(withJSONObject: [
                "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"], "id": id,
                "verificationMethod": [
                    ["id": "\(did)#key-1", "type": "Multikey", "controller": did, "publicKeyMultibase": String(multibase)]
                ],
                "assertionMethod": ["\(did)#key-1"],
            ])
        }
        try issuer.serve(try document(id: did), at: "issuers/second/did.json")
        let signed = try Executables.run(
            "attest", ["sign", "--key", key, "--verification-method", "\(did)#key-1", Executables.fixture("unsigned-credential.json").path])
        #expect(signed.status == 0, "\(signed.standardError)")
        let path = folder.appendingPathComponent("second.json")
        try Data(signed.standardOutput.utf8).write(to: path)

        let result = try verify([path.path])
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("signature verified with \(did)#key-1"))
        #expect(server.requestCount("/issuers/second/did.json") == 1)

        try issuer.serve(try document(id: issuer.did), at: "issuers/second/did.json")
        let impostor = try verify([path.path])
        #expect(impostor.status == 1, "\(impostor.standardOutput)")
        #expect(impostor.standardOutput.contains("holds the document of \(issuer.did), not of \(did)"))
    }

    // MARK: cache and offline

    @Test("status lists saved with --status-list are used online instead of fetching them")
    func savedListsOnline() throws {
        var arguments: [String] = []
        for name in ["revocation-1", "suspension-1"] {
            let path = folder.appendingPathComponent(name)
            try issuer.published["status/\(name)"]!.write(to: path)
            arguments += ["--status-list", path.path]
        }
        try FileManager.default.removeItem(at: server.root.appendingPathComponent("status"))
        let before = server.requests().filter { $0.path.hasPrefix("/status/") }.count
        let result = try verify(arguments + [issuer.revoked.json.path])
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("INVALID: revoked"))
        #expect(server.requests().filter { $0.path.hasPrefix("/status/") }.count == before)
    }

    @Test("within the list's ttl a second run reads the cache and sends no request; --no-cache fetches again")
    func cacheWithinTTL() throws {
        let cache = fresh()
        let before = server.requestCount("/status/revocation-1")
        #expect(try verify([issuer.good.json.path], cache: cache).status == 0)
        #expect(server.requestCount("/status/revocation-1") == before + 1)
        #expect(try verify([issuer.good.json.path], cache: cache).status == 0)
        #expect(server.requestCount("/status/revocation-1") == before + 1)
        #expect(try verify(["--no-cache", issuer.good.json.path]).status == 0)
        #expect(server.requestCount("/status/revocation-1") == before + 2)
    }

    @Test("Cache-Control: max-age shorter than the ttl wins; no-store keeps nothing")
    func cacheControl() throws {
        let cache = fresh()
        try server.setRoutes(headers: ["Cache-Control": "max-age=1"])
        let before = server.requestCount("/status/revocation-1")
        #expect(try verify([issuer.good.json.path], cache: cache).status == 0)
        #expect(try verify([issuer.good.json.path], cache: cache).status == 0)
        #expect(server.requestCount("/status/revocation-1") == before + 1)
        Thread.sleep(forTimeInterval: 1.2)
        #expect(try verify([issuer.good.json.path], cache: cache).status == 0)
        #expect(server.requestCount("/status/revocation-1") == before + 2)

        try server.setRoutes(headers: ["Cache-Control": "no-store"])
        let noStore = fresh()
        #expect(try verify([issuer.good.json.path], cache: noStore).status == 0)
        #expect(try verify([issuer.good.json.path], cache: noStore).status == 0)
        #expect(server.requestCount("/status/revocation-1") == before + 4)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: noStore.path))?.isEmpty ?? true)
    }

    @Test("a corrupt cache file is ignored and the list fetched again")
    func corruptCache() throws {
        let cache = fresh()
        #expect(try verify([issuer.revoked.json.path], cache: cache).status == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(files.count == 2)
        for file in files {
            try Data("{\"url\": \"truncated".utf8).write(to: cache.appendingPathComponent(file))
        }
        let before = server.requestCount("/status/revocation-1")
        let result = try verify([issuer.revoked.json.path], cache: cache)
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("INVALID: revoked"))
        #expect(server.requestCount("/status/revocation-1") == before + 1)
    }

    @Test("--offline sends no request: did:web without --trust is indeterminate; with --trust and saved lists the verdicts stand")
    func offline() throws {
        let before = server.requests().count
        let result = try verify(["--offline", issuer.good.json.path, "\(server.baseURL)/c/\(issuer.good.id)"])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("INDETERMINATE"))

        var arguments = ["--offline"]
        for name in ["did.json", "revocation-1", "suspension-1"] {
            let path = folder.appendingPathComponent(name)
            try issuer.published[name == "did.json" ? ".well-known/did.json" : "status/\(name)"]!.write(to: path)
            arguments += [name == "did.json" ? "--trust" : "--status-list", path.path]
        }
        let audit = try verify(arguments + [issuer.good.pdf.path, issuer.revoked.pdf.path, issuer.suspended.json.path])
        #expect(audit.status == 1, "\(audit.standardOutput)")
        #expect(audit.standardOutput.contains("3 files: 1 valid, 2 invalid, 0 indeterminate, 0 unusable"))
        #expect(server.requests().count == before)
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
