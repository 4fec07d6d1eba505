import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("Revoke, suspend, reinstate, reissue and review")
struct CredentialChangesTests {
    func issued(_ fixture: IssuerFixture, id: String = "evt-1", learner: String = "u-1") async throws -> CredentialRecord {
        guard case .issued(_, let credentialID) = try await fixture.pipeline().intake(IssuerFixture.event(id: id, learner: learner)) else {
            throw IssuerError(.invalidState, "not issued")
        }
        return try await fixture.pipeline().finish(credentialID: credentialID)
    }

    /// The status a verifier would read for a credential's entry of `purpose`, from the signed list.
    func publishedStatus(_ fixture: IssuerFixture, _ record: CredentialRecord, purpose: BitstringStatusPurpose) async throws -> Int {
        let listID = purpose == .revocation ? record.revocationList : record.suspensionList
        let index = purpose == .revocation ? record.revocationIndex : record.suspensionIndex
        let list = try await fixture.store.read { try $0.statusList(id: listID) }
        let signed = try JSONValue.parse(bytes: try #require(list?.signedCredentialJSON))
        let report = await (try await fixture.verifier()).verify(signed)
        #expect(report.checks.first { $0.check == "proof" }?.outcome == .pass, "the list credential's own proof")
        let credential = try StatusListCredential(json: signed, now: fixture.clock.now)
        let entry = BitstringStatusListEntry(
            statusPurpose: purpose, statusListIndex: index, statusListCredential: "https://certs.example.org/status/\(listID)")
        return try credential.status(for: entry).status
    }

    @Test("revoke sets the revocation bit in a newly signed list; a revoked credential cannot be suspended or revoked again")
    func revoke() async throws {
        let fixture = try await IssuerFixture()
        let record = try await issued(fixture)
        let revoked = try await CredentialChanges(environment: fixture.environment, actor: "admin").revoke(
            record.id, reason: "issued in error")
        #expect(revoked.state == .revoked)
        #expect(try await publishedStatus(fixture, revoked, purpose: .revocation) == 1)
        #expect(try await publishedStatus(fixture, revoked, purpose: .suspension) == 0)
        await #expect {
            try await CredentialChanges(environment: fixture.environment, actor: "admin").suspend(record.id, reason: nil)
        } throws: {
            ($0 as? IssuerError)?.code == .invalidState
        }
        await #expect {
            try await CredentialChanges(environment: fixture.environment, actor: "admin").revoke(record.id, reason: " ")
        } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
    }

    @Test("suspend and reinstate flip the suspension bit both ways, each audited")
    func suspendAndReinstate() async throws {
        let fixture = try await IssuerFixture(program: IssuerFixture.suspendableProgram)
        let record = try await issued(fixture)
        let changes = CredentialChanges(environment: fixture.environment, actor: "admin")
        let suspended = try await changes.suspend(record.id, reason: "training expired")
        #expect(try await publishedStatus(fixture, suspended, purpose: .suspension) == 1)
        let reinstated = try await changes.reinstate(record.id)
        #expect(reinstated.state == .active)
        #expect(try await publishedStatus(fixture, reinstated, purpose: .suspension) == 0)
        let kinds = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 100).map(\.kind) }
        #expect(kinds.suffix(2) == ["credential.suspended", "credential.reinstated"])
    }

    @Test("a credential whose one status entry is a revocation entry cannot be suspended: no verifier could see it")
    func suspendRefusedForRevocationEntry() async throws {
        let fixture = try await IssuerFixture()
        let record = try await issued(fixture)
        await #expect {
            try await CredentialChanges(environment: fixture.environment, actor: "admin").suspend(record.id, reason: "overdue")
        } throws: {
            ($0 as? IssuerError)?.code == .invalidState && "\($0)".contains("revocation status entry only")
        }
        let unchanged = try #require(try await fixture.store.read { try $0.credential(id: record.id) })
        #expect(unchanged.state == .active)
        #expect(try await publishedStatus(fixture, unchanged, purpose: .suspension) == 0)
    }

    @Test("revoking or superseding a credential with a suspension entry sets that bit for good, so verifiers never see it valid")
    func revokeSuspensionEntry() async throws {
        let fixture = try await IssuerFixture(program: IssuerFixture.suspendableProgram)
        let changes = CredentialChanges(environment: fixture.environment, actor: "admin")
        let record = try await issued(fixture)
        let revoked = try await changes.revoke(record.id, reason: "issued in error")
        #expect(try await publishedStatus(fixture, revoked, purpose: .suspension) == 1)
        #expect(try await publishedStatus(fixture, revoked, purpose: .revocation) == 1)
        await #expect { try await changes.reinstate(record.id) } throws: { ($0 as? IssuerError)?.code == .invalidState }
        let report = await (try await fixture.verifier()).verify(try JSONValue.parse(bytes: try #require(revoked.credentialJSON)))
        #expect(report.checks.filter { $0.check == "status" }.count == 1)
    }

    @Test("a credential issued in the earlier shape (two status entries) still has each bit set where its document says")
    func legacyTwoEntries() async throws {
        let fixture = try await IssuerFixture()
        var record = try await issued(fixture)
        let signedBytes = try #require(record.credentialJSON)
        var credential = try #require(try JSONValue.parse(bytes: signedBytes).objectValue)
        let revocation = try #require(credential["credentialStatus"])
        var suspension = try #require(revocation.objectValue)
        suspension["statusPurpose"] = "suspension"
        suspension["statusListCredential"] = .string("https://certs.example.org/status/\(record.suspensionList)")
        credential["credentialStatus"] = [revocation, .object(suspension)]
        record.credentialJSON = Data(JSONValue.object(credential).serialized().utf8)
        #expect(record.publishedStatusPurposes == [.revocation, .suspension])
        let stored = record
        try await fixture.store.write { try $0.updateCredential(stored) }
        let changes = CredentialChanges(environment: fixture.environment, actor: "admin")
        let suspended = try await changes.suspend(record.id, reason: "overdue")
        #expect(try await publishedStatus(fixture, suspended, purpose: .suspension) == 1)
        #expect(try await publishedStatus(fixture, suspended, purpose: .revocation) == 0)
        let revoked = try await changes.revoke(record.id, reason: "issued in error")
        #expect(try await publishedStatus(fixture, revoked, purpose: .revocation) == 1)
    }

    @Test("reissue makes a new version with a new id and name, and revokes the old one as superseded, pointing to the new")
    func reissue() async throws {
        let fixture = try await IssuerFixture()
        let old = try await issued(fixture)
        let new = try await CredentialChanges(environment: fixture.environment, actor: "admin").reissue(old.id, newName: "Zoë Nguyễn")
        #expect(new.id != old.id)
        #expect(new.state == .active)
        #expect(new.supersedes == old.id)
        let credential = try JSONValue.parse(bytes: try #require(new.credentialJSON))
        #expect(credential["credentialSubject"]?["name"] == "Zoë Nguyễn")
        let oldNow = try await fixture.store.read { try $0.credential(id: old.id)! }
        #expect(oldNow.state == .superseded)
        #expect(oldNow.supersededBy == new.id)
        #expect(try await publishedStatus(fixture, oldNow, purpose: .revocation) == 1)
        #expect(try await publishedStatus(fixture, new, purpose: .revocation) == 0)
        let current = try await fixture.store.read { try $0.currentCredential(learnerID: new.learnerID, programID: new.programID) }
        #expect(current?.id == new.id)
    }

    @Test("approving a held completion issues its credential and records the reviewer; rejecting needs a note")
    func review() async throws {
        let fixture = try await IssuerFixture()
        let held = try await fixture.pipeline().intake(IssuerFixture.event(id: "h1", score: 81))
        let other = try await fixture.pipeline().intake(IssuerFixture.event(id: "h2", learner: "u-2", score: 81))
        let approved = try await ReviewDecisions(environment: fixture.environment, reviewer: "cli:alice").approve(
            held.completionID, note: "checked the exam")
        guard case .issued(_, let credentialID) = approved else { Issue.record("\(approved)"); return }
        #expect(try await fixture.store.read { try $0.credential(id: credentialID)?.state } == .active)
        let completion = try await fixture.store.read { try $0.completion(id: held.completionID)! }
        #expect(completion.reviewedBy == "cli:alice")
        #expect(completion.reviewNote == "checked the exam")
        let reviews = ReviewDecisions(environment: fixture.environment, reviewer: "cli:bob")
        await #expect { try await reviews.reject(other.completionID, note: "") } throws: { ($0 as? IssuerError)?.code == .invalidRequest }
        try await reviews.reject(other.completionID, note: "score entered twice")
        #expect(try await fixture.store.read { try $0.completion(id: other.completionID)!.state } == .rejected)
        await #expect { try await reviews.approve(other.completionID, note: nil) } throws: { ($0 as? IssuerError)?.code == .invalidState }
    }

    @Test("a rotated key signs new credentials while the old key stays in the DID document, so old ones still verify")
    func keyRotation() async throws {
        let fixture = try await IssuerFixture()
        let old = try await issued(fixture)
        let newKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 4, count: 32))
        let environment = IssuerEnvironment(
            store: fixture.store, now: fixture.environment.now, random: fixture.environment.random,
            keys: InMemoryKeyProvider(keys: ["key-1": fixture.key, "key-2": newKey]))
        try await IssuerAdministration(environment: environment, actor: "admin").rotateKey(
            to: SigningKeyRecord(
                id: "key-2", publicKeyMultibase: Multikey.encode(newKey.publicKey), fileName: "key-2.pem", createdAt: fixture.clock.now))
        let outcome = try await IssuancePipeline(environment: environment, actor: "t").intake(IssuerFixture.event(id: "e2", learner: "u-2"))
        let id = try #require(outcome.issuedCredentialID, "the second completion must be issued, not \(outcome)")
        let new = try await IssuancePipeline(environment: environment, actor: "t").finish(credentialID: id)
        let newCredential = try JSONValue.parse(bytes: try #require(new.credentialJSON))
        #expect(newCredential["proof"]?.arrayValue?.first?["verificationMethod"] == "did:web:certs.example.org#key-2")
        let verifier = try await fixture.verifier()
        for record in [old, new] {
            let report = await verifier.verify(try JSONValue.parse(bytes: try #require(record.credentialJSON)))
            #expect(report.checks.first { $0.check == "proof" }?.outcome == .pass)
        }
        let entries = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }
        let chain = AuditChainVerifier(keys: ["key-1": fixture.key.publicKey, "key-2": newKey.publicKey]).verify(entries)
        #expect(chain.firstBroken == nil)
    }
}
