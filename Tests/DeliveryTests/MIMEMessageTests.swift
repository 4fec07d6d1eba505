import Delivery
import Foundation
import Testing

@Suite("MIME message")
struct MIMEMessageTests {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-mime")

    static let names = ["Σοφία Παπαδοπούλου", "محمد عبد الله", "王小明", "Zoë Åkesson-O'Brien \"Jr\"", "Ana María Ñúñez"]

    @Test("UTF-8 subjects and display names survive a real parser", arguments: names)
    func encodedWords(name: String) throws {
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        let subject = "Your certificate, \(name): Working at Height — Level 2 (\(String(repeating: "長", count: 30)))"
        let message = MIMEMessage(
            from: .init(name: "Example Safety Training", address: "certs@example.org"),
            to: [.init(name: name, address: "learner@example.org")],
            subject: subject, text: "Hello \(name)\n" + String(repeating: "é", count: 200), html: "<p>\(name)</p>",
            attachments: [.init(fileName: "certificate.pdf", contentType: "application/pdf", bytes: Array(repeating: 0x25, count: 5000))],
            date: Date(timeIntervalSince1970: 1_795_424_400), messageID: "out-1@example.org")
        let parsed = try EmailParser.parse(Data(try message.rendered()), folder: Self.folder)
        #expect(parsed.subject == subject)
        #expect(parsed.toName == name)
        #expect(parsed.to.contains("<learner@example.org>"))
        #expect(parsed.structure == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"])
        #expect(parsed.text.hasPrefix("Hello \(name)\n"))
        #expect(parsed.attachments.first?.base64 == Data(repeating: 0x25, count: 5000).base64EncodedString())
        #expect(parsed.longestLine <= 76)
        #expect(parsed.longestHeaderLine <= 78)
        #expect(parsed.bareLineFeeds == 0)
        #expect(["Message-ID", "Date", "MIME-Version"].allSatisfy(parsed.headers.contains))
    }

    @Test("CR and LF in data never start a header")
    func headerInjection() throws {
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        let message = MIMEMessage(
            from: .init(name: "Certs\r\nBcc: victim@example.net", address: "certs@example.org"),
            to: [.init(name: "Eve\nX-Injected: yes", address: "eve@example.org")], subject: "Hi\r\nBcc: attacker@example.net\r\n\r\nbody",
            text: "t", html: "h", date: Date(timeIntervalSince1970: 0), messageID: "id\r\nX-Evil: 1@example.org")
        let parsed = try EmailParser.parse(Data(try message.rendered()), folder: Self.folder)
        #expect(!parsed.headers.contains("Bcc"))
        #expect(!parsed.headers.contains("X-Injected"))
        #expect(!parsed.headers.contains("X-Evil"))
        #expect(parsed.text == "t\n" || parsed.text == "t")
    }

    @Test("addresses with CR, LF, spaces or brackets are refused as permanent failures")
    func invalidAddresses() {
        for address in ["a@b.org\r\nRCPT TO:<x@y.org>", "no-at-sign", "a b@example.org", "<a@example.org>", "a@b@c.org"] {
            let message = MIMEMessage(
                from: .init(address: "certs@example.org"), to: [.init(address: address)], subject: "s", text: "t", html: "h",
                date: Date(timeIntervalSince1970: 0), messageID: "m@example.org")
            #expect(throws: DeliveryError.self) { try message.rendered() }
            do { _ = try message.validatedAddresses() } catch let error as DeliveryError {
                #expect(error.code == .invalidAddress)
                #expect(!error.isTransient)
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    @Test("retry delays grow exponentially, are capped and jittered")
    func retryPolicy() {
        let policy = RetryPolicy(maximumAttempts: 5, baseDelay: 30, maximumDelay: 600, jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, unit: 0) == 30)
        #expect(policy.delay(afterAttempt: 3, unit: 0) == 120)
        #expect(policy.delay(afterAttempt: 3, unit: 1) == 60)
        #expect(policy.delay(afterAttempt: 10, unit: 0) == 600)
    }

    @Test("SMTP URLs: STARTTLS on request, credentials never in clear text to a remote host")
    func smtpSettings() throws {
        #expect(try SMTPSettings(url: "smtps://u:p@mail.example.org:465").security == .implicitTLS)
        let startTLS = try SMTPSettings(url: "smtp://user%40x:p%2Fw@mail.example.org:587?starttls")
        #expect(startTLS.security == .requireStartTLS)
        #expect(startTLS.user == "user@x")
        #expect(startTLS.password == "p/w")
        #expect(startTLS.serverURL == "smtp://mail.example.org:587")
        #expect(try SMTPSettings(url: "smtp://127.0.0.1:2525").security == .opportunisticStartTLS)
        #expect(throws: DeliveryError.self) { try SMTPSettings(url: "smtp://u:p@mail.example.org:25") }
        #expect(throws: DeliveryError.self) { try SMTPSettings(url: "http://mail.example.org") }
    }
}
