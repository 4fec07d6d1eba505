import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// The check list on the Dashboard and the Rollout page through the real routes: how many issuances
/// wait, and, once the fixture's clock passes their 4-hour deadline, how many are overdue.
@Suite("Console rollout check list")
struct ConsoleRolloutTests {
    struct CheckFailed: Error { let outcome: String }

    @Test func theDashboardReportsWaitingAndOverdueChecks() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let program = ConsoleDashboardTests.program
        try await fixture.store.write { try $0.saveProgram(program) }
        try await RolloutChanges(environment: fixture.environment, actor: "cli").setMode(
            programID: program.id, mode: .assisted, firstCount: 2)
        let pipeline = IssuancePipeline(environment: fixture.environment, actor: "cli")
        var issued: [String] = []
        for number in 1...3 {
            let outcome = try await pipeline.intake(
                CompletionEvent(
                    source: "cli", eventID: "e-\(number)", programID: program.id,
                    learner: LearnerDetails(externalID: "u-\(number)", email: "u\(number)@example.org", legalName: "Learner \(number)"),
                    completedAt: fixture.clock.now, score: 90))
            guard case .issued(_, let id) = outcome else { throw CheckFailed(outcome: "\(outcome)") }
            try await pipeline.finish(credentialID: id)
            issued.append(id)
        }
        let first = issued[0]
        let staff = try await fixture.signIn(role: .viewer)
        try await fixture.application().test(.router) { client in
            let before = try await client.execute(uri: "/console/dashboard", method: .get, headers: staff.headers).text
            #expect(before.contains("2 issuances are waiting to be checked."), "\(before.prefix(3000))")
            #expect(!before.contains("overdue"))
            // Past the deadline (the first session has timed out meanwhile: a new one).
            fixture.clock.advance(by: 4 * 3600 + 1)
            let staff = try await fixture.signIn(role: .viewer, email: "later@example.org")
            let after = try await client.execute(uri: "/console/dashboard", method: .get, headers: staff.headers).text
            #expect(after.contains("2 issuances are waiting to be checked, <strong class=\"tag tag--error\">2 overdue</strong>."))
            let page = try await client.execute(uri: "/console/rollout", method: .get, headers: staff.headers).text
            #expect(page.contains("(2, 2 overdue)"))
            // A viewer sees the list but may not work it.
            #expect(!page.contains("/console/rollout/checks/\(first)/revoke"))
            let forged = try await client.execute(
                uri: "/console/rollout/checks/\(first)/revoke", method: .post, headers: staff.formHeaders,
                body: staff.form([("note", "forged")]))
            #expect(forged.status == .forbidden)
        }
    }
}
