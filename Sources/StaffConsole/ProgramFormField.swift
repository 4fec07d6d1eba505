/// One field of the program form: where its value goes in the program definition
/// (`Spec/schemas/program.schema.json`), its label and hint, and how it is typed.
struct ProgramFormField: Sendable {
    /// How the field is typed and read.
    enum Kind: Sendable {
        /// One line of text.
        case text
        /// Several lines of text.
        case longText
        /// A number (`1.5`, `80`).
        case number
        /// On or off.
        case checkbox
        /// One of a few values (value, label); `""` first = left out.
        case choice([Choice])
        /// One of a few values as radio buttons with a description each.
        case radios([Choice])
        /// A list: one item per line.
        case lines
        /// A list of whole numbers: one per line.
        case integerLines
        /// Follow-up webhooks: `DURATION START EVENT` per line (`P30D issuance survey.requested`).
        case followUps
        /// Named values: `Name: value`, one per line.
        case pairs
        /// A PNG or SVG upload, kept in the data folder.
        case image
    }

    /// A value of a choice and what it is called.
    struct Choice: Sendable {
        let value: String
        let label: String
        var hint: String?
    }

    /// The member path in the definition (`rules.minimumScore`), also the form field's name.
    let path: String
    let label: String
    let hint: String?
    let kind: Kind
    /// `autocomplete`/`inputmode`-like extras such as `type="email"` are not needed: hints say the format.
    var maxLength = 2000

    /// The element id: the path with `.` as `-` (`rules-minimumScore`).
    var id: String { path.replacingOccurrences(of: ".", with: "-") }

    /// The last member name (`minimumScore`), which the validator's messages use.
    var memberName: String { String(path.split(separator: ".").last ?? Substring(path)) }
}

/// The fields of the program form in the order shown, by section.
enum ProgramFormLayout {
    /// A titled group of fields (one `<fieldset>`).
    struct Section: Sendable {
        let title: String
        let fields: [ProgramFormField]
    }

    static let sections: [Section] = [
        Section(
            title: "What the certificate is for",
            fields: [
                ProgramFormField(
                    path: "achievement.name", label: "Achievement name",
                    hint: "Printed large on the certificate, e.g. Working at Height — Level 2.",
                    kind: .text, maxLength: 300),
                ProgramFormField(
                    path: "achievement.description", label: "Description", hint: "What a holder has shown they can do.", kind: .longText),
                ProgramFormField(path: "achievement.criteria", label: "Criteria", hint: "How it is earned, in words.", kind: .longText),
                ProgramFormField(
                    path: "achievement.achievementType", label: "Achievement type (optional)",
                    hint: "The Open Badges type, e.g. Certificate, Course or License.", kind: .text, maxLength: 100),
                ProgramFormField(
                    path: "achievement.image", label: "Badge image address (optional)", hint: "An absolute URL, e.g. https://…/badge.png.",
                    kind: .text, maxLength: 2000),
            ]),
        Section(
            title: "How the certificate looks",
            fields: [
                ProgramFormField(
                    path: "template", label: "Template", hint: nil,
                    kind: .radios([
                        .init(value: "completion", label: "Completion", hint: "Certificate of Completion: the learner finished a course."),
                        .init(value: "achievement", label: "Achievement", hint: "Certificate of Achievement: adds the score."),
                        .init(
                            value: "compliance", label: "Compliance", hint: "Compliance Certificate: lists the modules with their dates."),
                    ])),
                ProgramFormField(
                    path: "branding.pageSize", label: "Paper", hint: "Always landscape.",
                    kind: .choice([
                        .init(value: "", label: "A4 (the default)"), .init(value: "a4", label: "A4"),
                        .init(value: "letter", label: "US Letter"),
                    ])),
                ProgramFormField(
                    path: "branding.organisation", label: "Organisation (optional)",
                    hint: "Printed at the top; the issuer's name when left empty.",
                    kind: .text, maxLength: 300),
                ProgramFormField(
                    path: "branding.primaryColor", label: "Main colour (optional)", hint: "Written #RRGGBB, e.g. #1F3A5F.", kind: .text,
                    maxLength: 20),
                ProgramFormField(
                    path: "branding.accentColor", label: "Accent colour (optional)", hint: "Written #RRGGBB, e.g. #B08D57.", kind: .text,
                    maxLength: 20),
                ProgramFormField(
                    path: "branding.logo", label: "Logo (optional)",
                    hint: "A PNG or SVG file of at most 1 MiB; SVG without scripts or links.",
                    kind: .image),
                ProgramFormField(
                    path: "branding.signatoryName", label: "Signatory (optional)", hint: "Who signs the certificate.", kind: .text,
                    maxLength: 200),
                ProgramFormField(
                    path: "branding.signatoryTitle", label: "Signatory's title (optional)", hint: "e.g. Head of Training.", kind: .text,
                    maxLength: 200),
                ProgramFormField(
                    path: "branding.signatureImage", label: "Signature image (optional)",
                    hint: "A PNG or SVG file of at most 1 MiB, best with a transparent background.", kind: .image),
            ]),
        Section(
            title: "Validity and people",
            fields: [
                ProgramFormField(
                    path: "validity", label: "Valid for (optional)",
                    hint: "An ISO 8601 duration from the completion date: P3Y is three years, P18M eighteen months. Empty: no expiry.",
                    kind: .text,
                    maxLength: 40),
                ProgramFormField(
                    path: "statusPurpose", label: "What staff can do to a certificate later",
                    hint: "Revocable certificates cannot be suspended.",
                    kind: .choice([
                        .init(value: "", label: "The template's default"), .init(value: "revocation", label: "Revoke"),
                        .init(value: "suspension", label: "Suspend and reinstate"),
                    ])),
                ProgramFormField(path: "instructor", label: "Instructor (optional)", hint: nil, kind: .text, maxLength: 200),
                ProgramFormField(path: "cohort", label: "Cohort (optional)", hint: nil, kind: .text, maxLength: 200),
                ProgramFormField(
                    path: "customFields", label: "Other fields (optional)",
                    hint: "Shown on the verification page. One per line, written Name: value, e.g. Location: Leeds.", kind: .pairs),
                ProgramFormField(
                    path: "supervisorEmails", label: "Supervisors' email addresses (optional)",
                    hint: "One per line; each gets a short email when a certificate is first issued.", kind: .lines),
            ]),
        Section(
            title: "Completion rules",
            fields: [
                ProgramFormField(
                    path: "courses", label: "LMS courses (optional)",
                    hint: "Courses whose completions this program decides, one per line, e.g. moodle:42. A course belongs to one program.",
                    kind: .lines),
                ProgramFormField(
                    path: "rules.requiredModules", label: "Required modules (optional)", hint: "Module ids from the LMS, one per line.",
                    kind: .lines),
                ProgramFormField(
                    path: "rules.minimumScore", label: "Lowest passing score (optional)", hint: "0 to 100.", kind: .number, maxLength: 20),
                ProgramFormField(
                    path: "rules.minimumMinutes", label: "Least time spent, in minutes (optional)", hint: nil, kind: .number, maxLength: 20),
                ProgramFormField(
                    path: "rules.prerequisites", label: "Prerequisite programs (optional)",
                    hint: "Program ids the learner must already hold a valid certificate for, one per line.", kind: .lines),
                ProgramFormField(
                    path: "rules.review.scoreWithin", label: "Hold for review when the score passes by less than (optional)",
                    hint: "In points, e.g. 2.", kind: .number, maxLength: 20),
                ProgramFormField(
                    path: "rules.review.exemptModules", label: "Hold for review when a required module was exempted", hint: nil,
                    kind: .checkbox),
                ProgramFormField(
                    path: "rules.review.nameMismatch", label: "Hold for review when the name differs from the LMS profile", hint: nil,
                    kind: .checkbox),
            ]),
        Section(
            title: "Certificate email",
            fields: [
                ProgramFormField(
                    path: "email.subject", label: "Subject (optional)",
                    hint: "Mustache, e.g. {{preferredName}}, your certificate: {{course}}. Empty: the built-in subject.", kind: .text,
                    maxLength: 500),
                ProgramFormField(
                    path: "email.text", label: "Plain-text body (optional)", hint: "Mustache. Empty: the built-in text.", kind: .longText,
                    maxLength: 20000),
                ProgramFormField(
                    path: "email.html", label: "HTML body (optional)",
                    hint: "A whole HTML document with <html lang=\"{{language}}\">. Empty: the built-in HTML.", kind: .longText,
                    maxLength: 50000),
            ]),
        Section(
            title: "Timing and reminders",
            fields: [
                ProgramFormField(
                    path: "issuanceDelay", label: "Wait before issuing (optional)",
                    hint:
                        "A review period after the completion, as an ISO 8601 duration, e.g. PT48H; at most a year. Empty: issued at once.",
                    kind: .text, maxLength: 40),
                ProgramFormField(
                    path: "expiryReminders", label: "Remind the learner this many days before expiry (optional)",
                    hint: "Whole numbers, one per line. Empty: 90, 30 and 7 days. Only for programs with a validity.", kind: .integerLines),
                ProgramFormField(
                    path: "renewalURL", label: "Renewal page (optional)", hint: "An https address given in expiry reminders.", kind: .text,
                    maxLength: 2000),
                ProgramFormField(
                    path: "followUps", label: "Follow-up webhooks (optional)",
                    hint: "One per line: how long after, then issuance or claim, then the event name, e.g. P30D issuance survey.requested.",
                    kind: .followUps),
            ]),
    ]

    /// Every field, in order.
    static var fields: [ProgramFormField] { sections.flatMap(\.fields) }
}
