import Foundation
import Testing

/// Issue 14, point 10: a credential (or a URL handed to the verifier) cannot make attest-verify call
/// services on this machine or its network unless `--allow-local`, nor hop to another host by
/// redirect, and a failed fetch does not repeat what the probed service answered.
extension VerifierNetworkTests {
    /// attest-verify exactly as a user runs it: no `--allow-local`.
    func verifyWithoutAllowLocal(_ arguments: [String]) throws -> Executables.Result {
        try Executables.run("attest-verify", ["--no-cache"] + arguments)
    }

    @Test("without --allow-local, loopback targets are refused before any connection (unusable, exit 2)")
    func loopbackRefused() throws {
        let path = "/c/\(issuer.good.id)"
        let before = server.requestCount(path)
        for url in [
            "\(server.baseURL)\(path)", "http://[::1]:\(server.port)\(path)", "https://127.0.0.1:\(server.port)\(path)",
            "https://[::ffff:127.0.0.1]:\(server.port)\(path)", "https://0.0.0.0:\(server.port)\(path)",
        ] {
            let result = try verifyWithoutAllowLocal([url])
            #expect(result.status == 2, "\(url): \(result.standardOutput)\(result.standardError)")
            #expect(result.standardError.contains("refused to fetch \(url)"), "\(result.standardError)")
            #expect(result.standardError.contains("only with --allow-local"), "\(result.standardError)")
        }
        #expect(server.requestCount(path) == before)
        // The same URL with --allow-local is fetched: the refusal is the flag's doing.
        let allowed = try Executables.run("attest-verify", ["--allow-local", "--no-cache", "\(server.baseURL)\(path)"])
        #expect(allowed.status == 0, "\(allowed.standardOutput)\(allowed.standardError)")
        #expect(server.requestCount(path) == before + 1)
    }

    @Test(
        "without --allow-local, private, link-local and unique-local literals are refused",
        arguments: [
            ("https://10.1.2.3/status/1", "a private network (10.0.0.0/8)"),
            ("https://172.20.0.5/status/1", "a private network (172.16.0.0/12)"),
            ("https://192.168.1.1/status/1", "a private network (192.168.0.0/16)"),
            ("https://169.254.169.254/latest/meta-data/", "link-local (169.254.0.0/16)"),
            ("https://100.64.0.1/", "shared address space (100.64.0.0/10)"),
            ("https://[fd12:3456::1]/status/1", "a unique-local network (fc00::/7)"),
            ("https://[fe80::1]/status/1", "link-local (fe80::/10)"),
        ])
    func privateRangesRefused(url: String, range: String) throws {
        // Refused by the policy, before any I/O. The verifier runs in a network namespace of its own
        // with no interface up (`unshare -n`), so even a broken policy could send nothing to these
        // addresses: the test only ever talks to this machine.
        let verifier = Executables.binDirectory.appendingPathComponent("attest-verify").path
        let result = try Executables.runProgram("unshare", ["-n", verifier, "--no-cache", "--timeout", "1", url])
        #expect(result.status == 2)
        #expect(result.standardError.contains("refused to fetch \(url)"), "\(result.standardError)")
        #expect(result.standardError.contains("is \(range)"), "\(result.standardError)")
    }

    @Test("names that resolve to this machine are refused too: localhost, 127.1, 2130706433")
    func namesResolvingToLoopbackRefused() throws {
        let path = "/c/\(issuer.good.id)"
        let before = server.requestCount(path)
        let named = try verifyWithoutAllowLocal(["http://localhost:\(server.port)\(path)"])
        #expect(named.status == 2)
        #expect(named.standardError.contains("localhost is this machine"), "\(named.standardError)")
        // Odd spellings are not IP literals to the policy; the resolver turns them into 127.0.0.1, which is checked.
        for host in ["127.1", "2130706433"] {
            let result = try verifyWithoutAllowLocal(["https://\(host):\(server.port)\(path)"])
            #expect(result.status == 2)
            #expect(result.standardError.contains("\(host) resolves to 127.0.0.1, this machine"), "\(result.standardError)")
        }
        #expect(server.requestCount(path) == before)
    }

    @Test("a did:web issuer and status lists on this machine are indeterminate without --allow-local, never fetched")
    func credentialPointingAtLoopback() throws {
        let (documents, lists) = (server.requestCount("/.well-known/did.json"), server.requestCount("/status/revocation-1"))
        let result = try verifyWithoutAllowLocal([issuer.good.json.path])
        #expect(result.status == 3, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("only with --allow-local"), "\(result.standardOutput)")
        #expect(server.requestCount("/.well-known/did.json") == documents)
        #expect(server.requestCount("/status/revocation-1") == lists)
    }

    @Test("a redirect to another host (another port of this machine) is not followed, even with --allow-local")
    func redirectToAnotherHost() throws {
        let other = try LoopbackServer()
        defer { other.stop() }
        try other.setRoutes(["/internal": ["status": 200, "body": "{}"]])
        try server.setRoutes(["/c/hop": ["status": 302, "headers": ["Location": "\(other.baseURL)/internal?token=SECRET-4711"]]])
        let result = try verify(["\(server.baseURL)/c/hop"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("redirected to \(other.baseURL), which is not followed"), "\(result.standardError)")
        #expect(result.standardError.contains("a redirect is followed only on the same host, port and scheme"))
        #expect(!result.standardError.contains("SECRET-4711"))
        #expect(other.requestCount("/internal") == 0)
    }

    @Test("a failed fetch does not repeat what the probed service answered")
    func probedAnswerNotEchoed() throws {
        let banner = "redis_version:7.2.4 SECRET-BANNER-4711"
        try server.setRoutes([
            "/probe/error": ["status": 500, "body": banner],
            "/probe/ok": ["status": 200, "body": banner],
            "/status/revocation-1": ["status": 200, "body": "-ERR \(banner)"],
            "/.well-known/did.json": ["status": 200, "body": "<html>\(banner)</html>"],
        ])
        let direct = try verify(["\(server.baseURL)/probe/error"])
        #expect(direct.status == 2)
        #expect(direct.standardError.contains("answered HTTP 500"), "\(direct.standardError)")
        let answered = try verify(["\(server.baseURL)/probe/ok"])
        #expect(answered.status == 2)
        #expect(answered.standardError.contains("/probe/ok did not answer with JSON (syntax at byte 0)"), "\(answered.standardError)")
        let listed = try verify([issuer.good.json.path])
        #expect(listed.status == 3, "\(listed.standardOutput)")
        #expect(listed.standardOutput.contains("did not answer with a JSON status list (syntax at byte"), "\(listed.standardOutput)")
        #expect(listed.standardOutput.contains("did not answer with JSON (syntax at byte"), "\(listed.standardOutput)")
        for output in [direct, answered, listed].map({ $0.standardOutput + $0.standardError }) {
            #expect(!output.contains("SECRET-BANNER"), "\(output)")
            #expect(!output.contains("redis_version"), "\(output)")
        }
    }
}
