import Foundation
import Testing

/// The real `attest-verify` over HTTPS: an issuer whose did:web and status lists live on a local
/// TLS server (Python's http.server in `ssl`) with certificates from a CA made by `openssl` here.
/// With the CA file and a good certificate everything is fetched and checked; a certificate for
/// another host name, an expired one, and a self-signed one not in the CA file each leave the
/// verdict INDETERMINATE with the TLS failure named — never VALID.
@Suite("attest-verify over HTTPS with --ca-file")
struct VerifierTLSTests {
    let authority: TestCertificateAuthority
    let server: PythonHelper
    let port: Int
    /// Which certificate the server presents on the next connection (`good`, `wrongHost`, `expired`, `selfSigned`).
    let modeFile: URL
    let good: String
    let revoked: String
    let goodFile: String

    init() throws {
        authority = try TestCertificateAuthority()
        let folder = try Executables.temporaryDirectory()
        let site = folder.appendingPathComponent("site", isDirectory: true)
        modeFile = folder.appendingPathComponent("mode")
        try Data("good".utf8).write(to: modeFile)
        var certificates: [String] = []
        for (name, certificate) in [
            ("good", try authority.serverCertificate(named: "good")),
            ("wrongHost", try authority.serverCertificate(named: "wrong-host", for: ["other.example"])),
            ("expired", try authority.serverCertificate(named: "expired", expired: true)),
            ("selfSigned", try authority.selfSignedCertificate(named: "self-signed")),
        ] {
            certificates += [name, certificate.certificateFile, certificate.keyFile]
        }
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        server = try PythonHelper(script: Self.script, arguments: [site.path, modeFile.path] + certificates)
        port = try server.port()

        // An issuer whose public address is that server: did:web:127.0.0.1%3APORT, lists at https://127.0.0.1:PORT/status/…
        let data = folder.appendingPathComponent("data").path
        func attest(_ arguments: [String]) throws -> String {
            let result = try Executables.run("attest", arguments + ["--data", data])
            try #require(result.status == 0, "attest \(arguments[0]): \(result.standardError)")
            return result.standardOutput
        }
        _ = try attest([
            "init", "--name", "TLS Test Academy", "--base-url", "https://127.0.0.1:\(port)", "--keys",
            folder.appendingPathComponent("keys").path,
        ])
        _ = try attest(["programs", "add", IssuerWorkspace.exampleProgram])
        var ids: [String] = []
        for learner in 1...2 {
            let output = try attest([
                "issue", "--program", IssuerWorkspace.programID, "--learner-id", "tls-\(learner)", "--email", "tls\(learner)@example.org",
                "--name", "Learner \(learner)", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds",
                "--module", "harness",
            ])
            ids.append(try #require(output.hasPrefix("issued ") ? output.split(separator: " ").dropFirst().first.map(String.init) : nil))
        }
        (good, revoked) = (ids[0], ids[1])
        _ = try attest(["revoke", revoked, "--reason", "issued in error"])
        let exported = folder.appendingPathComponent("certificates")
        for id in ids { _ = try attest(["credentials", "export", id, "--out", exported.path]) }
        goodFile = exported.appendingPathComponent("\(good).json").path
        _ = try attest(["status-lists", "publish", "--out", site.path])
        try FileManager.default.createDirectory(at: site.appendingPathComponent(".well-known"), withIntermediateDirectories: true)
        try Data(try attest(["keys", "export-public"]).utf8).write(to: site.appendingPathComponent(".well-known/did.json"))
        try FileManager.default.createDirectory(at: site.appendingPathComponent("c"), withIntermediateDirectories: true)
        for id in ids {
            try FileManager.default.copyItem(
                at: exported.appendingPathComponent("\(id).json"), to: site.appendingPathComponent("c/\(id)"))
        }
    }

    func verify(_ arguments: [String], caFile: Bool = true) throws -> Executables.Result {
        try Executables.run(
            "attest-verify",
            ["--allow-local", "--no-cache", "--timeout", "30"] + (caFile ? ["--ca-file", authority.caFile] : []) + arguments)
    }

    @Test("a good certificate from the CA file: the credential URL, did:web and the status lists are fetched over TLS")
    func goodCertificate() throws {
        let valid = try verify(["https://127.0.0.1:\(port)/c/\(good)"])
        #expect(valid.status == 0, "\(valid.standardOutput) \(valid.standardError)")
        #expect(valid.standardOutput.contains(": VALID"), "\(valid.standardOutput)")
        #expect(valid.standardOutput.contains("the key is listed under the issuer's assertionMethod"))
        let revokedResult = try verify(["https://127.0.0.1:\(port)/c/\(revoked)"])
        #expect(revokedResult.status == 1, "\(revokedResult.standardOutput) \(revokedResult.standardError)")
        #expect(revokedResult.standardOutput.contains("revoked"), "\(revokedResult.standardOutput)")
    }

    @Test("without the CA file the test CA is not trusted: never VALID")
    func unknownAuthority() throws {
        let result = try verify([goodFile], caFile: false)
        #expect(result.status == 3, "\(result.standardOutput) \(result.standardError)")
        #expect(!result.standardOutput.contains(": VALID"))
    }

    @Test(
        "a bad server certificate leaves the verdict INDETERMINATE with the TLS reason", arguments: ["wrongHost", "expired", "selfSigned"])
    func badCertificate(mode: String) throws {
        try Data(mode.utf8).write(to: modeFile)
        defer { try? Data("good".utf8).write(to: modeFile) }
        let result = try verify([goodFile])
        #expect(result.status == 3, "\(result.standardOutput) \(result.standardError)")
        #expect(result.standardOutput.contains("INDETERMINATE"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains(": VALID"))
        let reason =
            mode == "wrongHost"
            ? "TLS failed: the server's certificate is not for this host name" : "TLS failed: the server's certificate was refused"
        #expect(result.standardOutput.contains(reason), "\(result.standardOutput)")
        let url = try verify(["https://127.0.0.1:\(port)/c/\(good)"])
        #expect(url.status != 0, "\(url.standardOutput)")
        #expect(!url.standardOutput.contains(": VALID"))
    }

    @Test(
        "the --ca-file path keeps the verifier's limits: no redirect to another host, a size limit, one deadline",
        arguments: [
            ("/redirect-elsewhere", "not followed"), ("/too-large", "more than"), ("/trickle", "did not answer in full within 3 s"),
        ])
    func limits(path: String, message: String) throws {
        let result = try Executables.run(
            "attest-verify",
            ["--allow-local", "--no-cache", "--timeout", "3", "--ca-file", authority.caFile, "https://127.0.0.1:\(port)\(path)"])
        #expect(result.status == 2, "\(result.standardOutput) \(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    /// An HTTPS server on 127.0.0.1 (port 0, printed) serving `site` as JSON; each connection gets
    /// the certificate named in the mode file. Runs until standard input closes.
    static let script = """
        import os, ssl, sys, threading, time
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

        site, mode_file = sys.argv[1], sys.argv[2]
        contexts = {}
        rest = sys.argv[3:]
        for i in range(0, len(rest), 3):
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(rest[i + 1], rest[i + 2])
            contexts[rest[i]] = context

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == '/redirect-elsewhere':
                    self.send_response(302)
                    self.send_header('Location', 'https://localhost:%d/c/x' % self.server.server_address[1])
                    self.send_header('Content-Length', '0'); self.end_headers(); return
                if self.path == '/too-large':
                    self.send_response(200); self.send_header('Content-Length', str(3 << 20)); self.end_headers()
                    self.wfile.write(b' ' * (3 << 20)); return
                if self.path == '/trickle':
                    self.send_response(200); self.send_header('Content-Length', '1000'); self.end_headers()
                    for _ in range(60):
                        self.wfile.write(b' '); self.wfile.flush(); time.sleep(1)
                    return
                path = os.path.normpath(os.path.join(site, self.path.split('?')[0].lstrip('/')))
                if not path.startswith(site) or not os.path.isfile(path):
                    self.send_response(404); self.send_header('Content-Length', '0'); self.end_headers(); return
                body = open(path, 'rb').read()
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            def get_request(self):
                connection, address = self.socket.accept()
                mode = open(mode_file).read().strip()
                return contexts[mode].wrap_socket(connection, server_side=True, do_handshake_on_connect=False), address
            def handle_error(self, request, address):
                pass

        server = Server(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sys.stdin.read()
        """
}
