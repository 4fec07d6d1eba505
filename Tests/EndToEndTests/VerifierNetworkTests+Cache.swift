import Foundation
import Testing

/// The status list cache (ttl, Cache-Control, corruption), saved lists and `--offline`, counted in requests.
extension VerifierNetworkTests {
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
        #expect(server.requestCount("/status/revocation-1") == before + 1)
        // The saved copy lives for max-age (1 s), not the list's longer ttl. Read from the file, not
        // timed: a loaded machine may take longer than 1 s between two runs.
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).compactMap {
            try JSONSerialization.jsonObject(with: Data(contentsOf: cache.appendingPathComponent($0))) as? [String: Any]
        }
        let revocation = try #require(
            entries.first { ($0["url"] as? String)?.hasSuffix("/status/revocation-1") == true }, "\(entries)")
        #expect(revocation["lifetime"] as? Double == 1)
        // And once it is stale, the next run fetches again (polled with a generous deadline).
        let deadline = Date().addingTimeInterval(60)
        var fetches = server.requestCount("/status/revocation-1")
        while fetches == before + 1, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try verify([issuer.good.json.path], cache: cache).status == 0)
            fetches = server.requestCount("/status/revocation-1")
        }
        #expect(fetches >= before + 2, "the stale copy was never fetched again")
        let refetched = server.requestCount("/status/revocation-1")

        try server.setRoutes(headers: ["Cache-Control": "no-store"])
        let noStore = fresh()
        #expect(try verify([issuer.good.json.path], cache: noStore).status == 0)
        #expect(try verify([issuer.good.json.path], cache: noStore).status == 0)
        #expect(server.requestCount("/status/revocation-1") == refetched + 2)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: noStore.path))?.isEmpty ?? true)
    }

    @Test("a folder of certificates from one issuer fetches its DID document and each list once")
    func oneFetchPerRun() throws {
        let before = server.requests().count
        let result = try verify([
            "--no-cache", issuer.good.pdf.path, issuer.revoked.pdf.path, issuer.suspended.pdf.path, issuer.good.json.path,
        ])
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("4 files: 2 valid, 2 invalid, 0 indeterminate, 0 unusable"))
        let paths = server.requests().dropFirst(before).map(\.path).sorted()
        #expect(paths == ["/.well-known/did.json", "/status/revocation-1", "/status/suspension-1"])
    }

    @Test("without --cache the cache lives in $XDG_CACHE_HOME/attest-verify")
    func defaultCacheFolder() throws {
        let home = fresh()
        let result = try Executables.run("attest-verify", ["--allow-local", issuer.good.json.path], environment: ["XDG_CACHE_HOME": home.path])
        #expect(result.status == 0, "\(result.standardOutput)")
        let files = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("attest-verify").path)
        #expect(files.count == 1, "the good certificate names one status list: \(files)")
        #expect(files.allSatisfy { $0.hasPrefix("status-") && $0.hasSuffix(".json") })
    }

    @Test("a corrupt cache file is ignored and the list fetched again")
    func corruptCache() throws {
        let cache = fresh()
        #expect(try verify([issuer.revoked.json.path], cache: cache).status == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(files.count == 1, "the revoked certificate names one status list: \(files)")
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
}
