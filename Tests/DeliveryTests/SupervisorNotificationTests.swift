import Delivery
import Foundation
import IssuerCore
import Testing

@Suite("Supervisor notices of B2B programs (aiosmtpd on loopback)")
struct SupervisorNotificationTests {
    static let supervisors = ["lead@client.example", "hr@client.example"]

    static var program: Program {
        var program = DeliveryFixture.program
        program.supervisorEmails = supervisors
        return program
    }

    @Test("the learner and each supervisor get exactly one message; only the learner's carries the claim token and LinkedIn")
    func oneMessageEach() async throws {
        let fixture = try await DeliveryFixture(renderDocuments: true, program: Self.program)
        let record = try await fixture.issue(eventID: "evt-1", name: "Amara Okafor", email: "amara@example.org", score: 88)
        let rows = try await fixture.outbox(channel: .email)
        #expect(rows.count == 3)
        #expect(rows.filter { $0.event == IssuancePipeline.supervisorEvent }.compactMap(\.recipient).sorted() == Self.supervisors.sorted())

        let port = try PythonProcess.freePort()
        let server = try SMTPSink(port: port, folder: fixture.folder)
        defer { server.stop() }
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)")), now: { clock.now },
            random: SeededRandomSource(seed: 3))
        #expect(await worker.runOnce().sent == 3)
        clock.advance(by: 3600)
        #expect(await worker.runOnce().sent == 0)

        let parsed = try server.received().map { try EmailParser.parse(Data(contentsOf: $0), folder: fixture.folder) }
        #expect(parsed.count == 3)
        let learner = try #require(parsed.first { $0.to.contains("amara@example.org") })
        #expect(parsed.filter { $0.to.contains("amara@example.org") }.count == 1)
        let token = try await ClaimTokens(store: fixture.store, random: SeededRandomSource(seed: 1)).token(forCredentialID: record.id)
        #expect(learner.text.contains("https://certs.example.org/c/\(record.id)?claim=\(token)"))
        #expect(learner.text.contains("https://certs.example.org/c/\(record.id).pdf?claim=\(token)"))
        #expect(learner.html.contains("href=\"https://certs.example.org/c/\(record.id)?claim=\(token)\""))
        // The LinkedIn link is the public page's: the token is the learner's alone.
        #expect(learner.text.contains("https://certs.example.org/c/\(record.id)/share/linkedin"))
        #expect(!learner.text.contains("share/linkedin?claim"))

        for supervisor in Self.supervisors {
            let matching = parsed.filter { $0.to.contains(supervisor) }
            #expect(matching.count == 1, "\(supervisor)")
            let notice = try #require(matching.first)
            #expect(notice.subject == "Amara Okafor completed Working at Height — Level 2")
            #expect(notice.text.contains("Amara Okafor completed Working at Height — Level 2 with a score of 88"))
            #expect(notice.text.contains("https://certs.example.org/c/\(record.id)"))
            #expect(!notice.text.contains("claim=") && !notice.html.contains("claim="))
            #expect(!notice.text.localizedCaseInsensitiveContains("linkedin") && !notice.html.localizedCaseInsensitiveContains("linkedin"))
            #expect(notice.html.contains("<html lang=\"en\">") && notice.html.contains("<h1"))
            #expect(notice.html.contains(">View and verify the certificate of Amara Okafor</a>"))
            #expect(notice.attachments.map(\.filename) == ["certificate-\(record.id).pdf"])
            #expect(Data(base64Encoded: try #require(notice.attachments.first).base64) == record.pdf)
        }
        #expect(try await fixture.outbox(channel: .email).allSatisfy { $0.state == .sent && $0.attempts == 1 })
    }

    @Test("a reissue (new name) notifies the learner again but not the supervisors")
    func reissueIsNotNews() async throws {
        let fixture = try await DeliveryFixture(program: Self.program)
        let record = try await fixture.issue(eventID: "evt-1", name: "Amara Okafor", email: "amara@example.org")
        _ = try await CredentialChanges(environment: fixture.environment, actor: "test").reissue(record.id, newName: "Amara N. Okafor")
        let rows = try await fixture.outbox(channel: .email)
        #expect(rows.filter { $0.event == IssuancePipeline.supervisorEvent }.count == 2)
        #expect(rows.filter { $0.event == .credentialReissued }.count == 1)
    }

    @Test("supervisor addresses are checked when the program is saved")
    func invalidSupervisorAddress() async throws {
        let fixture = try await DeliveryFixture()
        var program = Self.program
        program.id = "with-bad-supervisor"
        program.supervisorEmails = ["lead@client.example", "not an address"]
        let error = await #expect(throws: IssuerError.self) {
            try await IssuerAdministration(environment: fixture.environment, actor: "test").saveProgram(program)
        }
        #expect(error?.code == .invalidProgram)
        #expect(error?.reason.contains("supervisorEmails") == true)
        #expect(try await fixture.store.read { try $0.program(id: "with-bad-supervisor") } == nil)
    }
}
