import Foundation

/// A report that a learner finished a program: from an LMS webhook, a CSV row, the API or the CLI.
/// Unique on (`source`, `eventID`): the same event twice is a replay, answered and never re-run.
public struct CompletionEvent: Codable, Sendable, Hashable {
    /// Who reported it: `cli`, `csv:FILE`, an LMS key's name.
    public var source: String
    /// The reporter's id for this event.
    public var eventID: String
    /// The program completed.
    public var programID: String
    /// Who completed it, as the reporter knows them.
    public var learner: LearnerDetails
    /// When the learner completed it.
    public var completedAt: Date
    /// The final score, if scored (0–100).
    public var score: Double?
    /// Time spent, in minutes, if measured.
    public var minutes: Double?
    /// Modules completed or exempted.
    public var modules: [ModuleCompletion]
    /// The LMS course completed (`moodle:42`), when the reporter names it: the program whose
    /// `courses` list it decides the event when the event names no program.
    public var course: String?

    /// An event.
    public init(
        source: String, eventID: String, programID: String, learner: LearnerDetails, completedAt: Date, score: Double? = nil,
        minutes: Double? = nil, modules: [ModuleCompletion] = [], course: String? = nil
    ) {
        self.source = source
        self.eventID = eventID
        self.programID = programID
        self.learner = learner
        self.completedAt = completedAt
        self.score = score
        self.minutes = minutes
        self.modules = modules
        self.course = course
    }
}

/// The learner as an event describes them.
public struct LearnerDetails: Codable, Sendable, Hashable {
    /// The reporter's id for the learner.
    public var externalID: String
    /// Email address for the certificate.
    public var email: String
    /// Legal name.
    public var legalName: String
    /// The name to print, if different.
    public var preferredName: String?
    /// The name in the LMS profile, compared with the name given for the certificate.
    public var profileName: String?

    /// Learner details.
    public init(externalID: String, email: String, legalName: String, preferredName: String? = nil, profileName: String? = nil) {
        self.externalID = externalID
        self.email = email
        self.legalName = legalName
        self.preferredName = preferredName
        self.profileName = profileName
    }
}

extension LearnerDetails {
    /// The fields that go on a certificate or its email.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case legalName, preferredName, email
    }

    /// Everything wrong with the names printed on the certificate and the address it is sent to
    /// (blank, too long, control characters, not an email address), one sentence per field, in
    /// ``Field`` order; empty when they can be used.
    public var problems: [(field: Field, message: String)] {
        var problems: [(Field, String)] = []
        func check(_ text: String, _ field: Field, _ name: String) {
            do throws(IssuerError) { try CompletionValidation.requireText(text, name, maximum: 300) } catch {
                problems.append((field, error.reason))
            }
        }
        check(legalName, .legalName, "learner name")
        if let preferredName { check(preferredName, .preferredName, "preferred name") }
        if !CompletionValidation.isPlausibleEmail(email) {
            // Quoted as Swift's debug form: a control character in the value (an escape sequence for
            // the terminal `attest kept list` prints to) appears as `\u{1B}`, never raw.
            problems.append((.email, "\(String(email.prefix(254)).debugDescription) is not a valid email address"))
        }
        return problems
    }
}

/// One module of a program, completed or exempted.
public struct ModuleCompletion: Codable, Sendable, Hashable {
    /// The module id the program's rules name.
    public var id: String
    /// When it was completed; `nil` when exempted without completion.
    public var completedAt: Date?
    /// Whether the module was waived rather than completed.
    public var exempt: Bool
    /// When the completion's validity ends (compliance certificates), if it does.
    public var expiresAt: Date?
    /// The module's name as people read it, signed in place of the id when given (compliance certificates).
    public var name: String?

    /// A module record.
    public init(id: String, completedAt: Date? = nil, exempt: Bool = false, expiresAt: Date? = nil, name: String? = nil) {
        self.id = id
        self.completedAt = completedAt
        self.exempt = exempt
        self.expiresAt = expiresAt
        self.name = name
    }
}
