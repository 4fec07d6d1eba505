import Foundation
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

@Suite("What attest serve does before it opens its port")
struct StartupTests {
    @Test func finishesPendingCredentialsAndRenewsStaleLists() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let outcome = try await IssuancePipeline(environment: fixture.environment, actor: "test").intake(ServerFixture.event())
        guard case .issued(_, let credentialID) = outcome else { Issue.record("not issued: \(outcome)"); return }
        // Fresh lists: nothing to renew, but the pending credential is finished.
        let first = try await fixture.server.prepare()
        #expect(first == .init(finishedCredentials: 1, republishedStatusLists: 0))
        #expect(try await fixture.store.read { try $0.credential(id: credentialID)?.state } == .active)
        // Past half the validity, every list is re-signed at the current time.
        fixture.clock.advance(by: StatusListPublisher.validity / 2 + 60)
        let second = try await fixture.server.prepare()
        #expect(second == .init(finishedCredentials: 0, republishedStatusLists: 2))
        let lists = try await fixture.store.read { try $0.statusLists(purpose: nil) }
        #expect(lists.allSatisfy { $0.updatedAt == fixture.clock.now })
        #expect(try await fixture.server.prepare().republishedStatusLists == 0)
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/status/\(record.suspensionList)", method: .head)
            #expect(response.status == .ok)
            #expect(response.headers[.eTag] != nil)
            #expect(response.body.readableBytes == 0)
        }
    }
}
