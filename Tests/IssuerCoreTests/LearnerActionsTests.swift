import CanonicalJSON
import Foundation
import IssuerCore
import Testing

/// The learner actions staff take, each audited under the acting person with the reason they gave.
@Suite("Learner actions")
struct LearnerActionsTests {
    func issued(_ fixture: IssuerFixture) async throws -> CredentialRecord {
        guard case .issued(_, let id) = try await fixture.pipeline().intake(IssuerFixture.event()) else {
            throw IssuerError(.invalidState, "not issued")
        }
        return try await fixture.pipeline().finish(credentialID: id)
    }

    func lastAudit(_ fixture: IssuerFixture) async throws -> AuditEntry {
        try #require(try await fixture.store.read { try $0.lastAuditEntry() })
    }

    @Test("changing the email address moves the learner, audited with old, new and the reason under the staff member")
    func changeEmail() async throws {
        let fixture = try await IssuerFixture()
        let credential = try await issued(fixture)
        let actions = LearnerActions(environment: fixture.environment, actor: "staff:stf-1 ana@example.org")
        let learner = try await actions.changeEmail(learnerID: credential.learnerID, to: "zoe@new.example", reason: "married, new address")
        #expect(learner.email == "zoe@new.example")
        #expect(try await fixture.store.read { try $0.learner(id: credential.learnerID)?.email } == "zoe@new.example")
        let entry = try await lastAudit(fixture)
        #expect(entry.kind == "learner.emailChanged" && entry.actor == "staff:stf-1 ana@example.org")
        let data = try JSONValue.parse(bytes: Array(entry.data.utf8))
        #expect(data["old"] == "zoe@example.org" && data["new"] == "zoe@new.example")
        #expect(data["reason"] == "married, new address")
        await #expect { try await actions.changeEmail(learnerID: credential.learnerID, to: "not-an-address", reason: "x") } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
        await #expect { try await actions.changeEmail(learnerID: credential.learnerID, to: "a@b.example", reason: "  ") } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
        await #expect { try await actions.changeEmail(learnerID: "lrn-none", to: "a@b.example", reason: "x") } throws: {
            ($0 as? IssuerError)?.code == .notFound
        }
    }

    @Test("correcting the name issues a new version carrying it; the old one is superseded and points to it")
    func correctName() async throws {
        let fixture = try await IssuerFixture()
        let old = try await issued(fixture)
        let actions = LearnerActions(environment: fixture.environment, actor: "staff:stf-1 ana@example.org")
        let new = try await actions.correctName(old.id, to: "Zoë Åkesson-Berg", reason: "spelling on the LMS profile")
        let credential = try JSONValue.parse(bytes: try #require(new.credentialJSON))
        #expect(credential["credentialSubject"]?["name"] == "Zoë Åkesson-Berg")
        let oldNow = try #require(try await fixture.store.read { try $0.credential(id: old.id) })
        #expect(oldNow.state == .superseded && oldNow.supersededBy == new.id)
        #expect(try await fixture.store.read { try $0.learner(id: old.learnerID)?.certificateName } == "Zoë Åkesson-Berg")
        let superseded = try await fixture.store.read {
            try $0.auditEntries(from: 1, limit: 500).last { $0.kind == "credential.superseded" }
        }
        let data = try JSONValue.parse(bytes: Array(try #require(superseded).data.utf8))
        #expect(data["reason"] == "spelling on the LMS profile" && data["by"] == .string(new.id))
        #expect(superseded?.actor == "staff:stf-1 ana@example.org")
        await #expect { try await actions.correctName(new.id, to: "Z", reason: "") } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
    }

    @Test("resend queues the certificate email to another address; revoke, suspend and reinstate need a reason")
    func resendAndStateChanges() async throws {
        let fixture = try await IssuerFixture(program: IssuerFixture.suspendableProgram)
        let record = try await issued(fixture)
        let actions = LearnerActions(environment: fixture.environment, actor: "staff:stf-2 bo@example.org")
        let message = try await actions.resendCertificate(record.id, to: "manager@example.org")
        #expect(message.recipient == "manager@example.org" && message.channel == .email && message.event == .credentialIssued)
        #expect(try await lastAudit(fixture).actor == "staff:stf-2 bo@example.org")
        await #expect { try await actions.suspend(record.id, reason: "") } throws: { ($0 as? IssuerError)?.code == .invalidRequest }
        #expect(try await actions.suspend(record.id, reason: "expired training").state == .suspended)
        #expect(try await actions.reinstate(record.id, reason: "training renewed").state == .active)
        #expect(try await actions.revoke(record.id, reason: "issued in error").state == .revoked)
        let kinds = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 500).map(\.kind) }
        #expect(kinds.suffix(3) == ["credential.suspended", "credential.reinstated", "credential.revoked"])
    }
}
