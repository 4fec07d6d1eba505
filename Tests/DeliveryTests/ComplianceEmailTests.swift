import Delivery
import Foundation
import IssuerCore
import Testing

/// The emails that keep a compliance certificate valid: what is missing when it turns INVALID, and
/// a reminder before a module expires, each written from the worker's live state.
@Suite("Compliance emails")
struct ComplianceEmailTests {
    static let configuration = TrainingConfiguration(
        id: "site-electricians", group: "Site electricians",
        modules: [
            TrainingModule(id: "electrical-safety", name: "Electrical safety", validity: "P1Y"),
            TrainingModule(id: "live-demo", name: "Live-line demo", validity: "PT30S"),
        ],
        certificate: ComplianceCertificateSettings(enabled: true), reminderLeadTime: "PT10S")

    func sentEmails(_ fixture: DeliveryFixture) async throws -> [EmailParser.Parsed] {
        let folder = fixture.folder.appendingPathComponent("eml-\(UUID().uuidString)")
        let clock = fixture.clock
        let worker = OutboxWorker(
            store: fixture.store, configuration: DeliveryConfiguration(), mailer: EMLFolderMailer(folder: folder), now: { clock.now },
            random: SeededRandomSource(seed: 2))
        let summary = await worker.runOnce()
        #expect(summary.failed == 0, "\(summary)")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return try files.map { try EmailParser.parse(Data(contentsOf: $0), folder: fixture.folder) }
    }

    @Test("a reminder names the module about to expire; the INVALID email names the expired one and links the live page")
    func reminderThenInvalid() async throws {
        let fixture = try await DeliveryFixture()
        let service = ComplianceService(environment: fixture.environment, actor: "test")
        try await service.saveConfiguration(Self.configuration)
        let worker = try await service.worker("W-9", email: "sam@example.org", name: "Sam Okafor")
        try await service.join(learnerID: worker.id, configurationID: Self.configuration.id)
        try await service.complete(learnerID: worker.id, moduleID: "electrical-safety")
        let issued = try await service.complete(learnerID: worker.id, moduleID: "live-demo")
        let id = try #require(issued.first?.credentialID)
        _ = try await sentEmails(fixture)  // the certificate email

        let scheduler = ComplianceScheduler(environment: fixture.environment, interval: .seconds(1))
        fixture.clock.advance(by: 21)
        await scheduler.tick()
        let reminders = try await sentEmails(fixture)
        #expect(reminders.map(\.subject) == ["Reminder: Site electricians training expires soon"])
        #expect(reminders.first?.text.contains("- Live-line demo: expiring (expires 2026-11-23T09:00:30Z)") == true, "\(reminders)")
        #expect(reminders.first?.text.contains("Electrical safety") == false)

        fixture.clock.advance(by: 10)
        await scheduler.tick()
        let invalid = try await sentEmails(fixture)
        #expect(invalid.map(\.subject) == ["Action needed: your Site electricians training certificate is INVALID"])
        #expect(invalid.first?.to.contains("sam@example.org") == true)
        #expect(invalid.first?.text.contains("- Live-line demo: expired") == true, "\(invalid)")
        #expect(invalid.first?.text.contains("https://certs.example.org/c/\(id)") == true)
        #expect(try await sentEmails(fixture).isEmpty, "each goes once")
    }
}
