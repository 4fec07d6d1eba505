import CanonicalJSON
import Foundation
import IssuerCore
import Synchronization
import Testing

/// Bulk reissue after a program is corrected (issue 18 point 1): only active credentials of the
/// versions asked for, once each however often it runs, resumed after a stop half-way.
@Suite("Bulk reissue of a corrected program")
struct ProgramReissueTests {
    /// Issues a credential to learner `learner` under the program's current version.
    func issue(_ fixture: IssuerFixture, _ learner: String) async throws -> CredentialRecord {
        let event = IssuerFixture.event(id: "evt-\(learner)", learner: learner, email: "\(learner)@example.org")
        guard case .issued(_, let credentialID) = try await fixture.pipeline().intake(event) else {
            throw IssuerError(.invalidState, "not issued")
        }
        return try await fixture.pipeline().finish(credentialID: credentialID)
    }

    /// Saves the program again with a corrected name as version `version`.
    func correct(_ fixture: IssuerFixture, version: Int) async throws {
        var program = IssuerFixture.suspendableProgram
        program.version = version
        program.achievement.name = "Working at Height — Level 2 (v\(version))"
        try await IssuerAdministration(environment: fixture.environment, actor: "admin:ana").saveProgram(program)
    }

    func credentials(_ fixture: IssuerFixture) async throws -> [CredentialRecordSummary] {
        try await fixture.store.read { try $0.credentialSummaries(filter: CredentialFilter()) }
    }

    func reissueEmails(_ fixture: IssuerFixture) async throws -> [OutboxMessage] {
        try await fixture.store.read { try $0.outboxMessages(state: nil) }.filter {
            $0.channel == .email && $0.event == .credentialReissued
        }
    }

    @Test("only active credentials of the versions asked for are reissued, each emailed, audited under who did it")
    func onlyActiveOfEarlierVersions() async throws {
        let fixture = try await IssuerFixture(program: IssuerFixture.suspendableProgram)
        let first = try await issue(fixture, "u-1")
        let revoked = try await issue(fixture, "u-2")
        let suspended = try await issue(fixture, "u-3")
        try await correct(fixture, version: 2)
        let second = try await issue(fixture, "u-4")  // version 2
        try await correct(fixture, version: 3)
        let changes = CredentialChanges(environment: fixture.environment, actor: "admin")
        _ = try await changes.revoke(revoked.id, reason: "issued in error")
        _ = try await changes.suspend(suspended.id, reason: "under investigation")

        let reissue = ProgramReissue(environment: fixture.environment, actor: "staff:ana@example.org")
        let fromTwo = try await reissue.plan(programID: IssuerFixture.program.id, fromVersion: 2)
        #expect(fromTwo.credentialIDs == [second.id])
        let plan = try await reissue.plan(programID: IssuerFixture.program.id, fromVersion: 1)
        #expect(plan.credentialIDs == [first.id, second.id])
        #expect(plan.toVersion == 3)

        let seen = Mutex<[ProgramReissue.Progress]>([])
        let summary = try await reissue.run(programID: IssuerFixture.program.id, fromVersion: 1) { progress in
            seen.withLock { $0.append(progress) }
        }
        #expect(summary.reissued.map(\.oldID) == [first.id, second.id])
        #expect(summary.failed.isEmpty && summary.skipped.isEmpty && summary.resumed.isEmpty)
        #expect(seen.withLock { $0 }.map(\.done) == [0, 1, 2])
        for replacement in summary.reissued {
            let old = try #require(try await fixture.store.read { try $0.credential(id: replacement.oldID) })
            let new = try #require(try await fixture.store.read { try $0.credential(id: replacement.newID) })
            #expect(old.state == .superseded && old.supersededBy == new.id)
            #expect(new.state == .active && new.supersedes == old.id && new.programVersion == 3)
            #expect(String(decoding: try #require(new.credentialJSON), as: UTF8.self).contains("Level 2 (v3)"))
        }
        let states = Dictionary(uniqueKeysWithValues: try await credentials(fixture).map { ($0.id, $0.state) })
        #expect(states[revoked.id] == .revoked)
        #expect(states[suspended.id] == .suspended)
        #expect(try await reissueEmails(fixture).compactMap(\.recipient).sorted() == ["u-1@example.org", "u-4@example.org"])

        let entries = try await fixture.store.read { try $0.auditEntries(from: 0, limit: 10_000) }
        let started = try #require(entries.first { $0.kind == "program.reissueStarted" })
        #expect(started.actor == "staff:ana@example.org" && started.subject == IssuerFixture.program.id)
        #expect(entries.filter { $0.kind == "credential.superseded" }.allSatisfy { $0.actor == "staff:ana@example.org" })
        #expect(entries.filter { $0.kind == "credential.superseded" }.count == 2)
        #expect(entries.contains { $0.kind == "program.reissued" && $0.actor == "staff:ana@example.org" })
    }

    @Test("running twice reissues each credential once")
    func twiceIsOnce() async throws {
        let fixture = try await IssuerFixture(program: IssuerFixture.suspendableProgram)
        for learner in ["u-1", "u-2"] { _ = try await issue(fixture, learner) }
        try await correct(fixture, version: 2)
        let reissue = ProgramReissue(environment: fixture.environment, actor: "cli")
        let once = try await reissue.run(programID: IssuerFixture.program.id, fromVersion: 1)
        #expect(once.reissued.count == 2)
        let again = try await reissue.run(programID: IssuerFixture.program.id, fromVersion: 1)
        #expect(again.plan.total == 0 && again.reissued.isEmpty)
        #expect(try await credentials(fixture).count == 4)
        #expect(try await reissueEmails(fixture).count == 2)
    }

    @Test("a version that is not earlier than the current one, or an unknown program, is refused")
    func refusals() async throws {
        let fixture = try await IssuerFixture()
        let reissue = ProgramReissue(environment: fixture.environment, actor: "cli")
        await #expect { try await reissue.plan(programID: IssuerFixture.program.id, fromVersion: 1) } throws: {
            ($0 as? IssuerError)?.code == .invalidRequest
        }
        await #expect { try await reissue.plan(programID: "no-such-program", fromVersion: 1) } throws: {
            ($0 as? IssuerError)?.code == .unknownProgram
        }
    }

    @Test("a run stopped half-way, with one new version reserved but not finished, resumes without reissuing anything twice")
    func resumesAfterAStop() async throws {
        let fixture = try await IssuerFixture(program: IssuerFixture.suspendableProgram)
        var originals: [String] = []
        for learner in ["u-1", "u-2", "u-3", "u-4"] { originals.append(try await issue(fixture, learner).id) }
        try await correct(fixture, version: 2)

        // The first run: the second credential's document cannot be drawn (its new version stays
        // reserved, as after a crash between the two steps), and the run is stopped after it.
        var failing = fixture.environment
        failing.documents = FailingSecondDocument()
        let reachedTwo = AsyncStream<Void>.makeStream()
        let firstRun = Task {
            try await ProgramReissue(environment: failing, actor: "cli").run(programID: IssuerFixture.program.id, fromVersion: 1) {
                progress in
                if progress.done == 2 {
                    reachedTwo.continuation.yield()
                    try? await Task.sleep(for: .seconds(600))
                }
            }
        }
        for await _ in reachedTwo.stream { break }
        firstRun.cancel()
        await #expect(throws: CancellationError.self) { try await firstRun.value }
        let afterStop = try await credentials(fixture)
        #expect(afterStop.filter { $0.state == .pending }.count == 1)
        #expect(afterStop.filter { $0.state == .superseded }.count == 2)

        let second = try await ProgramReissue(environment: fixture.environment, actor: "cli").run(
            programID: IssuerFixture.program.id, fromVersion: 1)
        #expect(second.resumed.count == 1)
        #expect(second.reissued.map(\.oldID) == Array(originals[2...]))
        #expect(second.failed.isEmpty)

        let all = try await credentials(fixture)
        #expect(all.count == 8)
        for original in originals {
            let successors = all.filter { $0.supersedes == original }
            #expect(successors.count == 1, "\(original) has \(successors.count) new versions")
            #expect(successors.first?.state == .active && successors.first?.programVersion == 2)
        }
        #expect(try await reissueEmails(fixture).compactMap(\.recipient).sorted() == originals.indices.map { "u-\($0 + 1)@example.org" })
    }
}

/// A document maker whose second drawing fails, as a crash between reserving and finishing leaves things.
private final class FailingSecondDocument: CertificateDocumentMaker {
    private let calls = Mutex(0)

    func documents(signedCredential: JSONValue, credentialBytes: [UInt8], program: Program, passcode: String) async throws
        -> CertificateDocuments
    {
        let call = calls.withLock {
            $0 += 1
            return $0
        }
        guard call != 2 else { throw IssuerError(.documentsUnavailable, "the drawing failed") }
        return try await TestDocumentMaker().documents(
            signedCredential: signedCredential, credentialBytes: credentialBytes, program: program, passcode: passcode)
    }

    func preview(signedCredential: JSONValue, program: Program, passcode: String) async throws -> [UInt8]? { nil }

    func trainingHistoryPDF(_ history: TrainingHistory, signedCredential: JSONValue, credentialBytes: [UInt8], program: Program)
        async throws -> [UInt8]
    { [] }
}
