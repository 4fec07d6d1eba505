import Foundation
import Testing

/// Issue 16 point 8: every rule about a program in one place. The same bad program files go through
/// the real `attest programs add` and the real `POST /api/v1/programs` of `attest serve`; both refuse
/// each, with the same message, and Spec/schemas/program.schema.json (python's jsonschema) refuses it
/// too, except for the few rules a JSON Schema cannot say, which are listed as such.
@Suite("One rule book: attest programs add and POST /api/v1/programs refuse the same files")
struct ProgramRuleBookTests {
    /// A program file and the words its refusal must contain.
    struct Case {
        let name: String
        let text: String
        let refusal: String
        /// Whether the JSON Schema can say the rule (false: a rule only code can check, such as Mustache parsing).
        var schemaCanSay = true
    }

    static let schemaPath = IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/schemas/program.schema.json").path
    static let examples = ["program.json", "program-b2b.json"].map {
        IssuerWorkspace.repositoryRoot.appendingPathComponent("Spec/examples/\($0)").path
    }

    /// Spec/examples/program.json with the member at the dotted `path` set to `value` (`nil` removes it).
    static func example(_ path: String, _ value: Any?) -> String {
        func setting(_ object: [String: Any], _ keys: ArraySlice<Substring>) -> [String: Any] {
            var object = object
            let key = String(keys.first!)
            object[key] = keys.count == 1 ? value : setting(object[key] as? [String: Any] ?? [:], keys.dropFirst())
            return object
        }
        let data = FileManager.default.contents(atPath: examples[0])!
        let base = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        let changed = setting(base, path.split(separator: ".")[...])
        return String(decoding: try! JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys]), as: UTF8.self)
    }

    static func refused(_ name: String, _ path: String, _ value: Any?, _ refusal: String, schemaCanSay: Bool = true) -> Case {
        Case(name: name, text: example(path, value), refusal: refusal, schemaCanSay: schemaCanSay)
    }

    static let html = #"<!DOCTYPE html><html lang="{{language}}"><body><h1>{{course}}</h1></body></html>"#

    static let cases: [Case] = [
        // Members the schema does not know, at every level, and null where a value belongs.
        refused("unknown top-level member", "colour", "red", "colour is not a member of a program definition"),
        refused("unknown achievement member", "achievement.badge", 1, "achievement.badge is not a member"),
        refused("unknown branding member", "branding.font", "Comic Sans", "branding.font is not a member"),
        refused("unknown rules member", "rules.maximumScore", 100, "rules.maximumScore is not a member"),
        refused("unknown review member", "rules.review.always", true, "rules.review.always is not a member"),
        refused("unknown email member", "email", ["footer": "x"], "email.footer is not a member"),
        refused("null validity", "validity", NSNull(), "validity is null"),
        refused("null logo", "branding.logo", NSNull(), "branding.logo is null"),
        refused("null review trigger", "rules.review.nameMismatch", NSNull(), "rules.review.nameMismatch is null"),
        // Missing members.
        refused("no achievement", "achievement", nil, "achievement is missing"),
        refused("no rules", "rules", nil, "rules is missing"),
        refused("no id", "id", nil, "id is missing"),
        refused("no version", "version", nil, "version is missing"),
        refused("achievement without a name", "achievement.name", nil, "achievement.name is missing"),
        refused("achievement without criteria", "achievement.criteria", nil, "achievement.criteria is missing"),
        // Wrong types.
        refused("version as text", "version", "1", "version has the wrong type"),
        refused("fractional version", "version", 1.5, "version is not valid"),
        refused("achievement as text", "achievement", "First aid", "achievement has the wrong type"),
        refused("score as text", "rules.minimumScore", "80", "rules.minimumScore has the wrong type"),
        refused("modules as text", "rules.requiredModules", "ladders", "rules.requiredModules has the wrong type"),
        refused("module as number", "rules.requiredModules", [1], "rules.requiredModules[0] has the wrong type"),
        refused("trigger as text", "rules.review.exemptModules", "yes", "rules.review.exemptModules has the wrong type"),
        refused("custom field as number", "customFields", ["Course code": 2], "customFields.Course code has the wrong type"),
        refused("supervisors as text", "supervisorEmails", "lead@client.example", "supervisorEmails has the wrong type"),
        refused("subject as number", "email", ["subject": 3], "email.subject has the wrong type"),
        refused("colour as number", "branding.primaryColor", 0x1F4E79, "branding.primaryColor has the wrong type"),
        Case(name: "a JSON array", text: "[1, 2]", refusal: "a program definition is a JSON object"),
        Case(name: "broken JSON", text: #"{"id": "working-at-height-2", "#, refusal: "not valid JSON"),
        Case(
            name: "a member twice",
            text: #"{"id":"a","version":1,"version":2,"achievement":{"name":"x","description":"y","criteria":"z"},"rules":{}}"#,
            refusal: "not valid JSON"),
        // Values out of range.
        refused("id with capitals and a space", "id", "Bad Id", #"program id "Bad Id" must be"#),
        refused("empty id", "id", "", #"program id "" must be"#),
        refused("id too long", "id", String(repeating: "a", count: 65), "must be 1–64 lower-case letters"),
        refused("version 0", "version", 0, "program version must be 1 or more"),
        refused("blank achievement name", "achievement.name", "  ", "the achievement needs a name"),
        refused("empty achievement name", "achievement.name", "", "the achievement needs a name"),
        refused("relative badge image", "achievement.image", "badge.png", "achievement.image must be an absolute URL"),
        refused("score above 100", "rules.minimumScore", 101, "minimumScore 101"),
        refused("negative score", "rules.minimumScore", -1, "minimumScore -1"),
        refused("negative minutes", "rules.minimumMinutes", -1, "rules.minimumMinutes must be 0 or more"),
        refused("negative score margin", "rules.review.scoreWithin", -0.5, "rules.review.scoreWithin must be 0 or more"),
        refused(
            "its own prerequisite", "rules.prerequisites", ["working-at-height-2"], "cannot be its own prerequisite",
            schemaCanSay: false),
        // Templates and page sizes: refused by name, never defaulted.
        refused("unknown template", "template", "poster", #"template "poster" is not one of completion, achievement, compliance"#),
        refused("template in capitals", "template", "Completion", #"template "Completion" is not one of"#),
        refused("unknown page size", "branding.pageSize", "a3", #"branding.pageSize "a3" is not one of a4, letter"#),
        refused("page size in capitals", "branding.pageSize", "A4", #"branding.pageSize "A4" is not one of a4, letter"#),
        // Validity durations.
        refused("validity in words", "validity", "3 years", #"validity "3 years" is not an ISO 8601 duration"#),
        refused("empty duration", "validity", "P", #"validity "P" is not"#),
        refused("empty time part", "validity", "PT", #"validity "PT" is not"#),
        refused("dangling T", "validity", "P1YT", #"validity "P1YT" is not"#),
        refused("parts out of order", "validity", "P1D1Y", #"validity "P1D1Y" is not"#),
        refused("a part twice", "validity", "P1Y1Y", #"validity "P1Y1Y" is not"#),
        refused("lower-case duration", "validity", "p3y", #"validity "p3y" is not"#),
        refused("fractional years", "validity", "P1.5Y", #"validity "P1.5Y" is not"#),
        refused("ten digits", "validity", "P1234567890Y", #"validity "P1234567890Y" is not"#),
        refused("negative duration", "validity", "-P1Y", #"validity "-P1Y" is not"#),
        // Colours.
        refused("colour by name", "branding.primaryColor", "red", #"colour "red" must be written #RRGGBB"#),
        refused("five hex digits", "branding.primaryColor", "#12345", ##"colour "#12345" must be"##),
        refused("seven hex digits", "branding.accentColor", "#1234567", ##"colour "#1234567" must be"##),
        refused("not hex", "branding.accentColor", "#GGGGGG", ##"colour "#GGGGGG" must be"##),
        refused("full-width digits", "branding.primaryColor", "#１２３４５６", ##"colour "#１２３４５６" must be"##),
        refused("hash at the end", "branding.primaryColor", "1F4E79#", #"colour "1F4E79#" must be"#),
        // Supervisor emails.
        refused("no @", "supervisorEmails", ["training.lead"], #""training.lead" is not a valid email address"#),
        refused("no domain dot", "supervisorEmails", ["lead@client"], #""lead@client" is not a valid email address"#),
        refused("two @", "supervisorEmails", ["a@b@client.example"], #""a@b@client.example" is not a valid email address"#),
        refused("a space", "supervisorEmails", ["a b@client.example"], #""a b@client.example" is not a valid email address"#),
        refused("empty local part", "supervisorEmails", ["@client.example"], #""@client.example" is not a valid email address"#),
        refused("empty label", "supervisorEmails", ["a@client..example"], #""a@client..example" is not a valid email address"#),
        refused("an address twice", "supervisorEmails", ["a@client.example", "a@client.example"], #""a@client.example" is listed twice"#),
        // Email templates: raw Mustache and what only a parser sees.
        refused(
            "raw {{{ }}} in the HTML", "email", ["html": html.replacingOccurrences(of: "{{course}}", with: "{{{learnerName}}}")],
            "{{{learnerName}}}"),
        refused(
            "raw {{& }} in the HTML", "email", ["html": html.replacingOccurrences(of: "{{course}}", with: "{{&cohort}}")], "{{&cohort}}"),
        refused("raw in the subject", "email", ["subject": "Well done {{{preferredName}}}"], "{{{preferredName}}}"),
        refused("raw with a space", "email", ["text": "Hello {{ &learnerName}}"], "{{&learnerName}}"),
        refused("HTML without lang", "email", ["html": "<html><body>{{course}}</body></html>"], "email.html needs <html lang"),
        refused("unknown variable", "email", ["text": "Hello {{nosuch}}"], "{{nosuch}} names no variable", schemaCanSay: false),
        refused("unclosed section", "email", ["text": "{{#score}}scored"], "the section {{#score}} is never closed", schemaCanSay: false),
        refused("partial", "email", ["text": "{{> footer}}"], "partials, delimiter changes and inheritance", schemaCanSay: false),
    ]

    /// What python's jsonschema (draft 2020-12, formats checked, duplicate members refused) says of each file.
    static func schemaVerdicts(_ files: [String]) throws -> [String: String] {
        let script = """
            import json, sys, jsonschema
            def members(pairs):
                if len({key for key, _ in pairs}) != len(pairs): raise ValueError("a member twice")
                return dict(pairs)
            validator = jsonschema.Draft202012Validator(
                json.load(open(sys.argv[1])), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            for path in sys.argv[2:]:
                try:
                    document = json.load(open(path, encoding="utf-8"), object_pairs_hook=members)
                except ValueError:
                    print(path + "\\trefused"); continue
                print(path + "\\t" + ("refused" if any(validator.iter_errors(document)) else "accepted"))
            """
        let result = try Executables.runProgram("python3", ["-c", script, schemaPath] + files)
        #expect(result.status == 0, "\(result.standardError)")
        return Dictionary(
            uniqueKeysWithValues: result.standardOutput.split(separator: "\n").map {
                let parts = $0.split(separator: "\t")
                return (String(parts[0]), String(parts.last!))
            })
    }

    @Test func everyBadProgramIsRefusedByBothWithTheSameMessageAndByTheSchema() async throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        let created = try workspace.attest(["api-keys", "create", "--role", "admin", "--name", "rules"])
        #expect(created.status == 0, "\(created.standardError)")
        let token = try #require(created.standardOutput.split(separator: "\n").last.map(String.init))
        let server = try RunningServer(workspace)
        defer { _ = server.stop() }
        let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "Accept": "application/json"]

        var files: [String: Case] = [:]
        for (number, item) in Self.cases.enumerated() {
            let file = try workspace.write(item.text, "bad-\(number).json")
            files[file] = item
            let added = try workspace.attest(["programs", "add", file])
            let posted = try await HTTPExchange.send(
                "POST", "\(server.address)/api/v1/programs", headers: headers, body: Data(item.text.utf8))
            #expect(added.status == 1, "\(item.name): attest programs add accepted it")
            #expect((400..<500).contains(posted.status), "\(item.name): the API answered \(posted.status) \(posted.text)")
            let detail = try posted.json()["detail"] as? String ?? ""
            #expect(detail.contains(item.refusal), "\(item.name): \(detail)")
            #expect(added.standardError == "Error: \(file): \(detail)\n", "\(item.name)")
        }
        #expect(try workspace.count("SELECT count(*) FROM program") == 0)

        let verdicts = try Self.schemaVerdicts(Array(files.keys) + Self.examples)
        for (file, item) in files.sorted(by: { $0.value.name < $1.value.name }) {
            #expect(verdicts[file] == (item.schemaCanSay ? "refused" : "accepted"), "\(item.name): the schema \(verdicts[file] ?? "?")")
        }
        for example in Self.examples { #expect(verdicts[example] == "accepted", "\(example)") }
    }

    @Test func theExamplesAndAMinimalProgramAreAcceptedByBoth() async throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        let created = try workspace.attest(["api-keys", "create", "--role", "admin", "--name", "rules"])
        let token = try #require(created.standardOutput.split(separator: "\n").last.map(String.init))
        let server = try RunningServer(workspace)
        defer { _ = server.stop() }
        let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "Accept": "application/json"]
        // Template and branding left out: the schema's defaults (completion, no branding) apply in both.
        let minimal = try workspace.write(
            #"{"id":"minimal","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"rules":{}}"#, "minimal.json")
        // The CLI adds the first of each pair, the API the other; then each sees the other's file unchanged.
        for (cliFile, apiFile) in [(Self.examples[0], Self.examples[1]), (minimal, minimal)] {
            let added = try workspace.attest(["programs", "add", cliFile])
            #expect(added.status == 0, "\(cliFile): \(added.standardError)")
            let posted = try await HTTPExchange.send(
                "POST", "\(server.address)/api/v1/programs", headers: headers, body: try Data(contentsOf: URL(fileURLWithPath: apiFile)))
            #expect([200, 201].contains(posted.status), "\(apiFile): \(posted.text)")
            let again = try await HTTPExchange.send(
                "POST", "\(server.address)/api/v1/programs", headers: headers, body: try Data(contentsOf: URL(fileURLWithPath: cliFile)))
            #expect(again.status == 200, "\(cliFile): \(again.text)")
            let addedAgain = try workspace.attest(["programs", "add", apiFile])
            #expect(addedAgain.status == 0, "\(apiFile): \(addedAgain.standardError)")
        }
        #expect(try workspace.count("SELECT count(*) FROM program") == 3)
        let shown = try workspace.attest(["programs", "show", "minimal"])
        #expect(shown.standardOutput.contains(#""template" : "completion""#), "\(shown.standardOutput)")
        #expect(try Self.schemaVerdicts([minimal])[minimal] == "accepted")
    }
}
