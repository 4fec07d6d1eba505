import CanonicalJSON
import Delivery
import Foundation
import IssuerCore
import Testing

/// Issue 19 point 7 through real peers on loopback: the reminders at 90, 30 and 7 days reach an
/// SMTP server with the program's renewal link, the `credential.expiring` and `credential.expired`
/// webhooks reach an HTTP receiver that checks their signature, each once; a revoked credential
/// gets none.
@Suite("Expiry reminders and webhooks over real SMTP and HTTP")
struct ExpiryReminderDeliveryTests {
    static let day: TimeInterval = 86_400
    static let program: Program = {
        var program = DeliveryFixture.program
        program.validity = ISODuration("P1Y")
        program.renewalURL = "https://training.example.org/renew?course=wah-2"
        program.followUps = [FollowUp(after: ISODuration("P7D")!, from: .issuance, event: "testimonial.request")]
        return program
    }()

    static func objects(_ bodies: [Data]) throws -> [JSONObject] {
        try bodies.map { try JSONValue.parse(bytes: Array($0)).objectValue ?? [:] }
    }

    @Test func remindersFollowUpAndExpiryArriveOnceEach() async throws {
        let fixture = try await DeliveryFixture(program: Self.program)
        let kept = try await fixture.issue(eventID: "evt-1", name: "Zoë Åkesson", email: "zoe@example.org")
        let revoked = try await fixture.issue(eventID: "evt-2", name: "Sam Okafor", email: "sam@example.org")
        _ = try await CredentialChanges(environment: fixture.environment, actor: "test").revoke(revoked.id, reason: "issued in error")
        let port = try PythonProcess.freePort()
        let smtp = try SMTPSink(port: port, folder: fixture.folder)
        defer { smtp.stop() }
        let receiver = try WebhookReceiver(secret: "whsec-expiry", failures: 0, folder: fixture.folder)
        defer { receiver.stop() }
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store,
            configuration: DeliveryConfiguration(
                webhookEndpoints: [WebhookEndpoint(url: "http://127.0.0.1:\(receiver.port)/hooks", secret: "whsec-expiry")]),
            mailer: SMTPMailer(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)", connectTimeout: 5, timeout: 20)),
            now: { clock.now }, random: SeededRandomSource(seed: 3))
        let scheduler = WorkScheduler(environment: fixture.environment, interval: .seconds(60))
        func step(to moment: Date) async {
            clock.advance(by: moment.timeIntervalSince(clock.now))
            await scheduler.tick()
            await scheduler.tick()  // a second tick finds nothing left to do
            _ = await worker.runOnce()
        }
        _ = await worker.runOnce()  // the certificate emails and credential.issued / credential.revoked webhooks
        let before = (emails: try smtp.received().count, hooks: try receiver.log().accepted.count)

        let validUntil = try #require(kept.validUntil)
        await step(to: DeliveryFixture.start.addingTimeInterval(7 * Self.day))
        for lead in [90.0, 30, 7] { await step(to: validUntil.addingTimeInterval(-lead * Self.day)) }
        await step(to: validUntil)
        await step(to: validUntil.addingTimeInterval(Self.day))

        let emails = try smtp.received().dropFirst(before.emails).map {
            try EmailParser.parse(Data(contentsOf: $0), folder: fixture.folder)
        }
        #expect(emails.count == 3)
        #expect(emails.allSatisfy { $0.to.contains("zoe@example.org") })
        #expect(emails.allSatisfy { $0.subject == "Reminder: your Working at Height — Level 2 certificate expires on 2027-11-23" })
        for (email, days) in zip(emails, [90, 30, 7]) {
            #expect(email.text.contains("(\(days) days from now)"), "\(email.text)")
            #expect(email.text.contains("Renew it here: https://training.example.org/renew?course=wah-2"))
            #expect(email.html.contains("href=\"https://training.example.org/renew?course=wah-2\""), "\(email.html)")
            #expect(email.text.contains("https://certs.example.org/c/\(kept.id)"))
        }

        let log = try receiver.log()
        #expect(log.requests == log.accepted.count, "every webhook carried a valid signature")
        let hooks = try Self.objects(Array(log.accepted.dropFirst(before.hooks)))
        #expect(
            hooks.map { $0["type"] } == [
                .string("credential.follow_up"), .string("credential.expiring"), .string("credential.expiring"),
                .string("credential.expiring"), .string("credential.expired"),
            ])
        for hook in hooks {
            guard case .object(let data)? = hook["data"] else { throw FixtureError("no data") }
            #expect(data["credentialId"] == .string(kept.id), "nothing for the revoked credential")
        }
        guard case .object(let followUp)? = hooks[0]["data"], case .object(let expiring)? = hooks[1]["data"],
            case .object(let expired)? = hooks[4]["data"]
        else { throw FixtureError("no data") }
        #expect(followUp["followUp"] == .object(["event": "testimonial.request", "after": "P7D", "from": "issuance"]))
        #expect(expiring["daysBefore"] == .number(90))
        #expect(expiring["renewalUrl"] == .string("https://training.example.org/renew?course=wah-2"))
        #expect(expiring["expiresAt"] == .string("2027-11-23T09:00:00Z"))
        #expect(expired["expiresAt"] == .string("2027-11-23T09:00:00Z"))
    }
}
