import CanonicalJSON
import Ed25519
import Foundation
import HTTPTypes
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing
import VerifiableCredentials

/// Issue 14 item 14 on the server: after `key-1` is declared compromised since T, what it signed
/// after T is INVALID on its page (naming the key and T), what it signed before is reissued under
/// `key-2` (VALID) with the old page pointing to it, and the DID document takes `key-1` out of
/// `assertionMethod` with `revoked: T`.
@Suite("Verification page after a signing key is compromised")
struct CompromisedKeyPageTests {
    static let html: HTTPFields = [.accept: "text/html"]
    static let since = ServerFixture.start.addingTimeInterval(1800)

    @Test("signed after T: INVALID with the reason; signed before T: superseded by a VALID reissue under key-2; all audited")
    func compromisedKey() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let before = try await fixture.issue(id: "evt-1", learner: "u-1", name: "Before Compromise")
        fixture.clock.advance(by: 3600)
        let after = try await fixture.issue(id: "evt-2", learner: "u-2", name: "After Compromise")
        fixture.clock.advance(by: 3600)

        let secondKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 4, count: 32))
        let clock = fixture.clock
        let environment = IssuerEnvironment(
            store: fixture.store, now: { clock.now }, random: SeededRandomSource(seed: 7),
            keys: InMemoryKeyProvider(keys: ["key-1": fixture.key, "key-2": secondKey]))
        let administration = IssuerAdministration(environment: environment, actor: "cli")
        let activeRefused = await #expect(throws: IssuerError.self) {
            try await administration.retireCompromisedKey("key-1", since: Self.since)
        }
        #expect(activeRefused?.code == .activeKey)
        try await administration.rotateKey(
            to: SigningKeyRecord(
                id: "key-2", publicKeyMultibase: Multikey.encode(secondKey.publicKey), fileName: "key-2.pem", createdAt: clock.now))
        let outcome = try await administration.retireCompromisedKey("key-1", since: Self.since)
        #expect(outcome.revoked == [after.id])
        #expect(outcome.reissued.map(\.old) == [before.id])
        let reissued = try #require(outcome.reissued.first?.new)

        let pages = try await fixture.test { client in
            var texts: [String: String] = [:]
            for id in [before.id, after.id, reissued] {
                texts[id] = try await client.execute(uri: "/c/\(id)", method: .get, headers: Self.html).text
            }
            texts["did"] = try await client.execute(uri: "/.well-known/did.json", method: .get).text
            return texts
        }
        let afterPage = try #require(pages[after.id])
        #expect(afterPage.contains(#"<h1 id="verdict">INVALID</h1>"#), "\(afterPage)")
        #expect(afterPage.contains("Reason: signed by the compromised key key-1 after its compromise time 2026-11-23T09:30:00Z"))
        #expect(afterPage.contains("signed by a compromised key after its compromise time"))
        let beforePage = try #require(pages[before.id])
        #expect(beforePage.contains(#"<h1 id="verdict">SUPERSEDED</h1>"#))
        #expect(beforePage.contains(#"href="/c/\#(reissued)""#))
        let newPage = try #require(pages[reissued])
        #expect(newPage.contains(#"<h1 id="verdict">VALID</h1>"#), "\(newPage)")
        #expect(newPage.contains("Before Compromise"))
        #expect(newPage.contains("\(fixture.issuer.did)#key-2"))

        let document = try DIDDocument(json: try JSONValue.parse(try #require(pages["did"])))
        #expect(document.assertionMethod == ["\(fixture.issuer.did)#key-2"])
        #expect(document.verificationMethod(withID: "\(fixture.issuer.did)#key-1")?.revoked == Self.since)

        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 500) }
        let compromise = try #require(audit.first { $0.kind == "key.compromised" })
        #expect(compromise.subject == "key-1")
        #expect(compromise.data.contains("2026-11-23T09:30:00Z"))
        #expect(audit.contains { $0.kind == "credential.revoked" && $0.subject == after.id && $0.data.contains("compromised key key-1") })
        #expect(audit.contains { $0.kind == "credential.superseded" && $0.subject == before.id })
    }
}
