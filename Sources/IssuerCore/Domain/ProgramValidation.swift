import Foundation

/// The rules a program must meet before it is stored, whoever stores it (`attest programs add`,
/// `POST /api/v1/programs`, a training configuration): what `Spec/schemas/program.schema.json`
/// says, and what a schema cannot say (a program is not its own prerequisite, email templates parse).
public enum ProgramValidation {
    /// Throws `invalidProgram` naming the first rule `program` breaks.
    public static func validate(_ program: Program) throws(IssuerError) {
        func invalid(_ detail: String) -> IssuerError { IssuerError(.invalidProgram, detail) }
        guard isProgramID(program.id) else {
            throw invalid("program id \"\(program.id)\" must be 1–64 lower-case letters, digits or '-'")
        }
        guard program.version >= 1 else { throw invalid("program version must be 1 or more") }
        guard !program.achievement.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw invalid("the achievement needs a name")
        }
        if let image = program.achievement.image, URL(string: image)?.scheme == nil {
            throw invalid("achievement.image must be an absolute URL")
        }
        try validate(program.rules, of: program.id)
        try validate(program.branding)
        try EmailTemplateSyntax.validate(program)
        try validateTiming(program)
        try validateCourses(program)
    }

    /// Whether `id` can name a program: 1–64 lower-case letters, digits or '-'.
    public static func isProgramID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    static func validate(_ rules: CompletionRules, of id: String) throws(IssuerError) {
        func invalid(_ detail: String) -> IssuerError { IssuerError(.invalidProgram, detail) }
        if let score = rules.minimumScore, !(0...100).contains(score) { throw invalid("minimumScore \(score) is outside 0–100") }
        if let minutes = rules.minimumMinutes, minutes < 0 { throw invalid("rules.minimumMinutes must be 0 or more") }
        if let within = rules.review.scoreWithin, within < 0 { throw invalid("rules.review.scoreWithin must be 0 or more") }
        if rules.prerequisites.contains(id) { throw invalid("program \(id) cannot be its own prerequisite") }
    }

    static func validate(_ branding: Branding) throws(IssuerError) {
        for color in [branding.primaryColor, branding.accentColor].compactMap({ $0 }) where !isHexColor(color) {
            throw IssuerError(.invalidProgram, "colour \"\(color)\" must be written #RRGGBB")
        }
    }

    /// `#RRGGBB` in ASCII hex digits (`Character.isHexDigit` would also take full-width ones).
    static func isHexColor(_ color: String) -> Bool {
        let bytes = Array(color.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#")
            && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
    }
}
