import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import StaffConsole
import Synchronization
import Testing

/// The bulk reissue and template family pages on the server: the role is checked for every
/// change (an issuer is refused, a post without the CSRF token is refused), and what an
/// administrator does is audited under them.
@Suite("Console bulk reissue and template family")
struct ConsoleReissueTests {
    static let program = Program(
        id: "first-aid", achievement: Achievement(name: "First Aid at Work", description: "Emergency first aid.", criteria: "Pass."),
        rules: CompletionRules(requiredModules: ["cpr"]))

    /// A program at version 2 with `learners` active credentials issued under version 1; the first one's id.
    @discardableResult
    func corrected(_ fixture: ConsoleFixture, learners: Int = 1) async throws -> String {
        try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(Self.program)
        let pipeline = IssuancePipeline(environment: fixture.environment, actor: "cli")
        var ids: [String] = []
        for number in 1...learners {
            let event = CompletionEvent(
                source: "test", eventID: "e-\(number)", programID: "first-aid",
                learner: LearnerDetails(externalID: "u-\(number)", email: "u-\(number)@example.org", legalName: "Ana Lima"),
                completedAt: ConsoleFixture.start, modules: [ModuleCompletion(id: "cpr", completedAt: ConsoleFixture.start)])
            guard case .issued(_, let credentialID) = try await pipeline.intake(event) else {
                throw IssuerError(.invalidState, "not issued")
            }
            _ = try await pipeline.finish(credentialID: credentialID)
            ids.append(credentialID)
        }
        let credentialID = ids[0]
        var second = Self.program
        second.version = 2
        second.achievement.name = "First Aid at Work (corrected)"
        try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(second)
        return credentialID
    }

    @Test("an issuer may not reissue or choose a template; a post without the token is refused; nothing changes")
    func rolesAndTokens() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let credentialID = try await corrected(fixture)
        let issuer = try await fixture.signIn(role: .issuer)
        let admin = try await fixture.signIn(role: .admin)
        try await fixture.application().test(.router) { client in
            let path = "/console/programs/first-aid/reissue"
            #expect(try await client.execute(uri: path, method: .get, headers: issuer.headers).status == .forbidden)
            let forged = try await client.execute(
                uri: path, method: .post, headers: issuer.formHeaders, body: issuer.form([("from", "1"), ("reason", "r")]))
            #expect(forged.status == .forbidden)
            let template = try await client.execute(
                uri: "/console/programs/first-aid/templates", method: .post, headers: issuer.formHeaders,
                body: issuer.form([("template", "compliance")]))
            #expect(template.status == .forbidden)
            let noToken = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("from", "1"), ("reason", "r")], withCSRF: false))
            #expect(noToken.status == .forbidden)
        }
        let state = try await fixture.store.read { try $0.credential(id: credentialID)?.state }
        #expect(state == .active)
        #expect(try await fixture.store.read { try $0.program(id: "first-aid")?.version } == 2)
    }

    @Test("an administrator sees the count, reissues, and chooses a template, each audited under them")
    func administratorReissuesAndChooses() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let admin = try await fixture.signIn(role: .admin)
        try await IssuerAdministration(environment: fixture.environment, actor: "cli").saveProgram(Self.program)
        try await fixture.application().test(.router) { client in
            let first = try await client.execute(uri: "/console/programs/first-aid/reissue", method: .get, headers: admin.headers)
            #expect(first.status == .ok && first.text.contains("only ever had version 1") && !first.text.contains("<select"))
        }
        let credentialID = try await corrected(fixture)
        try await fixture.application().test(.router) { client in
            let path = "/console/programs/first-aid/reissue"
            let confirm = try await client.execute(uri: path, method: .get, headers: admin.headers)
            #expect(confirm.status == .ok && confirm.text.contains("1 active certificate</strong>"), "\(confirm.text)")
            let long = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders,
                body: admin.form([("from", "1"), ("reason", String(repeating: "x", count: 1001))]))
            #expect(long.status == .badRequest && long.text.contains("longer than 1,000 characters"))
            let started = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("from", "1"), ("reason", "renamed")]))
            #expect(started.status == .seeOther && started.headers[.location] == path + "/progress")
            let deadline = Date().addingTimeInterval(60)
            var progress = ""
            while Date() < deadline {
                progress = try await client.execute(uri: path + "/progress.json", method: .get, headers: admin.headers).text
                if progress.contains("\"finished\"") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(progress == #"{"state":"finished","done":1,"total":1,"percent":100}"#)

            let chosen = try await client.execute(
                uri: "/console/programs/first-aid/templates", method: .post, headers: admin.formHeaders,
                body: admin.form([("template", "compliance")]))
            #expect(chosen.status == .seeOther)
            let unknown = try await client.execute(
                uri: "/console/programs/first-aid/templates", method: .post, headers: admin.formHeaders,
                body: admin.form([("template", "poster")]))
            #expect(unknown.status == .badRequest)
        }
        #expect(try await fixture.store.read { try $0.credential(id: credentialID)?.state } == .superseded)
        let program = try await fixture.store.read { try $0.program(id: "first-aid") }
        #expect(program?.template == .compliance && program?.version == 3)
        let entries = try await fixture.store.read { try $0.auditEntries(from: 1, limit: 1000) }
        let actor = admin.member.auditActor
        #expect(entries.contains { $0.kind == "credential.superseded" && $0.actor == actor })
        #expect(entries.contains { $0.kind == "program.reissued" && $0.actor == actor })
        #expect(entries.filter { $0.kind == "program.saved" }.last?.actor == actor)
    }

    @Test("while the run works the progress page reloads itself and shows how far it is; once finished it stops reloading")
    func progressMovesAndStops() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        try await corrected(fixture, learners: 2)
        let admin = try await fixture.signIn(role: .admin)
        // The console over the same store, drawing through a maker that waits until the test lets it.
        let gate = DrawingGate()
        var environment = fixture.environment
        environment.documents = gate
        let console = try ConsoleRoutes<ConsoleTestContext>(
            environment: environment, issuer: fixture.issuer, configuration: fixture.console.configuration)
        let router = Router(context: ConsoleTestContext.self)
        console.register(on: router)
        try await Application(router: router).test(.router) { client in
            let path = "/console/programs/first-aid/reissue"
            let started = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("from", "1"), ("reason", "renamed")]))
            #expect(started.status == .seeOther)
            let running = try await client.execute(uri: path + "/progress", method: .get, headers: admin.headers)
            #expect(running.headers[HTTPField.Name("Refresh")!] == "2")
            #expect(running.text.contains("0 of 2 certificates (0 %)") && running.text.contains("value=\"0\""), "\(running.text)")
            gate.open()
            let deadline = Date().addingTimeInterval(60)
            var progress = ""
            while Date() < deadline {
                progress = try await client.execute(uri: path + "/progress.json", method: .get, headers: admin.headers).text
                if progress.contains("\"finished\"") { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(progress == #"{"state":"finished","done":2,"total":2,"percent":100}"#)
            let finished = try await client.execute(uri: path + "/progress", method: .get, headers: admin.headers)
            #expect(finished.headers[HTTPField.Name("Refresh")!] == nil)
            #expect(finished.text.contains("2 of 2 certificates (100 %)") && finished.text.contains("2 reissued"), "\(finished.text)")
        }
    }
}

/// A document maker that draws nothing until ``open()`` is called: the reissue waits mid-way.
private final class DrawingGate: CertificateDocumentMaker {
    private let isOpen = Mutex(false)

    func open() { isOpen.withLock { $0 = true } }

    func documents(signedCredential: JSONValue, credentialBytes: [UInt8], program: Program, passcode: String) async throws
        -> CertificateDocuments
    {
        while !isOpen.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        return CertificateDocuments(pdf: Array("%PDF-gated".utf8))
    }

    func trainingHistoryPDF(_ history: TrainingHistory, signedCredential: JSONValue, credentialBytes: [UInt8], program: Program)
        async throws -> [UInt8]
    { [] }
}
