import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

extension ServerFixture {
    /// The fixture's magic links, as the delivery worker makes them when it composes a link email.
    var links: LearnerLinks {
        let clock = clock
        return LearnerLinks(store: store, now: { clock.now }, random: SeededRandomSource(seed: 5))
    }

    /// Stores a key made here and returns its token.
    func makeKey(_ name: String, role: APIRole, secret: String? = nil, requiresHMAC: Bool = false, expiresAt: Date? = nil) async throws
        -> (token: String, record: APIKeyRecord)
    {
        let token = APIKeyToken.generate()
        let record = APIKeyToken.record(
            name: name, role: role, token: token, hmacSecret: secret, requiresHMAC: requiresHMAC, expiresAt: expiresAt,
            random: environment.random, now: clock.now)
        try await store.write { try $0.saveAPIKey(record) }
        return (token, record)
    }
}

/// Issue 14, point 3, the attack as it was found: a second LMS key posts the victim's external id
/// with the attacker's address and a failing score, then the attacker asks for a magic link.
@Suite("A reporting key cannot take over another system's learner")
struct LearnerTakeoverTests {
    static func event(id: String, learner: String, email: String, name: String, score: Int) -> String {
        """
        {"eventId":"\(id)","program":"working-at-height-2","learner":{"id":"\(learner)","email":"\(email)","legalName":"\(name)"},
         "completedAt":"2026-11-23T09:00:00Z","score":\(score),"minutes":180,
         "modules":[{"id":"ladders","completedAt":"2026-11-23T09:00:00Z"},{"id":"scaffolds","completedAt":"2026-11-23T09:00:00Z"},{"id":"harness","completedAt":"2026-11-23T09:00:00Z"}]}
        """
    }

    @Test func aSecondLMSKeyPostingTheVictimsIDChangesNothingAndItsLinkShowsNothingOfTheVictims() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let school = try await fixture.makeKey("school-lms", role: .lms)
        let attacker = try await fixture.makeKey("second-lms", role: .lms)
        let (victimCredential, attackAnswer) = try await fixture.test { client -> (String, JSONValue) in
            let victim = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(school.token),
                body: ByteBuffer(
                    string: Self.event(id: "evt-1", learner: "u-1001", email: "vera@example.org", name: "Vera Victim", score: 95)))
            #expect(victim.status == .accepted)
            let credential = try #require(try JSONValue.parse(victim.text)["credentialId"]?.stringValue)
            let attack = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: ServerFixture.bearer(attacker.token),
                body: ByteBuffer(
                    string: Self.event(id: "evt-1", learner: "u-1001", email: "mallory@example.net", name: "Mallory", score: 10)))
            #expect(attack.status == .accepted)
            return (credential, try JSONValue.parse(attack.text))
        }
        #expect(attackAnswer["state"]?.stringValue == "rejected")
        let victim = try #require(
            try await fixture.store.read { try $0.learner(namespace: .apiKey(named: "school-lms"), externalID: "u-1001") })
        #expect(victim.email == "vera@example.org")
        #expect(victim.legalName == "Vera Victim")
        #expect(attackAnswer["learnerId"]?.stringValue != victim.id)
        #expect(try await fixture.store.read { try $0.credential(id: victimCredential)?.learnerID } == victim.id)
        // Staff see two learners, one per reporting system.
        let viewer = try await fixture.makeKey("dashboard", role: .viewer)
        let listed = try await fixture.test { (client) async throws in
            try await client.execute(
                uri: "/api/v1/learners?externalID=u-1001", method: .get, headers: ServerFixture.bearer(viewer.token, json: false))
        }
        let learners = try #require(try JSONValue.parse(listed.text)["learners"]?.arrayValue)
        #expect(learners.compactMap { $0["namespace"]?.stringValue }.sorted() == ["api:school-lms", "api:second-lms"])

        // The attacker asks for a link to their own address and opens it: nothing of the victim's.
        try await fixture.test { (client) async throws in
            _ = try await client.execute(
                uri: "/learner/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"mallory@example.net"}"#))
        }
        let link = try await fixture.links.issue(to: "mallory@example.net")
        try await fixture.test { (client) async throws in
            let page = try await client.execute(uri: "/learner/\(link.text)", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .ok)
            #expect(!page.text.contains(victimCredential))
            #expect(page.text.contains("There are no certificates for this address yet."))
            let download = try await client.execute(uri: "/learner/\(link.text)/\(victimCredential).json", method: .get)
            #expect(download.status == .notFound)
        }
        #expect(try await fixture.store.read { try $0.credential(id: victimCredential)?.claimedAt } == nil)
    }
}
