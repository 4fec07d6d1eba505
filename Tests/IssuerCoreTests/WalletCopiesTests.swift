import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("Wallet copies: a credential bound to the holder's DID, same status entries, fresh proof, audited")
struct WalletCopiesTests {
    static let holderKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))
    static let holder = DIDKey.did(for: holderKey.publicKey)

    func issued(_ fixture: IssuerFixture) async throws -> CredentialRecord {
        guard case .issued(_, let credentialID) = try await fixture.pipeline().intake(IssuerFixture.event()) else {
            throw IssuerError(.invalidState, "not issued")
        }
        return try await fixture.pipeline().finish(credentialID: credentialID)
    }

    /// The issuer's signed status lists, as a verifier would fetch them.
    func statusLists(_ fixture: IssuerFixture) async throws -> StaticStatusListSource {
        let lists = try await fixture.store.read { try $0.statusLists(purpose: nil) }
        return StaticStatusListSource(
            listCredentials: try lists.compactMap { try $0.signedCredentialJSON.map { try JSONValue.parse(bytes: Array($0)) } })
    }

    func verify(_ credential: JSONValue, _ fixture: IssuerFixture) async throws -> VerificationReport {
        let keys = try await fixture.store.read { try $0.signingKeys() }
        let verifier = Verifier(
            resolver: StaticDIDResolver(documents: [try fixture.issuer.didDocument(keys: keys)]), trustedIssuers: [fixture.issuer.did],
            statusLists: try await statusLists(fixture), now: fixture.clock.now)
        return await verifier.verify(credential)
    }

    @Test("the copy names the holder, keeps every other member and the status entries, verifies, and is audited once")
    func boundCopy() async throws {
        let fixture = try await IssuerFixture()
        let record = try await issued(fixture)
        let original = try JSONValue.parse(bytes: Array(try #require(record.credentialJSON)))
        fixture.clock.advance(by: 3600)
        let copy = try await WalletCopies(environment: fixture.environment, actor: "learner:u-1").boundCopy(
            of: record.id, holder: Self.holder, via: .vcapi)
        #expect(copy["credentialSubject"]?["id"]?.stringValue == Self.holder)
        #expect(copy["credentialStatus"] == original["credentialStatus"])
        #expect(copy["id"] == original["id"])
        var stripped = try #require(copy.objectValue)
        var originalObject = try #require(original.objectValue)
        stripped["proof"] = nil
        originalObject["proof"] = nil
        var subject = try #require(stripped["credentialSubject"]?.objectValue)
        subject["id"] = nil
        stripped["credentialSubject"] = .object(subject)
        #expect(stripped == originalObject, "nothing but the subject id and the proof differs")
        #expect(copy["proof"]?.asArray.first?["cryptosuite"]?.stringValue == "eddsa-rdfc-2022")
        #expect(copy["proof"]?.asArray.first?["created"]?.stringValue == "2026-11-23T10:00:00Z")
        #expect(copy["proof"] != original["proof"])
        let report = try await verify(copy, fixture)
        #expect(report.verdict == .valid, "\(report.checks)")
        let audit = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }.filter { $0.kind == "credential.walletCopy" }
        #expect(audit.count == 1)
        #expect(audit.first?.actor == "learner:u-1")
        #expect(audit.first?.subject == record.id)
        let data = try JSONValue.parse(try #require(audit.first?.data))
        #expect(data["holder"]?.stringValue == Self.holder)
        #expect(data["protocol"]?.stringValue == "vcapi")
    }

    @Test("revoking the certificate revokes every copy: the copy's status entries are the original's")
    func revocationReachesTheCopy() async throws {
        let fixture = try await IssuerFixture()
        let record = try await issued(fixture)
        let copy = try await WalletCopies(environment: fixture.environment, actor: "api:test").boundCopy(
            of: record.id, holder: Self.holder, via: .lcwRequest)
        #expect(try await verify(copy, fixture).verdict == .valid)
        try await CredentialChanges(environment: fixture.environment, actor: "admin").revoke(record.id, reason: "issued in error")
        let report = try await verify(copy, fixture)
        #expect(report.verdict == .invalid)
        #expect(report.checks.contains { $0.check.contains("status") && $0.outcome == .fail }, "\(report.checks)")
    }

    @Test("refused: a holder that is not an Ed25519 did:key, a revoked or unknown credential; nothing is audited")
    func refusals() async throws {
        let fixture = try await IssuerFixture()
        let record = try await issued(fixture)
        let copies = WalletCopies(environment: fixture.environment, actor: "api:test")
        let before = try await fixture.store.read { try $0.lastAuditEntry()?.sequence }
        for holder in [
            "did:web:example.org", "did:key:zNotBase58!", Self.holder + "#" + "key", "did:key:" + String(repeating: "z", count: 300),
        ] {
            await #expect(throws: IssuerError.self) { try await copies.boundCopy(of: record.id, holder: holder, via: .vcapi) }
        }
        await #expect {
            try await copies.boundCopy(of: "nope", holder: Self.holder, via: .vcapi)
        } throws: {
            ($0 as? IssuerError)?.code == .notFound
        }
        #expect(try await fixture.store.read { try $0.lastAuditEntry()?.sequence } == before)
        try await CredentialChanges(environment: fixture.environment, actor: "admin").revoke(record.id, reason: "issued in error")
        let afterRevocation = try await fixture.store.read { try $0.lastAuditEntry()?.sequence }
        await #expect {
            try await copies.boundCopy(of: record.id, holder: Self.holder, via: .openID4VCI)
        } throws: {
            ($0 as? IssuerError)?.code == .invalidState
        }
        #expect(try await fixture.store.read { try $0.lastAuditEntry()?.sequence } == afterRevocation)
    }

    @Test("what alsoInTransaction throws rolls the audit entry back: a copy and its side effects happen together")
    func sideEffectFailureRecordsNothing() async throws {
        let fixture = try await IssuerFixture()
        let record = try await issued(fixture)
        let before = try await fixture.store.read { try $0.lastAuditEntry()?.sequence }
        await #expect {
            try await WalletCopies(environment: fixture.environment, actor: "api:test").boundCopy(
                of: record.id, holder: Self.holder, via: .vcapi
            ) { _ in throw IssuerError(.challengeUsed, "used") }
        } throws: {
            ($0 as? IssuerError)?.code == .challengeUsed
        }
        #expect(try await fixture.store.read { try $0.lastAuditEntry()?.sequence } == before)
    }
}
