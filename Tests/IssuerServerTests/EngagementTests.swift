import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Logging
import Testing

@testable import IssuerServer

@Suite("Engagement: views by others, PDF downloads and LinkedIn shares become webhooks once a day")
struct EngagementTests {
    static func webhooks(_ fixture: ServerFixture, _ event: OutboxEvent) async throws -> [OutboxMessage] {
        try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter { $0.event == event }
    }

    static func token(_ fixture: ServerFixture, _ id: String) async throws -> String {
        try await ClaimTokens(store: fixture.store, random: fixture.environment.random).token(forCredentialID: id)
    }

    @Test func viewsByOthersAreOneWebhookADay() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let token = try await Self.token(fixture, record.id)
        try await fixture.test { client in
            // The learner's own link is a claim, a HEAD is a link checker, an unknown id is nothing: no view.
            _ = try await client.execute(uri: "/c/\(record.id)?claim=\(token)", method: .get, headers: [.accept: "text/html"])
            _ = try await client.execute(uri: "/c/\(record.id)", method: .head, headers: [.accept: "text/html"])
            #expect(try await client.execute(uri: "/c/NOSUCHID", method: .get, headers: [.accept: "text/html"]).status == .notFound)
            #expect(try await Self.webhooks(fixture, .credentialViewed).isEmpty)
            // Three views today (the second and third from the page cache), one webhook.
            for _ in 0..<3 {
                #expect(try await client.execute(uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html"]).status == .ok)
            }
            #expect(try await Self.webhooks(fixture, .credentialViewed).map(\.subjectID) == [record.id])
            // The next UTC day, another.
            fixture.clock.advance(by: 86_400)
            _ = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html"])
            #expect(try await Self.webhooks(fixture, .credentialViewed).count == 2)
            let days = try await fixture.store.read { try $0.engagement(credentialID: record.id) }.map(\.day)
            #expect(days == [CredentialEngagement.day(of: ServerFixture.start), CredentialEngagement.day(of: fixture.clock.now)])
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            #expect(metrics.text.contains(#"attest_engagement_total{kind="viewed"} 4"#), "\(metrics.text)")
        }
    }

    @Test func aPDFDownloadIsADownload() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.test { client in
            for _ in 0..<2 { #expect(try await client.execute(uri: "/c/\(record.id).pdf", method: .get).status == .ok) }
            _ = try await client.execute(uri: "/c/\(record.id).json", method: .get)
        }
        #expect(try await Self.webhooks(fixture, .credentialDownloaded).map(\.subjectID) == [record.id])
        #expect(try await Self.webhooks(fixture, .credentialViewed).isEmpty)
    }

    @Test func theLinkedInLinkIsCountedThenRedirected() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let revoked = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ana Souza")
        _ = try await CredentialChanges(environment: fixture.environment, actor: "admin").revoke(revoked.id, reason: "test")
        try await fixture.test { client in
            let page = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html"])
            #expect(page.text.contains("/c/\(record.id)/share/linkedin\""), "the page links through the counter")
            #expect(!page.text.contains("linkedin.com"))
            let shared = try await client.execute(uri: "/c/\(record.id)/share/linkedin", method: .get)
            #expect(shared.status == .seeOther)
            let location = try #require(shared.headers[.location])
            #expect(location.hasPrefix("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"), "\(location)")
            #expect(location.contains("name=Working%20at%20Height%20%E2%80%94%20Level%202"), "\(location)")
            #expect(location.contains("organizationName=Example%20Safety%20Training&issueYear=2026&issueMonth=11"), "\(location)")
            #expect(location.contains("certUrl=https%3A%2F%2Fcerts.example.org%2Fc%2F\(record.id)&certId=\(record.id)"), "\(location)")
            // A revoked credential goes back to its page, uncounted; an unknown one is 404.
            let back = try await client.execute(uri: "/c/\(revoked.id)/share/linkedin", method: .get)
            #expect(back.status == .seeOther && back.headers[.location] == fixture.issuer.verificationURL(credentialID: revoked.id))
            #expect(try await client.execute(uri: "/c/NOSUCHID/share/linkedin", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/c/..%2F/share/linkedin", method: .get).status == .notFound)
        }
        #expect(try await Self.webhooks(fixture, .credentialShared).map(\.subjectID) == [record.id])
        // A share is the learner's own doing: the claim rate counts it.
        let counts = try await fixture.store.read {
            try $0.monitoringCounts(
                from: ServerFixture.start.addingTimeInterval(-60), to: ServerFixture.start.addingTimeInterval(60),
                unfinishedBefore: ServerFixture.start)
        }
        #expect(counts.credentialsIssued == 2 && counts.credentialsClaimed == 1)
    }

    @Test func storeWritesAreCappedPerMinute() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        var ids: [String] = []
        for number in 1...4 { ids.append(try await fixture.issue(id: "evt-\(number)", learner: "u-\(number)", name: "Learner \(number)").id) }
        let recorder = EngagementRecorder(environment: fixture.environment, metrics: ServerMetrics(), writesPerMinute: 2)
        let logger = Logger(label: "test")
        for id in ids { await recorder.record(.viewed, credentialID: id, logger: logger) }
        #expect(try await Self.webhooks(fixture, .credentialViewed).count == 2)
        // The next minute, the rest get through; the two already recorded stay remembered.
        fixture.clock.advance(by: 60)
        for id in ids { await recorder.record(.viewed, credentialID: id, logger: logger) }
        #expect(try await Self.webhooks(fixture, .credentialViewed).count == 4)
    }
}
