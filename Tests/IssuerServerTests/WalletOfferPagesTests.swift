import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// Issue 21 point 4: "Add to a wallet" where the learner is — their own verification page link
/// and the learner portal — and never where anyone else looks.
@Suite("Add to a wallet on the learner's verification page and portal")
struct WalletOfferPagesTests {
    @Test("the learner's own link shows 'Add to a wallet' with its token; the public page (and the cache) never does")
    func verificationPage() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let claim = try await ClaimTokens(store: fixture.store, random: fixture.environment.random).token(forCredentialID: record.id)
        try await fixture.test { client in
            let html: HTTPFields = [.accept: "text/html"]
            let own = try await client.execute(uri: "/c/\(record.id)?claim=\(claim)", method: .get, headers: html)
            #expect(own.status == .ok)
            #expect(own.text.contains("Add to a wallet") && own.text.contains("/c/\(record.id)/wallet?claim=\(claim)"))
            #expect(own.text.contains("<svg"), "a QR code of the wallet page, to open it on a phone")
            #expect(own.headers[.cacheControl] == "no-store")
            let public1 = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: html)
            #expect(public1.status == .ok && !public1.text.contains("Add to a wallet") && !public1.text.contains(claim))
            let wrong = try await client.execute(uri: "/c/\(record.id)?claim=\(claim.dropLast())A", method: .get, headers: html)
            #expect(!wrong.text.contains("Add to a wallet"))
            try await fixture.changes().revoke(record.id, reason: "issued in error")
            let revoked = try await client.execute(uri: "/c/\(record.id)?claim=\(claim)", method: .get, headers: html)
            #expect(!revoked.text.contains("Add to a wallet"), "a revoked certificate goes into no wallet")
        }
    }

    @Test("the learner portal links each active certificate to its wallet page")
    func portal() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        let claim = try await ClaimTokens(store: fixture.store, random: fixture.environment.random).token(forCredentialID: record.id)
        let links = LearnerLinks(store: fixture.store, now: { fixture.clock.now }, random: fixture.environment.random)
        let token = try await links.issue(to: "u-1@example.org").text
        try await fixture.test { client in
            let page = try await client.execute(uri: "/learner/\(token)", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .ok)
            #expect(page.text.contains("href=\"/c/\(record.id)/wallet?claim=\(claim)\""), "\(page.text)")
            let start = try await client.execute(uri: "/c/\(record.id)/wallet?claim=\(claim)", method: .get)
            #expect(start.status == .ok)
        }
    }
}
