import CanonicalJSON
import Foundation

/// Checks an event's own data before anything is stored, so a bad row is refused whole with a
/// precise message and nothing half-written.
enum CompletionValidation {
    /// The whole event: its shape (``validateShape(_:)``), then what it says about the learner
    /// (``learnerProblems(_:)``, the first one thrown).
    static func validate(_ event: CompletionEvent) throws(IssuerError) {
        try validateShape(event)
        if let problem = learnerProblems(event).first { throw IssuerError(.invalidEvent, problem) }
    }

    /// What makes an event an event: who reported it, its id, its program or course, the learner's
    /// id, texts within their lengths, and figures in range. An event without these cannot be kept
    /// or answered again, so it is refused (`invalidEvent`).
    static func validateShape(_ event: CompletionEvent) throws(IssuerError) {
        try requireText(event.source, "source", maximum: 200)
        try requireText(event.eventID, "event id", maximum: 200)
        if let course = event.course {
            // As the event schema says: 1–200 code points, no whitespace (nor control characters).
            guard (1...200).contains(course.unicodeScalars.count),
                !course.unicodeScalars.contains(where: ProgramValidation.isCourseSpaceOrControl)
            else { throw IssuerError(.invalidEvent, "the course must be 1–200 characters without spaces, such as moodle:42") }
        }
        guard !event.programID.isEmpty || event.course != nil else {
            throw IssuerError(.invalidEvent, "the event names no program and no course")
        }
        if !event.programID.isEmpty, !ProgramValidation.isProgramID(event.programID) {
            throw IssuerError(.invalidEvent, "\"\(event.programID.prefix(64))\" is not a program id (1–64 lower-case letters, digits or '-')")
        }
        try requireText(event.learner.externalID, "learner id", maximum: 200)
        // Lengths bound what a kept event stores; what the text says is checked by learnerProblems.
        // Counted in code points, as the event schema's maxLength counts them.
        for (text, field, maximum) in [
            (event.learner.legalName, "learner name", 300), (event.learner.preferredName ?? "", "preferred name", 300),
            (event.learner.email, "email address", 254),
        ] where text.unicodeScalars.count > maximum {
            throw IssuerError(.invalidEvent, "the \(field) is longer than \(maximum) characters")
        }
        if let score = event.score, !(0...100).contains(score) || !score.isFinite {
            throw IssuerError(.invalidEvent, "score \(JSONValue.ecmaScriptString(score)) is outside 0–100")
        }
        if let minutes = event.minutes, minutes < 0 || !minutes.isFinite {
            throw IssuerError(.invalidEvent, "minutes \(JSONValue.ecmaScriptString(minutes)) is negative")
        }
    }

    /// Everything wrong with what the event says about the learner, one sentence each.
    static func learnerProblems(_ event: CompletionEvent) -> [String] {
        event.learner.problems.map(\.message)
    }

    /// Text that is printed and signed: not blank, not too long, no control characters.
    static func requireText(_ text: String, _ field: String, maximum: Int, code: IssuerError.Code = .invalidEvent) throws(IssuerError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw IssuerError(code, "the \(field) is empty") }
        guard text.count <= maximum else { throw IssuerError(code, "the \(field) is longer than \(maximum) characters") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw IssuerError(code, "the \(field) contains control characters")
        }
    }

    /// A deliberately simple check: one `@`, something before it, a dotted domain after it, no
    /// spaces and no control characters.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, email.count <= 254, !email.contains(where: \.isWhitespace),
            !email.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}
