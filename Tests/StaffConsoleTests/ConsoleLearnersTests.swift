import Foundation
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// The Learners pages through the router: search, a learner's certificates, and the actions, each
/// through a confirmation with a reason, checked against the role on the server.
@Suite("Console learners")
struct ConsoleLearnersTests {
    /// Issues a credential to Ana Lima (LMS id u-42) and returns (learner id, credential id).
    static func issued(_ fixture: ConsoleFixture) async throws -> (String, String) {
        var program = ConsoleReviewTests.program
        program.rules = CompletionRules()
        let saved = program
        try await fixture.store.write { try $0.saveProgram(saved) }
        let event = CompletionEvent(
            source: "lms", eventID: "evt-1", programID: program.id,
            learner: LearnerDetails(externalID: "u-42", email: "ana.lima@example.org", legalName: "Ana Lima"),
            completedAt: ConsoleFixture.start)
        let pipeline = IssuancePipeline(environment: fixture.environment, actor: "lms")
        guard case .issued(_, let credentialID) = try await pipeline.intake(event) else { throw ConsoleFixture.SignInFailed() }
        let record = try await pipeline.finish(credentialID: credentialID)
        return (record.learnerID, record.id)
    }

    func credential(_ fixture: ConsoleFixture, _ id: String) async throws -> CredentialRecordSummary? {
        try await fixture.store.read { try $0.credentialSummary(id: id) }
    }

    @Test func searchFindsByNameEmailOrLMSIDAndTheLearnerPageListsCertificates() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (learnerID, credentialID) = try await Self.issued(fixture)
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            for query in ["lima", "ana.lima%40example.org", "u-42"] {
                let found = try await client.execute(uri: "/console/learners?q=\(query)", method: .get, headers: admin.headers)
                #expect(found.text.contains("href=\"/console/learners/\(learnerID)\""), "\(query)")
            }
            let none = try await client.execute(uri: "/console/learners?q=nobody", method: .get, headers: admin.headers)
            #expect(none.text.contains("No learner matches"))
            let page = try await client.execute(uri: "/console/learners/\(learnerID)", method: .get, headers: admin.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("href=\"/c/\(credentialID)\""))
            #expect(page.text.contains("<strong class=\"tag tag--valid\">Valid</strong>"))
            #expect(page.text.contains("Waiting to be sent to ana.lima@example.org"))
            #expect(page.text.contains("/credentials/\(credentialID)/revoke"))
        }
    }

    @Test func anAdminRevokesThroughAConfirmationWithAReason() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (learnerID, credentialID) = try await Self.issued(fixture)
        let admin = try await fixture.signIn(role: .admin)
        let path = "/console/learners/\(learnerID)/credentials/\(credentialID)/revoke"
        try await fixture.application().test(.router) { client in
            let confirm = try await client.execute(uri: path, method: .get, headers: admin.headers)
            #expect(confirm.text.contains("will say REVOKED to anyone who scans it. This cannot be undone."))
            let blank = try await client.execute(uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("reason", "")]))
            #expect(blank.status == .badRequest && blank.text.contains("There is a problem"))
            #expect(try await credential(fixture, credentialID)?.state == .active)
            let done = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("reason", "issued in error")]))
            #expect(done.status == .ok && done.text.contains("Certificate revoked"))
        }
        #expect(try await credential(fixture, credentialID)?.state == .revoked)
        let entry = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000).last { $0.kind == "credential.revoked" } }
        #expect(entry?.actor == admin.member.auditActor && entry?.data.contains("issued in error") == true)
    }

    @Test func aReviewerSeesNoRevokeAndAForgedRevokeIsForbidden() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (learnerID, credentialID) = try await Self.issued(fixture)
        let reviewer = try await fixture.signIn(role: .reviewer)
        let path = "/console/learners/\(learnerID)/credentials/\(credentialID)/revoke"
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/console/learners/\(learnerID)", method: .get, headers: reviewer.headers)
            #expect(page.status == .ok && !page.text.contains("/revoke"), "no revoke button")
            #expect(try await client.execute(uri: path, method: .get, headers: reviewer.headers).status == .forbidden)
            let forged = try await client.execute(
                uri: path, method: .post, headers: reviewer.formHeaders, body: reviewer.form([("reason", "forged")]))
            #expect(forged.status == .forbidden)
            let noToken = try await client.execute(
                uri: "/console/learners/\(learnerID)/email", method: .post, headers: reviewer.formHeaders,
                body: reviewer.form([("email", "x@example.org"), ("reason", "r")], withCSRF: false))
            #expect(noToken.status == .forbidden)
        }
        #expect(try await credential(fixture, credentialID)?.state == .active)
        #expect(try await fixture.store.read { try $0.learner(id: learnerID)?.email } == "ana.lima@example.org")
    }

    @Test func correctingTheNameReissuesAndChangingTheEmailMovesTheLearner() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (learnerID, credentialID) = try await Self.issued(fixture)
        let issuer = try await fixture.signIn(role: .issuer)
        try await fixture.application().test(.router) { client in
            let corrected = try await client.execute(
                uri: "/console/learners/\(learnerID)/credentials/\(credentialID)/correct-name", method: .post,
                headers: issuer.formHeaders, body: issuer.form([("name", "Ana Lima Souza"), ("reason", "married name")]))
            #expect(corrected.status == .ok && corrected.text.contains("now carries the name Ana Lima Souza"))
            let moved = try await client.execute(
                uri: "/console/learners/\(learnerID)/email", method: .post, headers: issuer.formHeaders,
                body: issuer.form([("email", "ana@new.example"), ("reason", "new employer")]))
            #expect(moved.status == .ok && moved.text.contains("ana@new.example"))
        }
        let old = try await credential(fixture, credentialID)
        #expect(old?.state == .superseded)
        let new = try await credential(fixture, try #require(old?.supersededBy))
        #expect(new?.state == .active)
        let learner = try await fixture.store.read { try $0.learner(id: learnerID) }
        #expect(learner?.certificateName == "Ana Lima Souza" && learner?.email == "ana@new.example")
    }
}
