import Foundation
import Testing

/// The real `attest deliver` against a real SMTP server (aiosmtpd) over TLS with a certificate from
/// a CA made by `openssl` in the test: STARTTLS with AUTH, implicit TLS (`smtps`), a wrong password,
/// and AUTH without TLS.
@Suite("attest deliver over SMTP with TLS and AUTH")
struct SMTPTLSTests {
    let folder: URL
    let authority: TestCertificateAuthority
    let server: TestCertificateAuthority.ServerCertificate

    init() throws {
        folder = try Executables.temporaryDirectory()
        authority = try TestCertificateAuthority()
        server = try authority.serverCertificate(named: "smtp")
    }

    /// An issuer (in its own sub-folder `name`) with two certificates waiting in the outbox; the data path.
    func issuerWithTwoEmails(_ name: String = "issuer") throws -> String {
        let issuerFolder = folder.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: issuerFolder, withIntermediateDirectories: true)
        let csv = issuerFolder.appendingPathComponent("two.csv")
        let lines = try String(
            contentsOf: IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/completions.csv"), encoding: .utf8
        )
        .split(separator: "\n").prefix(3)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: csv)
        return try DeliveryCLITests.issuer(in: issuerFolder, program: "program.json", importing: csv)
    }

    /// An aiosmtpd server in `mode` (`starttls`, `smtps` or `plain`) that accepts `user`/`password`.
    func smtpServer(_ mode: String, received: URL) throws -> (PythonHelper, Int) {
        try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        let helper = try PythonHelper(
            script: Self.script, arguments: [mode, server.certificateFile, server.keyFile, received.path, "mailer", "s3cret pass"])
        return (helper, try helper.port())
    }

    func deliver(_ data: String, smtpURL: String) throws -> Executables.Result {
        try Executables.run("attest", ["deliver", "--data", data], environment: ["ATTEST_SMTP_URL": smtpURL])
    }

    /// (state, attempts, lastError) of every outbox email row, read from the SQLite file with `sqlite3`.
    func outboxRows(_ data: String) throws -> [(state: String, attempts: Int, lastError: String)] {
        let result = try Executables.runProgram(
            "sqlite3",
            [
                "-separator", "\u{1F}", "\(data)/attest.sqlite",
                "SELECT state, attempts, coalesce(lastError, '') FROM outboxMessage WHERE channel = 'email'",
            ])
        try #require(result.status == 0, "\(result.standardError)")
        return result.standardOutput.split(separator: "\n").map { line in
            let fields = line.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], Int(fields[1]) ?? -1, fields.count > 2 ? fields[2] : "")
        }
    }

    func received(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    static let password = "s3cret%20pass"

    @Test("STARTTLS with AUTH: both messages arrive, the CA file is what makes the certificate trusted")
    func startTLSWithAuth() throws {
        let data = try issuerWithTwoEmails()
        let inbox = folder.appendingPathComponent("inbox")
        let (helper, port) = try smtpServer("starttls", received: inbox)
        defer { helper.stop() }
        // Without the CA file the system trust store does not know the test CA: nothing is sent.
        let untrusted = try deliver(data, smtpURL: "smtp://mailer:\(Self.password)@127.0.0.1:\(port)?starttls")
        #expect(untrusted.standardOutput.contains("sent 0"), "\(untrusted.standardOutput) \(untrusted.standardError)")
        #expect(try received(inbox).isEmpty)
        #expect(try outboxRows(data).allSatisfy { $0.state == "pending" && $0.lastError.contains("could not submit") })

        let trusted = "smtp://mailer:\(Self.password)@localhost:\(port)?starttls&ca-file=\(authority.caFile)"
        // Rows that failed are due again only after their back-off; a fresh issuer sends at once.
        let fresh = try issuerWithTwoEmails("fresh")
        let sent = try deliver(fresh, smtpURL: trusted)
        #expect(sent.status == 0, "\(sent.standardOutput) \(sent.standardError)")
        #expect(sent.standardOutput.contains("sent 2"), "\(sent.standardOutput) \(sent.standardError)")
        let messages = try received(inbox)
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.contains("Content-Type: application/pdf") })
        #expect(try outboxRows(fresh).allSatisfy { $0.state == "sent" })
    }

    @Test("implicit TLS (smtps) with AUTH delivers")
    func implicitTLS() throws {
        let data = try issuerWithTwoEmails()
        let inbox = folder.appendingPathComponent("inbox")
        let (helper, port) = try smtpServer("smtps", received: inbox)
        defer { helper.stop() }
        let sent = try deliver(data, smtpURL: "smtps://mailer:\(Self.password)@127.0.0.1:\(port)?ca-file=\(authority.caFile)")
        #expect(sent.status == 0, "\(sent.standardOutput) \(sent.standardError)")
        #expect(sent.standardOutput.contains("sent 2"))
        #expect(try received(inbox).count == 2)
    }

    @Test("a wrong password is a failed attempt with the server's own reply kept on the row")
    func wrongPassword() throws {
        let data = try issuerWithTwoEmails()
        let inbox = folder.appendingPathComponent("inbox")
        let (helper, port) = try smtpServer("starttls", received: inbox)
        defer { helper.stop() }
        let refused = try deliver(data, smtpURL: "smtp://mailer:wrong@127.0.0.1:\(port)?starttls&ca-file=\(authority.caFile)")
        #expect(refused.status != 0)
        #expect(!refused.standardOutput.contains("sent 2"))
        #expect(try received(inbox).isEmpty)
        let rows = try outboxRows(data)
        #expect(rows.count == 2)
        for row in rows {
            #expect(row.state != "sent")
            #expect(row.attempts == 1)
            #expect(row.lastError.contains("535 5.7.8 test sink: that password is wrong"), "\(row.lastError)")
        }
    }

    @Test("AUTH over a connection without TLS is refused unless ?allow-plaintext-auth says so")
    func plaintextAuth() throws {
        let data = try issuerWithTwoEmails()
        let inbox = folder.appendingPathComponent("inbox")
        let (helper, port) = try smtpServer("plain", received: inbox)
        defer { helper.stop() }
        let refused = try deliver(data, smtpURL: "smtp://mailer:\(Self.password)@127.0.0.1:\(port)")
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("refusing to send SMTP credentials"), "\(refused.standardError)")
        #expect(try received(inbox).isEmpty)
        // ?starttls against a server that offers none: the connection fails rather than go on in clear text.
        let required = try deliver(data, smtpURL: "smtp://mailer:\(Self.password)@127.0.0.1:\(port)?starttls&ca-file=\(authority.caFile)")
        #expect(required.standardOutput.contains("sent 0"), "\(required.standardOutput)")
        #expect(try received(inbox).isEmpty)

        let allowed = try deliver(
            try issuerWithTwoEmails("fresh"), smtpURL: "smtp://mailer:\(Self.password)@127.0.0.1:\(port)?allow-plaintext-auth")
        #expect(allowed.standardOutput.contains("sent 2"), "\(allowed.standardOutput) \(allowed.standardError)")
        #expect(try received(inbox).count == 2)
    }

    /// aiosmtpd: `starttls` (STARTTLS required before AUTH), `smtps` (TLS from the first byte) or
    /// `plain` (no TLS offered); AUTH required; messages saved as NNNN.eml.
    static let script = """
        import asyncio, os, ssl, sys
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        mode, cert, key, folder, user, password = sys.argv[1:7]

        class Sink:
            count = 0
            async def handle_DATA(self, server, session, envelope):
                Sink.count += 1
                path = os.path.join(folder, '%04d.eml' % Sink.count)
                with open(path + '.part', 'wb') as f:
                    f.write(envelope.original_content)
                os.rename(path + '.part', path)
                return '250 2.0.0 accepted'

        def authenticate(server, session, envelope, mechanism, auth_data):
            if isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode():
                return AuthResult(success=True)
            return AuthResult(success=False, handled=False, message='535 5.7.8 test sink: that password is wrong')

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)

        def factory():
            if mode == 'starttls':
                return SMTP(Sink(), hostname='localhost', tls_context=context, require_starttls=True,
                            authenticator=authenticate, auth_required=True, auth_require_tls=True)
            return SMTP(Sink(), hostname='localhost', authenticator=authenticate, auth_required=True, auth_require_tls=False)

        async def main():
            loop = asyncio.get_running_loop()
            server = await loop.create_server(factory, '127.0.0.1', 0, ssl=context if mode == 'smtps' else None)
            print(server.sockets[0].getsockname()[1], flush=True)
            await loop.run_in_executor(None, sys.stdin.read)

        asyncio.run(main())
        """
}
