import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import Synchronization
import Testing

@testable import StaffConsole

/// The Programs pages through the router: the list with its figures, the form that adds and
/// changes programs (refusing exactly what `attest programs add` refuses), image uploads checked
/// by the real decoders, the preview, versions, roles and CSRF.
@Suite("Console programs")
struct ConsoleProgramsTests {
    typealias Support = ProgramConsole

    @Test func anAdminAddsAProgramWithALogoAndItIsSavedAsVersionOneUnderTheirName() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let admin = try await site.fixture.signIn(role: .admin)
        try await site.application().test(.router) { client in
            let empty = try await client.execute(uri: "/console/programs/new", method: .get, headers: admin.headers)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("enctype=\"multipart/form-data\""))
            let saved = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(
                    Support.fields() + [("csrf", admin.csrf)],
                    files: [.init(field: "branding.logo", name: "logo.png", contentType: "image/png", bytes: Support.png)]))
            #expect(saved.status == .seeOther, "\(saved.text)")
            #expect(saved.headers[.location] == "/console/programs/first-aid-at-work?saved=1")
        }
        let stored = try #require(try await site.fixture.store.read { try $0.program(id: "first-aid-at-work") })
        #expect(stored.version == 1)
        #expect(stored.template == .achievement)
        #expect(stored.branding.pageSize == .letter)
        #expect(stored.branding.primaryColor == "#12345A")
        #expect(stored.validity?.description == "P3Y")
        #expect(stored.statusPurpose == .suspension)
        #expect(stored.customFields == ["Location": "Leeds", "Hours": "18"])
        #expect(stored.supervisorEmails == ["lead@example.org", "hr@example.org"])
        #expect(stored.rules.requiredModules == ["cpr", "bleeding"])
        #expect(stored.rules.minimumScore == 80)
        #expect(stored.rules.review.scoreWithin == 2)
        #expect(stored.rules.review.exemptModules && !stored.rules.review.nameMismatch)
        #expect(stored.email?.subject == "{{preferredName}}, your certificate: {{course}}")
        #expect(stored.email?.text == nil)
        #expect(stored.issuanceDelay?.description == "PT48H")
        #expect(stored.expiryReminders == [60, 14])
        #expect(stored.renewalURL == "https://learn.example.org/renew")
        #expect(stored.followUps?.map(\.event) == ["survey.requested", "welcome.sent"])
        #expect(stored.followUps?.map(\.from) == [.issuance, .claim])
        let logo = try #require(stored.branding.logo)
        #expect(ProgramImage.isConsoleName(logo))
        #expect(FileManager.default.contents(atPath: site.images.appendingPathComponent(logo).path).map(Array.init) == Support.png)
        let audit = try await site.fixture.store.read { try $0.auditEntries(from: 0, limit: 1000) }
        let entry = try #require(audit.last { $0.kind == "program.saved" })
        #expect(entry.actor == admin.member.auditActor)
        #expect(entry.subject == "first-aid-at-work")
    }

    @Test func changingAProgramSavesTheNextVersionAndNothingChangedSavesNone() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let admin = try await site.fixture.signIn(role: .admin)
        try await site.application().test(.router) { client in
            _ = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(Support.fields() + [("csrf", admin.csrf)]))
            let form = try await client.execute(uri: "/console/programs/first-aid-at-work/edit", method: .get, headers: admin.headers)
            #expect(form.text.contains("value=\"First Aid at Work\""))
            #expect(form.text.contains("Save as version 2"))
            #expect(form.text.contains("name=\"basedOnVersion\" value=\"1\""))
            let editFields =
                Support.fields(name: "First Aid at Work (2027)").filter { $0.0 != "id" } + [("csrf", admin.csrf), ("basedOnVersion", "1")]
            let changed = try await client.execute(
                uri: "/console/programs/first-aid-at-work/edit", method: .post, headers: Support.headers(admin),
                body: Support.multipart(editFields))
            #expect(changed.headers[.location] == "/console/programs/first-aid-at-work?saved=2", "\(changed.text)")
            let again = try await client.execute(
                uri: "/console/programs/first-aid-at-work/edit", method: .post, headers: Support.headers(admin),
                body: Support.multipart(editFields.map { $0.0 == "basedOnVersion" ? ($0.0, "2") : $0 }))
            #expect(again.status == .ok)
            #expect(again.text.contains("Nothing was changed, so no new version was saved."))
            // A form opened on version 1 and sent after version 2 was saved is refused, not applied.
            let stale = try await client.execute(
                uri: "/console/programs/first-aid-at-work/edit", method: .post, headers: Support.headers(admin),
                body: Support.multipart(
                    Support.fields(name: "Old tab").filter { $0.0 != "id" } + [("csrf", admin.csrf), ("basedOnVersion", "1")]))
            #expect(stale.status == .badRequest)
            #expect(stale.text.contains("Someone else saved version 2"))
            let page = try await client.execute(uri: "/console/programs/first-aid-at-work?saved=2", method: .get, headers: admin.headers)
            #expect(page.text.contains("Version 2 is saved"))
        }
        let stored = try #require(try await site.fixture.store.read { try $0.program(id: "first-aid-at-work") })
        #expect(stored.version == 2)
        #expect(stored.achievement.name == "First Aid at Work (2027)")
    }

    /// Each case: a form field set to a value `attest programs add` refuses, the field the message
    /// must stand beside, and the definition member that carries the same value in a file.
    static let refusals: [(field: String, value: String, elementID: String)] = [
        ("rules.minimumScore", "120", "rules-minimumScore"),
        ("branding.accentColor", "#12345", "branding-accentColor"),
        ("branding.primaryColor", "navy", "branding-primaryColor"),
        ("email.html", "<html><body>{{learnerName}}</body></html>", "email-html"),
        ("email.subject", "{{{learnerName}}}", "email-subject"),
        ("supervisorEmails", "not-an-address", "supervisorEmails"),
        ("rules.prerequisites", "first-aid-at-work", "rules-prerequisites"),
        ("id", "First Aid", "id"),
        ("achievement.name", "   ", "achievement-name"),
        ("achievement.image", "badge.png", "achievement-image"),
        ("validity", "3 years", "validity"),
        ("rules.review.scoreWithin", "-1", "rules-review-scoreWithin"),
        ("issuanceDelay", "PT0S", "issuanceDelay"),
        ("renewalURL", "ftp://renew.example.org", "renewalURL"),
        ("expiryReminders", "30\n0", "expiryReminders"),
        ("followUps", "P30D issuance Survey!", "followUps"),
    ]

    @Test(arguments: refusals)
    func theFormRefusesWhatProgramsAddRefusesWithTheSameReasonBesideTheField(field: String, value: String, elementID: String) async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let admin = try await site.fixture.signIn(role: .admin)
        // What `attest programs add` says about the same definition (the form's values as a file).
        var form = ProgramForm(submitted: ConsoleForm(fields: Support.fields(extra: [(field, value)])))
        var definition = form.definition(base: JSONObject()) { _, image in image.fileName }
        definition["id"] = .string(field == "id" ? value : "first-aid-at-work")
        definition["version"] = 1
        var reason: String?
        do { _ = try ProgramDefinition.program(from: Array(JSONValue.object(definition).serialized().utf8)) } catch {
            reason = error.reason
        }
        let expected = try #require(reason, "programs add accepts \(field) = \(value)")
        try await site.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(Support.fields(extra: [(field, value)]) + [("csrf", admin.csrf)]))
            #expect(response.status == .badRequest)
            let message = ReviewFormat.sentence(expected)
            let escaped = HTML.text(message).rendered
            #expect(
                response.text.contains(
                    "<p class=\"field-error\" id=\"\(elementID)-error\"><span class=\"visually-hidden\">Error: </span>\(escaped)</p>"),
                "\(expected)")
            #expect(response.text.contains("id=\"\(elementID)\""))
            #expect(
                response.text.contains("aria-describedby=\"\(elementID)-hint \(elementID)-error\"")
                    || response.text.contains("aria-describedby=\"\(elementID)-error\""))
            #expect(response.text.contains("<a href=\"#\(elementID)\">\(escaped)</a>"))
        }
        #expect(try await site.fixture.store.read { try $0.programs() }.isEmpty)
        _ = form
    }

    static let badImages: [(name: String, bytes: [UInt8], message: String)] = [
        (
            "script.svg",
            Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><rect width=\"4\" height=\"4\"/></svg>".utf8),
            "contains a script"
        ),
        (
            "onload.svg",
            Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"4\" height=\"4\"/></svg>".utf8),
            "event handler (onload)"
        ),
        (
            "external.svg",
            Array(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"https://tracker.example/p.png\" width=\"4\" height=\"4\"/></svg>"
                    .utf8), "refers to something outside the file"
        ),
        (
            "entity.svg",
            Array(
                "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&a;</text></svg>"
                    .utf8), "document type declaration"
        ),
        ("notes.txt", Array("just some text, not an image".utf8), "neither a PNG nor an SVG image"),
        ("broken.png", Array(ProgramConsole.png.prefix(40)), "not a readable PNG"),
        (
            "huge.png",
            Array(ProgramConsole.png.prefix(16)) + [0, 0, 0x13, 0x88, 0, 0, 0x13, 0x88] + Array(ProgramConsole.png.dropFirst(24)),
            "5000 × 5000 pixels"
        ),
        (
            "big.svg",
            Array("<svg xmlns=\"http://www.w3.org/2000/svg\">".utf8) + [UInt8](repeating: 0x20, count: 1 << 20) + Array("</svg>".utf8),
            "larger than 1 MiB"
        ),
        ("broken.svg", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect".utf8), "not a readable SVG"),
    ]

    @Test(arguments: badImages)
    func aBadImageIsRefusedBesideItsFieldAndNeitherKeptNorSaved(name: String, bytes: [UInt8], message: String) async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let admin = try await site.fixture.signIn(role: .admin)
        try await site.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(
                    Support.fields() + [("csrf", admin.csrf)],
                    files: [.init(field: "branding.logo", name: name, contentType: "image/svg+xml", bytes: bytes)]))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("id=\"branding-logo-error\""))
            #expect(response.text.contains(message), "\(name)")
            #expect(!response.text.contains("name=\"branding.logo.pending\""))
        }
        #expect(site.keptImages().isEmpty)
        #expect(try await site.fixture.store.read { try $0.programs() }.isEmpty)
    }

    @Test func thePreviewDrawsTheSampleNameAndStoresNothing() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let admin = try await site.fixture.signIn(role: .admin)
        let auditBefore = try await site.fixture.store.read { try $0.auditEntries(from: 0, limit: 1000).count }
        let images = Mutex<[String: [UInt8]]>([:])
        try await site.application().test(.router) { client in
            for sample in [
                "Ana Lima", "Maximiliana Alexandrina Konstantinopoulou-Vanderbilt de la Cruz y Montenegro", "محمد بن عبد الله", "王小明",
            ] {
                let response = try await client.execute(
                    uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                    body: Support.multipart(
                        Support.fields(extra: [
                            ("intent", "preview"), ("sampleName", sample), ("email.text", "Dear {{learnerName}}, well done."),
                        ])
                            + [("csrf", admin.csrf)],
                        files: [.init(field: "branding.logo", name: "logo.svg", contentType: "image/svg+xml", bytes: Support.svg)]))
                #expect(response.status == .ok, "\(sample): \(response.text.prefix(2000))")
                let html = response.text
                let start = try #require(
                    html.range(of: "id=\"preview-image\" class=\"preview-image\" src=\"data:image/png;base64,"), "\(sample)")
                let base64 = html[start.upperBound...].prefix { $0 != "\"" }
                let png = try #require(Data(base64Encoded: String(base64)))
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
                images.withLock { $0[sample] = Array(png) }
                #expect(html.contains("<dd id=\"preview-subject\">\(HTML.text(sample).rendered), your certificate: First Aid at Work</dd>"))
                #expect(html.contains("Dear \(HTML.text(sample).rendered), well done."))
                // The uploaded logo rides along in the form until saved, and is not kept yet.
                #expect(html.contains("name=\"branding.logo.pending\""))
            }
        }
        #expect(Set(images.withLock { $0.values }).count == 4, "every sample name draws a different certificate")
        #expect(site.keptImages().isEmpty)
        #expect(try await site.fixture.store.read { try $0.programs() }.isEmpty)
        #expect(try await site.fixture.store.read { try $0.auditEntries(from: 0, limit: 1000).count } == auditBefore)
    }

    @Test func aLogoKeptFromThePreviewIsCheckedAgainWhenSaved() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let admin = try await site.fixture.signIn(role: .admin)
        let hostile = Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8).base64EncodedString()
        try await site.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(Support.fields(extra: [("branding.logo.pending", hostile)]) + [("csrf", admin.csrf)]))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("contains a script"))
        }
        #expect(site.keptImages().isEmpty)
    }

    static let countedProgram = Program(
        id: "working-at-height-2", achievement: Achievement(name: "Working at Height — Level 2", description: "", criteria: ""),
        rules: CompletionRules(minimumScore: 80, review: ReviewTriggers(scoreWithin: 2)))

    /// Five completions of ``countedProgram``: two issued, one held (81 is within 2 of 80), two rejected.
    static func recordCompletions(_ environment: IssuerEnvironment) async throws {
        try await environment.store.write { try $0.saveProgram(countedProgram) }
        let pipeline = IssuancePipeline(environment: environment, actor: "lms")
        for (index, score) in [95.0, 97, 81, 50, 10].enumerated() {
            let event = CompletionEvent(
                source: "lms", eventID: "evt-\(index)", programID: countedProgram.id,
                learner: LearnerDetails(externalID: "u-\(index)", email: "u\(index)@example.org", legalName: "Learner \(index)"),
                completedAt: ConsoleFixture.start, score: score)
            if case .issued(_, let credentialID) = try await pipeline.intake(event) {
                _ = try await pipeline.finish(credentialID: credentialID)
            }
        }
    }

    static let expectedCounts = ProgramCounts(issued: 2, held: 1, rejected: 2, lastIssuedAt: ConsoleFixture.start)

    @Test func theListCountsIssuedHeldAndRejectedPerProgram() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        try await Self.recordCompletions(site.fixture.environment)
        try await site.fixture.store.write {
            try $0.saveProgram(Program(id: "unused", achievement: Achievement(name: "Unused <b>course</b>", description: "", criteria: "")))
        }
        let counts = try #require(try await site.fixture.store.read { try $0.programCountsIfCounted() })
        #expect(counts[Self.countedProgram.id] == Self.expectedCounts)
        #expect(counts["unused"] == nil)
        let viewer = try await site.fixture.signIn(role: .viewer)
        try await site.application().test(.router) { client in
            let list = try await client.execute(uri: "/console/programs", method: .get, headers: viewer.headers)
            #expect(list.status == .ok)
            let text = list.text
            #expect(
                text.contains(
                    "<td data-label=\"Issued\" class=\"numeric\">2</td><td data-label=\"Held\" class=\"numeric\">1</td><td data-label=\"Rejected\" class=\"numeric\">2</td>"
                ))
            #expect(text.contains("<td data-label=\"Last issued\">23 November 2026, 09:00 UTC</td>"))
            #expect(text.contains("Unused &lt;b&gt;course&lt;/b&gt;"))
            #expect(!text.contains("Add a program"), "a viewer may not add programs")
            let page = try await client.execute(uri: "/console/programs/unused", method: .get, headers: viewer.headers)
            #expect(page.status == .ok)
            #expect(!page.text.contains("Change this program"))
        }
    }

    @Test func theInMemoryStoreCountsAsTheDatabaseDoes() async throws {
        let fixture = try await ConsoleFixture()
        defer { fixture.remove() }
        let store = InMemoryIssuerStore()
        let issuer = fixture.issuer
        let key = try await fixture.store.read { try $0.signingKeys() }
        try await store.write { transaction in
            try transaction.saveIssuer(issuer)
            for record in key { try transaction.saveSigningKey(record) }
        }
        let environment = IssuerEnvironment(
            store: store, now: { ConsoleFixture.start }, random: fixture.environment.random, keys: fixture.environment.keys)
        try await Self.recordCompletions(environment)
        #expect(try await store.read { try $0.programCountsIfCounted() } == [Self.countedProgram.id: Self.expectedCounts])
    }

    @Test func onlyAdministratorsChangeProgramsAndEveryPostNeedsTheCSRFToken() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let issuer = try await site.fixture.signIn(role: .issuer)
        let admin = try await site.fixture.signIn(role: .admin)
        try await site.application().test(.router) { client in
            let form = try await client.execute(uri: "/console/programs/new", method: .get, headers: issuer.headers)
            #expect(form.status == .forbidden)
            let post = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(issuer),
                body: Support.multipart(Support.fields() + [("csrf", issuer.csrf)]))
            #expect(post.status == .forbidden)
            let withoutToken = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin), body: Support.multipart(Support.fields()))
            #expect(withoutToken.status == .forbidden)
            let wrongToken = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(Support.fields() + [("csrf", String(admin.csrf.reversed()))]))
            #expect(wrongToken.status == .forbidden)
            let notMultipart = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: admin.formHeaders, body: admin.form(Support.fields()))
            #expect(notMultipart.status == .badRequest)
        }
        #expect(try await site.fixture.store.read { try $0.programs() }.isEmpty)
    }

    @Test func anAdminDisablesAndEnablesAProgramUnderTheirNameAndOthersCannot() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        try await site.fixture.store.write { try $0.saveProgram(Self.countedProgram) }
        let admin = try await site.fixture.signIn(role: .admin)
        let issuer = try await site.fixture.signIn(role: .issuer)
        let path = "/console/programs/\(Self.countedProgram.id)/enabled"
        try await site.application().test(.router) { client in
            let page = try await client.execute(uri: "/console/programs/\(Self.countedProgram.id)", method: .get, headers: admin.headers)
            #expect(page.text.contains("<strong class=\"tag tag--valid\">Enabled</strong>"))
            #expect(page.text.contains("Disable this program"))
            let forbidden = try await client.execute(
                uri: path, method: .post, headers: issuer.formHeaders, body: issuer.form([("enabled", "false")]))
            #expect(forbidden.status == .forbidden)
            let noToken = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("enabled", "false")], withCSRF: false))
            #expect(noToken.status == .forbidden)
            #expect(try await site.fixture.store.read { try $0.programSettings(id: Self.countedProgram.id) }?.enabled != false)
            let disabled = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("enabled", "false")]))
            #expect(disabled.status == .seeOther)
            #expect(disabled.headers[.location] == "/console/programs/\(Self.countedProgram.id)?disabled=0")
            let after = try await client.execute(uri: disabled.headers[.location]!, method: .get, headers: admin.headers)
            #expect(after.text.contains("<strong class=\"tag tag--grey\">Disabled</strong>"))
            #expect(after.text.contains("The program is disabled"))
            #expect(after.text.contains("Enable this program"))
            let list = try await client.execute(uri: "/console/programs", method: .get, headers: admin.headers)
            #expect(list.text.contains("Disabled</strong>"))
            let enabled = try await client.execute(
                uri: path, method: .post, headers: admin.formHeaders, body: admin.form([("enabled", "true")]))
            #expect(enabled.headers[.location] == "/console/programs/\(Self.countedProgram.id)?enabled=0")
        }
        #expect(try await site.fixture.store.read { try $0.programSettings(id: Self.countedProgram.id) }?.enabled == true)
        let audit = try await site.fixture.store.read { try $0.auditEntries(from: 0, limit: 1000) }
        let changes = audit.filter { $0.kind == "program.disabled" || $0.kind == "program.enabled" }
        #expect(changes.map(\.kind) == ["program.disabled", "program.enabled"])
        #expect(changes.allSatisfy { $0.actor == admin.member.auditActor })
    }

    @Test func aCourseAnotherProgramMapsIsRefusedBesideTheCoursesField() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        var other = Self.countedProgram
        other.courses = ["moodle:42"]
        let saved = other
        try await site.fixture.store.write { try $0.saveProgram(saved) }
        let admin = try await site.fixture.signIn(role: .admin)
        try await site.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(Support.fields(extra: [("courses", "moodle:7\nmoodle:42")]) + [("csrf", admin.csrf)]))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("id=\"courses-error\""))
            #expect(response.text.contains("moodle:42 is mapped by program \(Self.countedProgram.id) already"))
        }
        #expect(try await site.fixture.store.read { try $0.program(id: "first-aid-at-work") } == nil)
    }

    @Test func anEmptyDescriptionAndCriteriaAreSavedEmptyAsTheSchemaAllows() async throws {
        let site = try await ProgramConsole()
        defer { site.fixture.remove() }
        let admin = try await site.fixture.signIn(role: .admin)
        try await site.application().test(.router) { client in
            let saved = try await client.execute(
                uri: "/console/programs/new", method: .post, headers: Support.headers(admin),
                body: Support.multipart(
                    Support.fields(extra: [("achievement.description", ""), ("achievement.criteria", "  ")]) + [("csrf", admin.csrf)]))
            #expect(saved.status == .seeOther, "\(saved.text)")
        }
        let stored = try #require(try await site.fixture.store.read { try $0.program(id: "first-aid-at-work") })
        #expect(stored.achievement.description == "" && stored.achievement.criteria == "")
    }
}
