import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("Claim tracking: the learner's first view or download")
struct ClaimTrackingTests {
    func token(_ fixture: ServerFixture, _ id: String) async throws -> String {
        try await ClaimTokens(store: fixture.store, random: fixture.environment.random).token(forCredentialID: id)
    }

    func claimEntries(_ fixture: ServerFixture) async throws -> [AuditEntry] {
        try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }.filter { $0.kind == "credential.claimed" }
    }

    func claimWebhooks(_ fixture: ServerFixture) async throws -> [OutboxMessage] {
        try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter { $0.event == .credentialClaimed }
    }

    @Test func theFirstViewWithAValidTokenIsRecordedOnce() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let other = try await fixture.issue(id: "evt-2", learner: "u-2", name: "Ana Souza")
        let token = try await token(fixture, record.id)
        try await fixture.test { client in
            // Anyone's view, a wrong token, another credential's token and a HEAD change nothing; the page still shows.
            for uri in ["/c/\(record.id)", "/c/\(record.id)?claim=not-a-token", "/c/\(other.id)?claim=\(token)"] {
                #expect(try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html"]).status == .ok)
            }
            #expect(try await client.execute(uri: "/c/\(record.id)?claim=\(token)", method: .head).status == .ok)
            #expect(try await fixture.store.read { try $0.credentials(filter: CredentialFilter()) }.allSatisfy { $0.claimedAt == nil })
            #expect(try await claimEntries(fixture).isEmpty)

            let start = fixture.clock.now
            let page = try await client.execute(uri: "/c/\(record.id)?claim=\(token)", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .ok && page.text.contains(">VALID</h1>"))
            fixture.clock.advance(by: 600)
            _ = try await client.execute(uri: "/c/\(record.id)?claim=\(token)", method: .get, headers: [.accept: "text/html"])
            #expect(try await fixture.store.read { try $0.credential(id: record.id)?.claimedAt } == start)
            #expect(try await fixture.store.read { try $0.credential(id: other.id)?.claimedAt } == nil)
            let entries = try await claimEntries(fixture)
            #expect(entries.map(\.subject) == [record.id])
            #expect(entries.first?.actor == "learner")
            #expect(entries.first?.data.contains(#""via":"page""#) == true)
            #expect(try await claimWebhooks(fixture).map(\.subjectID) == [record.id])

            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            #expect(metrics.text.contains("attest_credentials_claimed_total 1"))
        }
    }

    @Test func aPDFDownloadWithTheTokenCountsAsTheClaim() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let token = try await token(fixture, record.id)
        try await fixture.test { client in
            let pdf = try await client.execute(uri: "/c/\(record.id).pdf?claim=\(token)", method: .get)
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
        }
        #expect(try await fixture.store.read { try $0.credential(id: record.id)?.claimedAt } != nil)
        #expect(try await claimEntries(fixture).first?.data.contains(#""via":"pdf""#) == true)
    }

    @Test func aVouchedClaimNeedsNoTokenAndIsRecordedOnce() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let first = try await fixture.server.recordClaim(credentialID: record.id, via: .learnerPage)
        #expect(first == .recorded(at: fixture.clock.now))
        fixture.clock.advance(by: 60)
        #expect(try await fixture.server.recordClaim(credentialID: record.id, via: .page) == .alreadyClaimed(at: ServerFixture.start))
        await #expect(throws: IssuerError.self) { try await fixture.server.recordClaim(credentialID: "NOPE", via: .page) }
        #expect(try await claimEntries(fixture).count == 1)
        #expect(try await claimWebhooks(fixture).count == 1)
        // Before any email went out, the issuer has no claim secret, so no token is valid.
        let tokens = ClaimTokens(store: fixture.store, random: fixture.environment.random)
        #expect(try await tokens.isValid(String(repeating: "A", count: 43), credentialID: record.id) == false)
    }

    @Test func aClaimOverARealSocket() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let token = try await token(fixture, record.id)
        try await ServerFixture.live(fixture.server) { client, _ in
            let page = try await client.execute(uri: "/c/\(record.id)?claim=\(token)", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .ok)
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.metricsAuthorization)
            #expect(metrics.text.contains("attest_credentials_claimed_total 1"))
        }
        #expect(try await fixture.store.read { try $0.credential(id: record.id)?.claimedAt } == ServerFixture.start)
    }
}
