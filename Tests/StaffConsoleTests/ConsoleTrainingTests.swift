import Foundation
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Testing

@testable import StaffConsole

/// The Training pages through the router: configurations created and changed from a form (the
/// domain's validation decides, its message beside the field), the certificate switch whose
/// confirmation counts exactly who gets a certificate, workers' completions recorded and removed
/// with a reason, every change audited under the person and checked against their role.
@Suite("Console training")
struct ConsoleTrainingTests {
    static let form: [(String, String)] = [
        ("id", "site-electricians"), ("group", "Site electricians"), ("reminderLeadTime", "P30D"),
        ("module-0-name", "Electrical safety"), ("module-0-id", ""), ("module-0-validity", "P1Y"), ("module-0-required", "on"),
        ("module-1-name", "Lockout/tagout"), ("module-1-id", "lockout-tagout"), ("module-1-validity", "P2Y"), ("module-1-required", "on"),
        ("module-2-name", "Confined spaces"), ("module-2-id", "confined-spaces"), ("module-2-validity", ""),
    ]

    /// The configuration of `form`, saved by the CLI, with Ana (every required module) and Bruno (one missing) in the group.
    static func group(_ fixture: ConsoleFixture) async throws -> (complete: String, missing: String) {
        let service = ComplianceService(environment: fixture.environment, actor: "cli")
        try await service.saveConfiguration(
            TrainingConfiguration(
                id: "site-electricians", group: "Site electricians",
                modules: [
                    TrainingModule(id: "electrical-safety", name: "Electrical safety", validity: "P1Y"),
                    TrainingModule(id: "lockout-tagout", name: "Lockout/tagout", validity: "P2Y"),
                    TrainingModule(id: "confined-spaces", name: "Confined spaces", required: false),
                ], reminderLeadTime: "P30D"))
        let ana = try await service.worker("W-1", email: "ana@example.org", name: "Ana Lima")
        let bruno = try await service.worker("W-2", email: "bruno@example.org", name: "Bruno Dias")
        for worker in [ana, bruno] { try await service.join(learnerID: worker.id, configurationID: "site-electricians") }
        try await service.complete(learnerID: ana.id, moduleID: "electrical-safety")
        try await service.complete(learnerID: ana.id, moduleID: "lockout-tagout")
        try await service.complete(learnerID: bruno.id, moduleID: "electrical-safety")
        return (ana.id, bruno.id)
    }

    func audit(_ fixture: ConsoleFixture, _ kind: String) async throws -> AuditEntry? {
        try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000).last { $0.kind == kind } }
    }

    @Test func anAdminCreatesAConfigurationAndTheFormRefusesWhatTheDomainRefuses() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let blank = try await client.execute(uri: "/console/training/new", method: .get, headers: admin.headers)
            #expect(blank.status == .ok && blank.text.contains("name=\"module-2-validity\""))
            var bad = Self.form
            bad[5] = ("module-0-validity", "one year")
            let refused = try await client.execute(
                uri: "/console/training/new", method: .post, headers: admin.formHeaders, body: admin.form(bad))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("<a href=\"#module-0-validity\">Module electrical-safety has validity"))
            #expect(refused.text.contains("id=\"module-0-validity-error\""))
            #expect(refused.text.contains("value=\"Lockout/tagout\""), "the form keeps what was typed")
            let saved = try await client.execute(
                uri: "/console/training/new", method: .post, headers: admin.formHeaders, body: admin.form(Self.form))
            #expect(saved.status == .ok && saved.text.contains("Training configuration added"), "\(saved.text)")
            let again = try await client.execute(
                uri: "/console/training/new", method: .post, headers: admin.formHeaders, body: admin.form(Self.form))
            #expect(again.status == .badRequest && again.text.contains("There is already a training configuration site-electricians"))
            let list = try await client.execute(uri: "/console/training", method: .get, headers: admin.headers)
            #expect(list.text.contains("href=\"/console/training/groups/site-electricians\">Site electricians</a>"))
            #expect(list.text.contains("3 (2 required)") && list.text.contains("30 days"))
        }
        let stored = try #require(try await fixture.store.read { try $0.trainingConfiguration(id: "site-electricians") })
        #expect(stored.modules.map(\.id) == ["electrical-safety", "lockout-tagout", "confined-spaces"])
        #expect(stored.modules.map(\.required) == [true, true, false])
        #expect(stored.modules.map(\.validity) == ["P1Y", "P2Y", nil])
        #expect(stored.reminderLeadTime == "P30D" && !stored.issuesCertificates)
        #expect(try await audit(fixture, "training.configuration_saved")?.actor == admin.member.auditActor)
    }

    @Test func editingKeepsTheIdAndChangesGroupModulesAndReminder() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        _ = try await Self.group(fixture)
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let path = "/console/training/groups/site-electricians/edit"
            let page = try await client.execute(uri: path, method: .get, headers: admin.headers)
            #expect(page.text.contains("value=\"Confined spaces\"") && page.text.contains("name=\"module-5-name\""))
            var fields = Self.form.filter { $0.0 != "id" }
            fields[0] = ("group", "Site electricians (north)")
            fields.append(("module-3-name", "Working at height"))
            fields.append(("module-3-validity", "P3Y"))
            let saved = try await client.execute(uri: path, method: .post, headers: admin.formHeaders, body: admin.form(fields))
            #expect(saved.text.contains("Training configuration saved"), "\(saved.text)")
        }
        let stored = try #require(try await fixture.store.read { try $0.trainingConfiguration(id: "site-electricians") })
        #expect(stored.group == "Site electricians (north)" && stored.modules.last?.id == "working-at-height")
        #expect(stored.modules.last?.required == false, "an unticked box is optional")
    }

    @Test func enablingCertificatesCountsFirstThenIssuesToExactlyThoseWhoHoldEveryRequiredModule() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (ana, bruno) = try await Self.group(fixture)
        let admin = try await fixture.signIn(role: .admin)
        let path = "/console/training/groups/site-electricians/certificates"
        try await fixture.application().test(.router) { client in
            let confirm = try await client.execute(uri: path, method: .get, headers: admin.headers)
            #expect(confirm.text.contains("<strong>1</strong> worker holds every required module now"), "\(confirm.text)")
            #expect(confirm.text.contains("<li>Ana Lima</li>") && !confirm.text.contains("<li>Bruno Dias</li>"))
            #expect(try await fixture.store.read { try $0.trainingConfiguration(id: "site-electricians") }?.issuesCertificates == false)
            let done = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("enabled", "true")]))
            #expect(done.text.contains("1 worker was issued a certificate at once"), "\(done.text)")
            let group = try await client.execute(uri: "/console/training/groups/site-electricians", method: .get, headers: admin.headers)
            #expect(group.text.contains("Certificates on") && group.text.contains("Lockout/tagout (missing)"))
        }
        let held = try await fixture.store.read { reading in
            (
                try reading.currentCredential(learnerID: ana, programID: "compliance-site-electricians"),
                try reading.currentCredential(learnerID: bruno, programID: "compliance-site-electricians")
            )
        }
        #expect(held.0?.state == .active && held.1 == nil)
        let entry = try #require(try await audit(fixture, "training.configuration_saved"))
        #expect(entry.actor == admin.member.auditActor && entry.data.contains("\"certificate\":true"))
    }

    @Test func aChangeThatSuspendsCertificatesIsConfirmedFirstWithItsCount() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (ana, _) = try await Self.group(fixture)
        let admin = try await fixture.signIn(role: .admin)
        let service = ComplianceService(environment: fixture.environment, actor: "cli")
        let stored = try #require(try await fixture.store.read { try $0.trainingConfiguration(id: "site-electricians") })
        try await service.saveConfiguration(ConsoleRoutes<ConsoleTestContext>.switching(stored, on: true))
        // Confined spaces becomes required: nobody holds it, so Ana's certificate would be suspended.
        let fields = Self.form.filter { $0.0 != "id" } + [("module-2-required", "on")]
        try await fixture.application().test(.router) { client in
            let path = "/console/training/groups/site-electricians/edit"
            let check = try await client.execute(uri: path, method: .post, headers: admin.formHeaders, body: admin.form(fields))
            #expect(
                check.text.contains("<strong>1</strong> certificate will say SUSPENDED to anyone who scans it: Ana Lima"), "\(check.text)")
            #expect(check.text.contains("<input type=\"hidden\" name=\"module-2-required\" value=\"on\">"))
            #expect(try await fixture.store.read { try $0.trainingConfiguration(id: "site-electricians") }?.modules[2].required == false)
            let saved = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form(fields + [("confirmed", "yes")]))
            #expect(saved.text.contains("now says SUSPENDED"), "\(saved.text)")
        }
        let credential = try await fixture.store.read {
            try $0.currentCredential(learnerID: ana, programID: "compliance-site-electricians")
        }
        #expect(credential?.state == .suspended)
    }

    @Test func theWorkerPageShowsEachModuleStateAndRecordsAndRemovesCompletions() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (_, bruno) = try await Self.group(fixture)
        let issuer = try await fixture.signIn(role: .issuer)
        let path = "/console/training/workers/\(bruno)"
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: path, method: .get, headers: issuer.headers)
            #expect(page.text.contains("<strong class=\"tag tag--valid\">Complete</strong>"))
            #expect(page.text.contains("<strong class=\"tag tag--error\">Missing</strong>"))
            #expect(page.text.contains("23 November 2027"), "expiry of the one-year module")
            let future = try await client.execute(
                uri: path + "/completions", method: .post, headers: issuer.formHeaders,
                body: issuer.form([("module", "lockout-tagout"), ("completedOn", "2030-01-01")]))
            #expect(future.status == .badRequest && future.text.contains("cannot be in the future"))
            let recorded = try await client.execute(
                uri: path + "/completions", method: .post, headers: issuer.formHeaders,
                body: issuer.form([("module", "lockout-tagout"), ("completedOn", "2026-11-20")]))
            #expect(recorded.text.contains("Bruno Dias completed Lockout/tagout on 20 November 2026."), "\(recorded.text)")
            #expect(recorded.text.contains("Site electricians: VALID"))

            let remove = path + "/completions/lockout-tagout/remove"
            let confirm = try await client.execute(uri: remove, method: .get, headers: issuer.headers)
            #expect(confirm.text.contains("The completion of <strong>Lockout/tagout</strong> on 20 November 2026 will no longer count"))
            let blank = try await client.execute(
                uri: remove, method: .post, headers: issuer.formHeaders, body: issuer.form([("reason", " ")]))
            #expect(blank.status == .badRequest && blank.text.contains("id=\"reason-error\""))
            let long = try await client.execute(
                uri: remove, method: .post, headers: issuer.formHeaders,
                body: issuer.form([("reason", String(repeating: "x", count: 1001))]))
            #expect(long.status == .badRequest && long.text.contains("Keep the reason under 1,000 characters."))
            let removed = try await client.execute(
                uri: remove, method: .post, headers: issuer.formHeaders, body: issuer.form([("reason", "certificate was forged")]))
            #expect(removed.text.contains("Completion removed") && removed.text.contains("Site electricians: NOT VALID"))
            let after = try await client.execute(uri: path, method: .get, headers: issuer.headers)
            #expect(after.text.contains("certificate was forged") && after.text.contains("Removed</strong>"))

            // A year later (past the idle timeout, so signed in afresh) Electrical safety has expired.
            fixture.clock.advance(by: 400 * 86_400)
            let again = try await fixture.signIn(role: .viewer, email: "later@example.org")
            let later = try await client.execute(uri: path, method: .get, headers: again.headers)
            #expect(later.text.contains("<strong class=\"tag tag--error\">Expired</strong>"))
        }
        let completed = try #require(try await audit(fixture, "training.module_completed"))
        #expect(completed.actor == issuer.member.auditActor)
        let removed = try #require(try await audit(fixture, "training.completion_removed"))
        #expect(removed.actor == issuer.member.auditActor && removed.data.contains("certificate was forged"))
    }

    @Test func withdrawingAnAssignmentIsConfirmedAndSuspendsTheCertificate() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (ana, bruno) = try await Self.group(fixture)
        let service = ComplianceService(environment: fixture.environment, actor: "cli")
        let stored = try #require(try await fixture.store.read { try $0.trainingConfiguration(id: "site-electricians") })
        try await service.saveConfiguration(ConsoleRoutes<ConsoleTestContext>.switching(stored, on: true))
        try await service.assign(learnerID: bruno, configurationID: "site-electricians", moduleID: "confined-spaces")
        let issuer = try await fixture.signIn(role: .issuer)
        let worker = "/console/training/workers/\(ana)"
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: worker, method: .get, headers: issuer.headers)
            #expect(page.text.contains("href=\"\(worker)/withdraw/site-electricians\""))
            let other = try await client.execute(uri: "/console/training/workers/\(bruno)", method: .get, headers: issuer.headers)
            #expect(other.text.contains("href=\"/console/training/workers/\(bruno)/withdraw/site-electricians/confined-spaces\""))
            let confirm = try await client.execute(uri: worker + "/withdraw/site-electricians", method: .get, headers: issuer.headers)
            #expect(
                confirm.text.contains("will no longer be assigned the group Site electricians")
                    && confirm.text.contains("will say SUSPENDED"))
            let missing = try await client.execute(uri: worker + "/withdraw/other-group", method: .get, headers: issuer.headers)
            #expect(missing.status == .notFound)
            let done = try await client.execute(
                uri: worker + "/withdraw/site-electricians", method: .post, headers: issuer.formHeaders, body: issuer.form([]))
            #expect(done.text.contains("Assignment withdrawn") && done.text.contains("now says SUSPENDED"), "\(done.text)")
        }
        let credential = try await fixture.store.read {
            try $0.currentCredential(learnerID: ana, programID: "compliance-site-electricians")
        }
        #expect(credential?.state == .suspended)
        let entry = try #require(try await audit(fixture, "training.assignment_removed"))
        #expect(entry.actor == issuer.member.auditActor)
    }

    @Test func assigningAddsANewWorkerToTheGroupOrOneModule() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        _ = try await Self.group(fixture)
        let issuer = try await fixture.signIn(role: .issuer)
        let path = "/console/training/groups/site-electricians/assign"
        try await fixture.application().test(.router) { client in
            let unknown = try await client.execute(
                uri: path, method: .post, headers: issuer.formHeaders, body: issuer.form([("worker", "W-9"), ("what", "")]))
            #expect(unknown.status == .badRequest && unknown.text.contains("There is no worker W-9 yet"))
            let added = try await client.execute(
                uri: path, method: .post, headers: issuer.formHeaders,
                body: issuer.form([("worker", "W-9"), ("name", "Carla Reis"), ("email", "carla@example.org"), ("what", "")]))
            #expect(added.text.contains("Carla Reis is assigned Site electricians."), "\(added.text)")
            let module = try await client.execute(
                uri: path, method: .post, headers: issuer.formHeaders,
                body: issuer.form([("worker", "W-1"), ("what", "confined-spaces")]))
            #expect(module.text.contains("Ana Lima is assigned the module Confined spaces of Site electricians."))
        }
        let assignments = try await fixture.store.read { try $0.trainingAssignments(learnerID: nil) }
        #expect(assignments.contains { $0.moduleID == "confined-spaces" && $0.assignedBy == issuer.member.auditActor })
        #expect(assignments.filter { $0.moduleID == nil }.count == 3)
    }

    @Test func rolesAndTheCSRFTokenAreCheckedOnTheServer() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let (ana, _) = try await Self.group(fixture)
        let issuer = try await fixture.signIn(role: .issuer)
        let viewer = try await fixture.signIn(role: .viewer)
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let certificates = "/console/training/groups/site-electricians/certificates"
            #expect(try await client.execute(uri: "/console/training/new", method: .get, headers: issuer.headers).status == .forbidden)
            #expect(try await client.execute(uri: certificates, method: .get, headers: issuer.headers).status == .forbidden)
            let forged = try await client.execute(
                uri: certificates, method: .post, headers: issuer.formHeaders, body: issuer.form([("enabled", "true")]))
            #expect(forged.status == .forbidden)
            let viewerPage = try await client.execute(uri: "/console/training/workers/\(ana)", method: .get, headers: viewer.headers)
            #expect(viewerPage.status == .ok && !viewerPage.text.contains("Record a completion") && !viewerPage.text.contains("/remove"))
            let viewerPost = try await client.execute(
                uri: "/console/training/workers/\(ana)/completions/lockout-tagout/remove", method: .post, headers: viewer.formHeaders,
                body: viewer.form([("reason", "forged")]))
            #expect(viewerPost.status == .forbidden)
            let noToken = try await client.execute(
                uri: certificates, method: .post, headers: admin.formHeaders, body: admin.form([("enabled", "true")], withCSRF: false))
            #expect(noToken.status == .forbidden)
        }
        let configuration = try await fixture.store.read { try $0.trainingConfiguration(id: "site-electricians") }
        #expect(configuration?.issuesCertificates == false)
        #expect(try await audit(fixture, "training.completion_removed") == nil)
    }
}
