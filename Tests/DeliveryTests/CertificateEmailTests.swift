import Delivery
import Foundation
import IssuerCore
import Testing

@Suite("Certificate email")
struct CertificateEmailTests {
    @Test("LinkedIn link and templates carry the credential's details, HTML-escaped in HTML only")
    func content() throws {
        let credential = CredentialRecord(
            id: "C0FFEE12", learnerID: "l-1", programID: "p", programVersion: 1, completionID: "c",
            issuedAt: Date(timeIntervalSince1970: 1_795_424_400),
            validUntil: Date(timeIntervalSince1970: 1_890_000_000), state: .active, revocationList: "r", revocationIndex: 1,
            suspensionList: "s",
            suspensionIndex: 1, passcode: "ABCDE-FGHJK")
        let program = Program(
            id: "p", achievement: Achievement(name: "Safety & Health <101>", description: "d", criteria: "c"), instructor: "O'Neil",
            cohort: "Q4")
        let email = CertificateEmail(
            credential: credential, learner: Learner(id: "l-1", externalID: "e", email: "zoe@example.org", legalName: "Zoë Å"),
            program: program,
            issuer: IssuerProfile(
                did: "did:web:certs.example.org", name: "Acme & Co", baseURL: "https://certs.example.org", createdAt: Date()),
            score: 91.5)
        // Through the issuer, which counts the share and redirects with the signed details (EngagementTests).
        #expect(email.linkedInURL == "https://certs.example.org/c/C0FFEE12/share/linkedin")
        let message = try email.message(
            from: .init(address: "certs@example.org"), templates: .default, language: "en", messageID: "m@example.org", date: Date())
        #expect(message.subject == "Your certificate: Safety & Health <101>")
        #expect(message.text.contains("Safety & Health <101> with a score of 91.5"))
        #expect(message.text.contains("https://certs.example.org/c/C0FFEE12"))
        #expect(message.text.contains("ABCDE-FGHJK"))
        #expect(message.text.contains("Instructor: O'Neil"))
        #expect(message.html.contains("<html lang=\"en\">"))
        #expect(message.html.contains("Safety &amp; Health &lt;101&gt;"))
        #expect(message.html.contains("<h1"))
        #expect(message.attachments.isEmpty)
    }

    @Test("HTML values are escaped by bytes: a quote or < with a combining mark after it is escaped too")
    func combiningMarks() throws {
        let hostile = "Zo\"\u{301} onmouseover=x <\u{301}b>"
        let templates = EmailTemplates(subject: "{{learnerName}}", text: "{{learnerName}}", html: #"<a title="{{learnerName}}">x</a>"#)
        let email = CertificateEmail(
            credential: CredentialRecord(
                id: "X1", learnerID: "l", programID: "p", programVersion: 1, completionID: "c", issuedAt: Date(), validUntil: nil,
                state: .active, revocationList: "r", revocationIndex: 1, suspensionList: "s", suspensionIndex: 1),
            learner: Learner(id: "l", externalID: "e", email: "a@example.org", legalName: hostile),
            program: Program(id: "p", achievement: Achievement(name: "Kurs", description: "", criteria: "")),
            issuer: IssuerProfile(did: "d", name: "I", baseURL: "https://x.example", createdAt: Date()), score: nil)
        let message = try email.message(
            from: .init(address: "c@example.org"), templates: templates, language: "en", messageID: "m@x", date: Date())
        // Compared as bytes: Swift compares Characters, and "\"" + U+0301 is one Character.
        #expect(Array(message.html.utf8) == Array(#"<a title="Zo&quot;\#u{301} onmouseover=x &lt;\#u{301}b&gt;">x</a>"#.utf8))
        #expect(message.text == hostile)
    }

    @Test("the default email links the learner's 'add to a wallet' page with their claim token; the supervisor's does not")
    func walletLink() throws {
        let email = CertificateEmail(
            credential: CredentialRecord(
                id: "X1", learnerID: "l", programID: "p", programVersion: 1, completionID: "c", issuedAt: Date(), validUntil: nil,
                state: .active, revocationList: "r", revocationIndex: 1, suspensionList: "s", suspensionIndex: 1),
            learner: Learner(id: "l", externalID: "e", email: "a@example.org", legalName: "Jürgen"),
            program: Program(id: "p", achievement: Achievement(name: "Kurs", description: "", criteria: "")),
            issuer: IssuerProfile(did: "d", name: "I", baseURL: "https://x.example", createdAt: Date()), score: nil, claimToken: "TOKEN")
        let message = try email.message(
            from: .init(address: "c@example.org"), templates: .default, language: "en", messageID: "m@x", date: Date())
        #expect(message.text.contains("https://x.example/c/X1/wallet?claim=TOKEN"))
        #expect(message.html.contains("href=\"https://x.example/c/X1/wallet?claim=TOKEN\""))
        let supervisor = try email.supervisorMessage(
            from: .init(address: "c@example.org"), to: "s@example.org", templates: .default, language: "en", messageID: "n@x",
            date: Date())
        #expect(!supervisor.text.contains("wallet"))
    }

    @Test("a program's own templates replace the default")
    func override() throws {
        let templates = EmailTemplates(
            subject: "{{course}} für {{learnerName}}", text: "{{verificationURL}}", html: "<p lang=\"de\">{{learnerName}}</p>")
        let email = CertificateEmail(
            credential: CredentialRecord(
                id: "X1", learnerID: "l", programID: "p", programVersion: 1, completionID: "c", issuedAt: Date(), validUntil: nil,
                state: .active,
                revocationList: "r", revocationIndex: 1, suspensionList: "s", suspensionIndex: 1, pdf: Data([1, 2, 3])),
            learner: Learner(id: "l", externalID: "e", email: "a@example.org", legalName: "Jürgen"),
            program: Program(id: "p", achievement: Achievement(name: "Kurs", description: "", criteria: "")),
            issuer: IssuerProfile(did: "d", name: "I", baseURL: "https://x.example", createdAt: Date()), score: nil)
        let message = try email.message(
            from: .init(address: "c@example.org"), templates: templates, language: "de", messageID: "m@x", date: Date())
        #expect(message.subject == "Kurs für Jürgen")
        #expect(message.text == "https://x.example/c/X1")
        #expect(message.attachments.map(\.fileName) == ["certificate-X1.pdf"])
    }
}
