import Delivery
import Foundation
import IssuerCore
import TestSupport
import Testing

/// Issue 21 point 4: the certificate email carries "Add to wallet" as a link and as a QR code, an
/// inline PNG (`multipart/related`, `cid:`) that a real QR reader (zbar) turns back into the link.
@Suite("The certificate email's wallet QR code, through a real SMTP server")
struct WalletQREmailTests {
    @Test("an inline PNG whose Content-ID the HTML names and which zbarimg decodes to the email's wallet link")
    func inlineQRCode() async throws {
        let fixture = try await DeliveryFixture()
        let issued = try await fixture.issue(eventID: "evt-qr", name: "Zoë Åkesson", email: "zoe@example.org")
        let port = try PythonProcess.freePort()
        let server = try SMTPSink(port: port, folder: fixture.folder)
        defer { server.stop() }
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)")), now: { clock.now },
            random: SeededRandomSource(seed: 21))
        #expect(await worker.runOnce().sent == 1)
        let received = try #require(try server.received().first)
        let png = fixture.folder.appendingPathComponent("wallet-qr.png")
        let output = try PythonProcess.run(script: Self.extract, arguments: [received.path, png.path], folder: fixture.folder)
        let parts = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])

        // Python's email parser, as a mail client reads it: the image sits with the HTML in multipart/related.
        #expect(
            parts["structure"] as? [String] == [
                "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png",
            ])
        let walletURL = try #require(parts["walletURL"] as? String, "\(parts)")
        #expect(walletURL.hasPrefix("https://certs.example.org/c/\(issued.id)/wallet?claim="))
        let contentID = try #require(parts["contentID"] as? String)
        #expect(!contentID.isEmpty)
        #expect((parts["html"] as? String)?.contains("src=\"cid:\(contentID)\"") == true, "\(parts["html"] ?? "")")
        #expect(parts["disposition"] as? String == "inline")
        #expect((parts["longestLine"] as? Int ?? 99) <= 76)

        // A real QR reader gives back exactly the wallet link the email's text carries.
        let decoded = try ExternalTool.run(["zbarimg", "--raw", "-q", png.path]).standardOutput
        #expect(decoded.trimmingCharacters(in: .whitespacesAndNewlines) == walletURL)
    }

    @Test("no claim token, no wallet link: no QR image and no cid: in the HTML; the supervisor's notice has none either")
    func noWalletLinkNoImage() throws {
        let credential = CredentialRecord(
            id: "C0FFEE12", learnerID: "l-1", programID: "p", programVersion: 1, completionID: "c", issuedAt: Date(), validUntil: nil,
            state: .active, revocationList: "r", revocationIndex: 1, suspensionList: "s", suspensionIndex: 1, passcode: "ABCDE-FGHJK")
        var email = CertificateEmail(
            credential: credential, learner: Learner(id: "l-1", externalID: "e", email: "zoe@example.org", legalName: "Zoë Å"),
            program: Program(id: "p", achievement: Achievement(name: "Safety", description: "d", criteria: "c")),
            issuer: IssuerProfile(did: "did:web:certs.example.org", name: "Acme", baseURL: "https://certs.example.org", createdAt: Date()),
            score: nil)
        let sender = MIMEMessage.Address(address: "certs@example.org")
        let plain = try email.message(from: sender, templates: .default, language: "en", messageID: "m@example.org", date: Date())
        #expect(plain.inlineImages.isEmpty && !plain.html.contains("cid:"))
        email.claimToken = "tok"
        let learner = try email.message(from: sender, templates: .default, language: "en", messageID: "m@example.org", date: Date())
        let image = try #require(learner.inlineImages.first)
        #expect(learner.html.contains("src=\"cid:\(image.contentID)\""))
        #expect(image.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let supervisor = try email.supervisorMessage(
            from: sender, to: "boss@example.org", language: "en", messageID: "s@example.org", date: Date())
        #expect(supervisor.inlineImages.isEmpty && !supervisor.html.contains("cid:"))
    }

    /// Finds the wallet link in the text part, the inline image (written to argv[2]), its Content-ID and disposition.
    static let extract = """
        import json, re, sys
        from email import policy, message_from_bytes
        raw = open(sys.argv[1], 'rb').read()
        message = message_from_bytes(raw, policy=policy.default)
        result = {'structure': [part.get_content_type() for part in message.walk()],
                  'longestLine': max(len(line) for line in raw.partition(b'\\r\\n\\r\\n')[2].split(b'\\r\\n'))}
        for part in message.walk():
            if part.get_content_type() == 'text/plain':
                found = re.search(r'https://\\S+/wallet\\?claim=\\S+', part.get_content())
                result['walletURL'] = found.group(0) if found else None
            elif part.get_content_type() == 'text/html':
                result['html'] = part.get_content()
            elif part.get_content_type() == 'image/png':
                result['contentID'] = (part['Content-ID'] or '').strip().strip('<>')
                result['disposition'] = part.get_content_disposition()
                open(sys.argv[2], 'wb').write(part.get_payload(decode=True))
        print(json.dumps(result))
        """
}
