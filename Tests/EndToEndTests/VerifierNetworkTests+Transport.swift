import Foundation
import Testing

/// The fetcher's limits and rules, seen from the verdict: sizes, redirects, time, DID documents.
extension VerifierNetworkTests {
    @Test("a status list larger than 16 MiB is not read past the limit: indeterminate")
    func oversizedList() throws {
        try server.setRoutes(["/status/revocation-1": ["stream": 20 << 20]])
        let result = try verify([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        // The message says where reading stopped; no stopwatch (a loaded machine is slow, not wrong).
        #expect(result.standardOutput.contains("sent more than 16777216 bytes"))
    }

    @Test("a redirect to a file: URL is not followed: indeterminate, and the local file is not read")
    func redirectToFile() throws {
        // If it were followed, the good list on disk would make the certificate valid.
        let onDisk = folder.appendingPathComponent("revocation-1")
        try issuer.published["status/revocation-1"]!.write(to: onDisk)
        try server.setRoutes(["/status/revocation-1": ["status": 302, "headers": ["Location": onDisk.absoluteString]]])
        let result = try verify([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("redirected to a file: URL, which is not followed"))
        #expect(server.requestCount(onDisk.path) == 0)
    }

    @Test("redirects: targets on the same host are followed, at most 3; another host is refused")
    func redirects() throws {
        try server.setRoutes([
            "/status/revocation-1": ["status": 301, "headers": ["Location": "/moved/revocation-1"]],
            "/moved/revocation-1": ["status": 302, "headers": ["Location": "\(server.baseURL)/status/revocation-1-copy"]],
            "/status/suspension-1": ["status": 302, "headers": ["Location": "http://status.example.org/suspension-1"]],
            "/loop": ["status": 302, "headers": ["Location": "/loop"]],
        ])
        try issuer.serve(issuer.published["status/revocation-1"]!, at: "status/revocation-1-copy")
        // One status entry per certificate: the good one's list is followed on the same host, the
        // suspended one's list is redirected to another host.
        let followed = try verify(["--json", issuer.good.json.path])
        #expect(followed.status == 0, "\(followed.standardOutput)")
        let result = try verify(["--json", issuer.suspended.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let status = (report["checks"] as? [[String: String]] ?? []).filter { $0["check"] == "status" }
        #expect(server.requestCount("/status/revocation-1-copy") >= 1)
        #expect(status.count == 1)
        #expect(status.last?["outcome"] == "indeterminate")
        #expect(status.last?["message"]?.contains("redirected to http://status.example.org, which is not followed") == true)
        #expect(status.last?["message"]?.contains("a redirect is followed only on the same host, port and scheme") == true)

        let loop = try verify(["\(server.baseURL)/loop"])
        #expect(loop.status == 2)
        #expect(loop.standardError.contains("redirected more than 3 times"))
        #expect(server.requestCount("/loop") == 4)
    }

    @Test("a status list server that does not answer in time: indeterminate after --timeout")
    func slowServer() throws {
        try server.setRoutes(["/status/revocation-1": ["delay": 4, "status": 200, "body": "{}"]])
        let result = try verify(["--timeout", "1", issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        // The message proves the 1 s limit cut the fetch (the body would come after 4 s); no stopwatch.
        #expect(result.standardOutput.contains("did not answer in full within 1 s"))
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
        #expect(impostor.standardOutput.contains("holds the document of another DID, not of \(did)"))
    }
}
