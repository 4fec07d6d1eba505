import CanonicalJSON
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("Issuance pipeline on the in-memory store")
struct IssuancePipelineTests {
    @Test("an eligible completion becomes a signed OpenBadgeCredential that verifies against the issuer's did:web document")
    func issueAndVerify() async throws {
        let fixture = try await IssuerFixture()
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event())
        guard case .issued(_, let credentialID) = outcome else { Issue.record("expected issued, got \(outcome)"); return }
        let record = try await fixture.pipeline().finish(credentialID: credentialID)
        #expect(record.state == .active)
        let credential = try JSONValue.parse(bytes: try #require(record.credentialJSON))
        #expect(credential["id"] == .string("https://certs.example.org/c/\(credentialID)"))
        #expect(credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"])
        #expect(credential["issuer"]?["id"] == "did:web:certs.example.org")
        #expect(credential["validUntil"] == "2029-11-23T09:00:00Z")
        #expect(credential["credentialSubject"]?["name"] == "Zoë Åkesson")
        // One status entry, an object (Open Badges 3.0); the program's default purpose is revocation.
        #expect(credential["credentialStatus"]?.objectValue?["statusPurpose"] == "revocation")
        #expect(credential["proof"]?.arrayValue?.count == 1)
        #expect(credential["proof"]?.arrayValue?.first?["verificationMethod"] == "did:web:certs.example.org#key-1")
        #expect(record.passcode == CertificatePasscode.derive(from: credential))
        let report = await (try await fixture.verifier()).verify(credential)
        // Status is indeterminate until the verifier is given the status lists; everything else passes.
        #expect(report.checks.filter { $0.outcome == .fail }.isEmpty, "\(report.checks)")
        #expect(report.checks.first { $0.check == "proof" }?.outcome == .pass)
    }

    @Test("a replayed event is answered as a duplicate and changes nothing")
    func replay() async throws {
        let fixture = try await IssuerFixture()
        let first = try await fixture.pipeline().intake(IssuerFixture.event())
        let auditBefore = try await fixture.store.read { try $0.lastAuditEntry()?.sequence }
        let second = try await fixture.pipeline().intake(IssuerFixture.event())
        #expect(second == .duplicate(completionID: first.completionID, state: .issued))
        #expect(try await fixture.store.read { try $0.lastAuditEntry()?.sequence } == auditBefore)
    }

    @Test("one credential per learner and program: a second eligible completion is answered with the one held")
    func onePerLearnerAndProgram() async throws {
        let fixture = try await IssuerFixture()
        let first = try await fixture.pipeline().intake(IssuerFixture.event(id: "evt-1"))
        let second = try await fixture.pipeline().intake(IssuerFixture.event(id: "evt-2"))
        let id = try #require(first.issuedCredentialID, "\(first) then \(second)")
        guard case .alreadyHeld(_, let heldID) = second else {
            Issue.record("\(first) then \(second)")
            return
        }
        #expect(id == heldID)
        #expect(try await fixture.store.read { try $0.credentials(filter: CredentialFilter()).count } == 1)
    }

    @Test("held and rejected completions are stored with their reasons and issue nothing")
    func heldAndRejected() async throws {
        let fixture = try await IssuerFixture()
        let held = try await fixture.pipeline().intake(IssuerFixture.event(id: "a", score: 80.5))
        let rejected = try await fixture.pipeline().intake(IssuerFixture.event(id: "b", learner: "u-2", score: 10))
        #expect(held == .held(completionID: held.completionID, reasons: ["score 80.5 is within 2 points of the minimum 80"]))
        guard case .rejected(_, let reasons) = rejected else { Issue.record("\(rejected)"); return }
        #expect(reasons == ["score 10 is below the minimum of 80"])
        #expect(try await fixture.store.read { try $0.credentials(filter: CredentialFilter()).isEmpty })
        #expect(try await fixture.store.read { try $0.completions(state: .held).count } == 1)
    }

    @Test(
        "malformed events are refused whole, with a precise message, and leave nothing behind",
        arguments: [
            (IssuerFixture.event(score: 140), "score 140 is outside 0–100"),
            (IssuerFixture.event(name: String(repeating: "n", count: 301)), "the learner name is longer than 300 characters"),
            (IssuerFixture.event(email: String(repeating: "e", count: 250) + "@x.org"), "the email address is longer than 254 characters"),
            (IssuerFixture.event(learner: ""), "the learner id is empty"),
        ])
    func badEvents(event: CompletionEvent, message: String) async throws {
        let fixture = try await IssuerFixture()
        await #expect { try await fixture.pipeline().intake(event) } throws: { ($0 as? IssuerError)?.reason == message }
        #expect(try await fixture.store.read { try $0.lastAuditEntry() } == nil)
    }

    @Test("an unknown program handed in directly is refused and nothing is stored; one that is not a program id, always")
    func unknownProgram() async throws {
        let fixture = try await IssuerFixture()
        var event = IssuerFixture.event()
        event.programID = "no-such-program"
        await #expect { try await fixture.pipeline().intake(event, channel: .direct) } throws: {
            ($0 as? IssuerError)?.code == .unknownProgram
        }
        event.programID = "No Such Program"
        await #expect { try await fixture.pipeline().intake(event) } throws: { ($0 as? IssuerError)?.code == .invalidEvent }
        #expect(try await fixture.store.read { try $0.completions(state: nil).isEmpty && $0.learner(externalID: "u-1") == nil })
        #expect(try await fixture.store.read { try $0.parkedEventCounts().isEmpty })
    }

    @Test("a completion so old that its credential would already have expired is rejected")
    func alreadyExpired() async throws {
        let fixture = try await IssuerFixture()
        let old = try await fixture.pipeline().intake(IssuerFixture.event(completedAt: DateTimeStamp.parse("2020-01-01T00:00:00Z")!))
        #expect(old.completionID.hasPrefix("cmp-"))
        guard case .rejected = old else { Issue.record("\(old)"); return }
    }

    @Test("status indexes are random, distinct, and reproducible with the same seed")
    func statusIndexes() async throws {
        func indexes(seed: UInt64) async throws -> [Int] {
            let fixture = try await IssuerFixture(seed: seed)
            for number in 0..<20 {
                _ = try await fixture.pipeline().intake(IssuerFixture.event(id: "e\(number)", learner: "u\(number)"))
            }
            return try await fixture.store.read {
                try $0.credentials(filter: CredentialFilter()).flatMap { [$0.revocationIndex, $0.suspensionIndex] }
            }
        }
        let first = try await indexes(seed: 7)
        #expect(Set(first).count == 40)
        #expect(first != first.sorted())
        #expect(try await indexes(seed: 7) == first)
        #expect(try await indexes(seed: 8) != first)
    }

    @Test("finishing is idempotent and a crash between the two steps is finished by finishPending with the same document")
    func finishPendingIsIdempotent() async throws {
        let fixture = try await IssuerFixture()
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event())
        let id = try #require(outcome.issuedCredentialID, "the completion must be issued, not \(outcome)")
        #expect(try await fixture.pipeline().finishPending() == 1)
        let once = try await fixture.store.read { try $0.credential(id: id)! }
        #expect(try await fixture.pipeline().finishPending() == 0)
        let again = try await fixture.pipeline().finish(credentialID: id)
        #expect(again.credentialJSON == once.credentialJSON)
        #expect(try await fixture.store.read { try $0.outboxMessages(state: .pending).filter { $0.subjectID == id }.count } == 2)
    }

    @Test("the audit trail of a whole issuance verifies, and changing any entry is detected at that entry")
    func auditChain() async throws {
        let fixture = try await IssuerFixture()
        for number in 0..<3 {
            if case .issued(_, let id) = try await fixture.pipeline().intake(IssuerFixture.event(id: "e\(number)", learner: "u\(number)")) {
                try await fixture.pipeline().finish(credentialID: id)
            }
        }
        let entries = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }
        #expect(entries.map(\.kind).prefix(4) == ["completion.received", "completion.decided", "credential.reserved", "credential.issued"])
        let verifier = AuditChainVerifier(keys: ["key-1": fixture.key.publicKey])
        #expect(verifier.verify(entries).firstBroken == nil)
        #expect(verifier.verify(entries).intactEntries == entries.count)

        var edited = entries
        edited[4].actor = "somebody-else"
        #expect(verifier.verify(edited).firstBroken?.sequence == 5)
        var rehashed = edited
        rehashed[4].hash = rehashed[4].expectedHash  // recomputing the hash does not help: the signature and the next link break
        #expect(verifier.verify(rehashed).firstBroken?.sequence == 5)
        var removed = entries
        removed.remove(at: 2)
        #expect(verifier.verify(removed).firstBroken?.sequence == 4)
    }
}
