import Foundation

/// A course or training program: what a credential certifies, how it looks, how long it is valid,
/// and the rules a completion must meet. Read from `programs add FILE.json`
/// (`Spec/schemas/program.schema.json`).
public struct Program: Codable, Sendable, Hashable, Identifiable {
    /// The program id used on the command line and in events: lower-case letters, digits and `-`.
    public var id: String
    /// Incremented when the definition changes; credentials record the version they were issued under.
    public var version: Int
    /// What the credential certifies (an Open Badges `Achievement`).
    public var achievement: Achievement
    /// The certificate template.
    public var template: CertificateTemplate
    /// How the certificate looks.
    public var branding: Branding
    /// How long a credential stays valid after completion (e.g. `P3Y`); `nil` = no end.
    public var validity: ISODuration?
    /// The instructor named on the certificate, if any.
    public var instructor: String?
    /// The cohort, if any.
    public var cohort: String?
    /// Other fields shown on the certificate and the verification page.
    public var customFields: [String: String]?
    /// What a completion must meet.
    public var rules: CompletionRules
    /// Supervisors (B2B programs) who get a short "NAME completed COURSE" email with each new credential.
    public var supervisorEmails: [String]?
    /// The program's own certificate email templates (Mustache); absent parts use the built-in ones.
    public var email: ProgramEmail?
    /// The purpose of the one status entry its credentials carry; `nil` = the template's default
    /// (see ``credentialStatusPurpose``).
    public var statusPurpose: StatusPurpose?
    /// How long after completion an issue decision is carried out (a review period, e.g. `PT48H`);
    /// meanwhile the completion is scheduled and can be held or withdrawn. `nil` = at once.
    public var issuanceDelay: ISODuration?
    /// Webhooks sent once each a set time after a credential's issuance or claim.
    public var followUps: [FollowUp]?
    /// Where a learner renews an expiring credential; given in expiry reminders.
    public var renewalURL: String?
    /// Days before `validUntil` the learner is reminded; `nil` = ``ExpiryReminderPlan/defaultLeadDays``.
    public var expiryReminders: [Int]?
    /// The LMS courses the program covers (`moodle:42`): an event naming one of them and no program
    /// is decided by this program. A course is mapped by at most one program.
    public var courses: [String]?

    /// A program from its parts.
    public init(
        id: String, version: Int = 1, achievement: Achievement, template: CertificateTemplate = .completion,
        branding: Branding = Branding(), validity: ISODuration? = nil, instructor: String? = nil, cohort: String? = nil,
        customFields: [String: String]? = nil, rules: CompletionRules = CompletionRules(), supervisorEmails: [String]? = nil,
        email: ProgramEmail? = nil, statusPurpose: StatusPurpose? = nil, issuanceDelay: ISODuration? = nil,
        followUps: [FollowUp]? = nil, renewalURL: String? = nil, expiryReminders: [Int]? = nil,
        courses: [String]? = nil
    ) {
        self.id = id
        self.version = version
        self.achievement = achievement
        self.template = template
        self.branding = branding
        self.validity = validity
        self.instructor = instructor
        self.cohort = cohort
        self.customFields = customFields
        self.rules = rules
        self.supervisorEmails = supervisorEmails
        self.email = email
        self.statusPurpose = statusPurpose
        self.issuanceDelay = issuanceDelay
        self.followUps = followUps
        self.renewalURL = renewalURL
        self.expiryReminders = expiryReminders
        self.courses = courses
    }

    enum CodingKeys: String, CodingKey {
        case id, version, achievement, template, branding, validity, instructor, cohort, customFields, rules, supervisorEmails, email
        case statusPurpose
        case issuanceDelay, followUps, renewalURL, expiryReminders
        case courses
    }

    /// Decodes a definition; `template` and `branding` may be left out (the schema's defaults).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        // Read as a number first: JSONDecoder's own refusal of 1.5 as an Int names no member.
        let number = try container.decode(Double.self, forKey: .version)
        guard let version = Int(exactly: number) else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: container, debugDescription: "not a whole number")
        }
        self.version = version
        achievement = try container.decode(Achievement.self, forKey: .achievement)
        template = try container.decodeIfPresent(CertificateTemplate.self, forKey: .template) ?? .completion
        branding = try container.decodeIfPresent(Branding.self, forKey: .branding) ?? Branding()
        validity = try container.decodeIfPresent(ISODuration.self, forKey: .validity)
        instructor = try container.decodeIfPresent(String.self, forKey: .instructor)
        cohort = try container.decodeIfPresent(String.self, forKey: .cohort)
        customFields = try container.decodeIfPresent([String: String].self, forKey: .customFields)
        rules = try container.decode(CompletionRules.self, forKey: .rules)
        supervisorEmails = try container.decodeIfPresent([String].self, forKey: .supervisorEmails)
        email = try container.decodeIfPresent(ProgramEmail.self, forKey: .email)
        statusPurpose = try container.decodeIfPresent(StatusPurpose.self, forKey: .statusPurpose)
        issuanceDelay = try container.decodeIfPresent(ISODuration.self, forKey: .issuanceDelay)
        followUps = try container.decodeIfPresent([FollowUp].self, forKey: .followUps)
        renewalURL = try container.decodeIfPresent(String.self, forKey: .renewalURL)
        expiryReminders = try container.decodeIfPresent([Int].self, forKey: .expiryReminders)
        courses = try container.decodeIfPresent([String].self, forKey: .courses)
    }
}

/// The Open Badges `Achievement` a program's credentials carry.
public struct Achievement: Codable, Sendable, Hashable {
    /// Its name, e.g. "Working at Height — Level 2".
    public var name: String
    /// What a holder has shown they can do.
    public var description: String
    /// How it is earned, in words (`criteria.narrative`).
    public var criteria: String
    /// The Open Badges achievement type, e.g. `Certificate`, `Course`, `License`.
    public var achievementType: String?
    /// An image URL for the badge, if any.
    public var image: String?

    /// An achievement.
    public init(name: String, description: String, criteria: String, achievementType: String? = nil, image: String? = nil) {
        self.name = name
        self.description = description
        self.criteria = criteria
        self.achievementType = achievementType
        self.image = image
    }
}

/// How a program's certificates look.
public struct Branding: Codable, Sendable, Hashable {
    /// The organisation named on the certificate; defaults to the issuer's name.
    public var organisation: String?
    /// The main colour, `#RRGGBB`.
    public var primaryColor: String?
    /// The accent colour, `#RRGGBB`.
    public var accentColor: String?
    /// A logo file (PNG or SVG), relative to the program file.
    public var logo: String?
    /// Who signs the certificate.
    public var signatoryName: String?
    /// Their title.
    public var signatoryTitle: String?
    /// A PNG of their signature, relative to the program file.
    public var signatureImage: String?
    /// The paper, landscape; `nil` = A4.
    public var pageSize: PageSize?

    /// Branding with every field optional.
    public init(
        organisation: String? = nil, primaryColor: String? = nil, accentColor: String? = nil, logo: String? = nil,
        signatoryName: String? = nil, signatoryTitle: String? = nil, signatureImage: String? = nil, pageSize: PageSize? = nil
    ) {
        self.organisation = organisation
        self.primaryColor = primaryColor
        self.accentColor = accentColor
        self.logo = logo
        self.signatoryName = signatoryName
        self.signatoryTitle = signatoryTitle
        self.signatureImage = signatureImage
        self.pageSize = pageSize
    }
}

/// What a completion must meet to be issued, and what sends it to a person for review.
public struct CompletionRules: Codable, Sendable, Hashable {
    /// Module ids that must all be completed (or exempted).
    public var requiredModules: [String]
    /// The lowest passing score, if scored.
    public var minimumScore: Double?
    /// The least time spent, in minutes, if measured.
    public var minimumMinutes: Double?
    /// Programs the learner must already hold a valid credential for.
    public var prerequisites: [String]
    /// What holds an otherwise eligible completion for review.
    public var review: ReviewTriggers

    /// Rules; by default anything completed is issued.
    public init(
        requiredModules: [String] = [], minimumScore: Double? = nil, minimumMinutes: Double? = nil, prerequisites: [String] = [],
        review: ReviewTriggers = ReviewTriggers()
    ) {
        self.requiredModules = requiredModules
        self.minimumScore = minimumScore
        self.minimumMinutes = minimumMinutes
        self.prerequisites = prerequisites
        self.review = review
    }

    enum CodingKeys: String, CodingKey { case requiredModules, minimumScore, minimumMinutes, prerequisites, review }

    /// Decodes rules; left-out lists are empty and left-out triggers off.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requiredModules = try container.decodeIfPresent([String].self, forKey: .requiredModules) ?? []
        minimumScore = try container.decodeIfPresent(Double.self, forKey: .minimumScore)
        minimumMinutes = try container.decodeIfPresent(Double.self, forKey: .minimumMinutes)
        prerequisites = try container.decodeIfPresent([String].self, forKey: .prerequisites) ?? []
        review = try container.decodeIfPresent(ReviewTriggers.self, forKey: .review) ?? ReviewTriggers()
    }
}

/// Conditions that hold an eligible completion for a person to approve or reject.
public struct ReviewTriggers: Codable, Sendable, Hashable {
    /// Hold when the score passes by less than this many points.
    public var scoreWithin: Double?
    /// Hold when a required module was marked exempt instead of completed.
    public var exemptModules: Bool
    /// Hold when the name the learner gave differs from the name in the LMS profile.
    public var nameMismatch: Bool

    /// Triggers; by default none.
    public init(scoreWithin: Double? = nil, exemptModules: Bool = false, nameMismatch: Bool = false) {
        self.scoreWithin = scoreWithin
        self.exemptModules = exemptModules
        self.nameMismatch = nameMismatch
    }

    enum CodingKeys: String, CodingKey { case scoreWithin, exemptModules, nameMismatch }

    /// Decodes triggers; left-out ones are off.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scoreWithin = try container.decodeIfPresent(Double.self, forKey: .scoreWithin)
        exemptModules = try container.decodeIfPresent(Bool.self, forKey: .exemptModules) ?? false
        nameMismatch = try container.decodeIfPresent(Bool.self, forKey: .nameMismatch) ?? false
    }
}
