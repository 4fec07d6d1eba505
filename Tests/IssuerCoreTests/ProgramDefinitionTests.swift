import Foundation
import IssuerCore
import Testing

/// Issue 16 point 8 in the domain: ``ProgramDefinition`` reads a program file the one way the CLI
/// and the API share, and ``ProgramValidation`` holds every rule, whoever builds the program.
@Suite("Program definitions: one reading, one rule book")
struct ProgramDefinitionTests {
    static let minimal = #"{"id":"minimal","version":1,"achievement":{"name":"x","description":"y","criteria":"z"},"rules":{}}"#

    func refusal(_ text: String) -> IssuerError? {
        do {
            _ = try ProgramDefinition.program(from: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func leftOutTemplateAndBrandingTakeTheSchemaDefaults() throws {
        let program = try ProgramDefinition.program(from: Array(Self.minimal.utf8))
        #expect(program.template == .completion)
        #expect(program.branding == Branding())
        #expect(program.rules == CompletionRules())
    }

    @Test(arguments: [
        (#"{"validity":null}"#, "validity is null; leave it out or give it a value (Spec/schemas/program.schema.json)"),
        (#"{"colour":"red"}"#, "colour is not a member of a program definition (Spec/schemas/program.schema.json)"),
        (#"{"branding":{"pageSize":"a3"}}"#, #"branding.pageSize "a3" is not one of a4, letter"#),
        (#"{"template":"poster"}"#, #"template "poster" is not one of completion, achievement, compliance"#),
        (##"{"branding":{"primaryColor":"#１２３４５６"}}"##, ##"colour "#１２３４５６" must be written #RRGGBB"##),
        (#"{"validity":"P1D1Y"}"#, #"validity "P1D1Y" is not an ISO 8601 duration such as P3Y or PT30S"#),
        (#"{"rules":{"minimumMinutes":-1}}"#, "rules.minimumMinutes must be 0 or more"),
        (#"{"supervisorEmails":["a@b.example","a@b.example"]}"#, #"supervisorEmails: "a@b.example" is listed twice"#),
        (#"{"achievement":{"name":"\n","description":"y","criteria":"z"}}"#, "the achievement needs a name"),
    ])
    func aBadMemberIsRefusedWithItsName(members: String, reason: String) throws {
        // The minimal program with these members merged in at the top level.
        var text = Self.minimal
        text.removeLast()
        text += "," + members.dropFirst()
        for replaced in [#""achievement":{"name":"x","description":"y","criteria":"z"},"#, #","rules":{}"#]
        where members.contains(replaced.split(separator: ":")[0].trimmingCharacters(in: CharacterSet(charactersIn: ","))) {
            text = text.replacingOccurrences(of: replaced, with: "")
        }
        let error = try #require(refusal(text))
        #expect(error.code == .invalidProgram)
        #expect(error.reason == reason)
    }

    @Test func strictJSONIsRequired() throws {
        #expect(refusal(#"{"id":"a","id":"b"}"#)?.reason.hasPrefix("not valid JSON") == true)
        #expect(refusal("[1]")?.reason == "a program definition is a JSON object (Spec/schemas/program.schema.json)")
    }

    @Test func programsBuiltInCodeMeetTheSameRules() async throws {
        let fixture = try await IssuerFixture()
        var program = IssuerFixture.program
        program.version = 2
        program.branding.accentColor = "#abcdeg"
        await #expect(throws: IssuerError(.invalidProgram, ##"colour "#abcdeg" must be written #RRGGBB"##)) {
            try await IssuerAdministration(environment: fixture.environment, actor: "test").saveProgram(program)
        }
    }

    @Test(arguments: [
        ("P1Y2M3W4DT5H6M7S", true), ("P3Y", true), ("PT30S", true), ("P18M", true), ("P1D1Y", false), ("P1Y1Y", false),
        ("PT1M1H", false), ("P1M1Y", false), ("P1YT", false), ("PT", false), ("P", false), ("P1234567890Y", false),
    ])
    func durationsTakeEachPartOnceInOrder(text: String, valid: Bool) {
        #expect((ISODuration(text) != nil) == valid)
    }
}
