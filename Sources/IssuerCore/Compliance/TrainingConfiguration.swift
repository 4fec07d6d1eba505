import Foundation

/// The training a group of workers must hold, read from `attest training add FILE.json`
/// (`Spec/schemas/training-config.schema.json`): the modules, how long each stays valid, and
/// whether a live compliance certificate is issued for it.
public struct TrainingConfiguration: Codable, Sendable, Hashable, Identifiable {
    /// Lower-case letters, digits and `-`, e.g. `site-electricians`.
    public var id: String
    /// The group's name, e.g. "Site electricians".
    public var group: String
    /// Every module of the configuration; those with `required` (the default) are required of
    /// every member, the others only of workers they are assigned to one by one.
    public var modules: [TrainingModule]
    /// The compliance certificate, if one is issued.
    public var certificate: ComplianceCertificateSettings?
    /// How long before a module expires its holder is reminded (ISO 8601 duration, e.g. `P14D`); `nil` = no reminder.
    public var reminderLeadTime: String?

    /// A configuration.
    public init(
        id: String, group: String, modules: [TrainingModule], certificate: ComplianceCertificateSettings? = nil,
        reminderLeadTime: String? = nil
    ) {
        self.id = id
        self.group = group
        self.modules = modules
        self.certificate = certificate
        self.reminderLeadTime = reminderLeadTime
    }

    /// The module with this id.
    public func module(_ id: String) -> TrainingModule? { modules.first { $0.id == id } }

    /// Whether certificates are issued under this configuration.
    public var issuesCertificates: Bool { certificate?.enabled ?? false }

    /// The program the compliance certificate is issued under.
    public var programID: String { certificate?.program ?? "compliance-\(id)" }

    /// The reminder lead time, parsed.
    public var reminderLead: ISODuration? { reminderLeadTime.flatMap(ISODuration.init) }

    /// Checks ids, durations and uniqueness; throws ``IssuerError`` `invalidConfiguration` naming the first fault.
    public func validate() throws(IssuerError) {
        func fail(_ reason: String) -> IssuerError { IssuerError(.invalidConfiguration, "training configuration \(id): \(reason)") }
        guard Self.isIdentifier(id) else { throw fail("the id must be lower-case letters, digits and -") }
        guard !group.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("the group needs a name") }
        guard !modules.isEmpty else { throw fail("it needs at least one module") }
        var seen: Set<String> = []
        for module in modules {
            guard Self.isIdentifier(module.id) else { throw fail("module id \"\(module.id)\" must be lower-case letters, digits and -") }
            guard seen.insert(module.id).inserted else { throw fail("module \(module.id) is listed twice") }
            guard !module.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("module \(module.id) needs a name") }
            if let validity = module.validity, ISODuration(validity) == nil {
                throw fail("module \(module.id) has validity \"\(validity)\", which is not an ISO 8601 duration such as P1Y or PT30S")
            }
        }
        if let lead = reminderLeadTime, ISODuration(lead) == nil {
            throw fail("reminderLeadTime \"\(lead)\" is not an ISO 8601 duration such as P14D")
        }
        if let program = certificate?.program, !Self.isIdentifier(program) { throw fail("certificate.program must be an id") }
        guard Self.isIdentifier(programID) else { throw fail("compliance-\(id) is too long for a program id; name certificate.program") }
        if let title = certificate?.title, title.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("certificate.title is empty") }
        if let branding = certificate?.branding {
            for (name, color) in [("primaryColor", branding.primaryColor), ("accentColor", branding.accentColor)] {
                guard let color else { continue }
                guard color.count == 7, color.first == "#", color.dropFirst().allSatisfy(\.isHexDigit) else {
                    throw fail("certificate.branding.\(name) must be #RRGGBB")
                }
            }
            if branding.logo != nil || branding.signatureImage != nil {
                throw fail("certificate.branding cannot name images (logo, signatureImage); configurations are JSON alone")
            }
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// One training module of a configuration.
public struct TrainingModule: Codable, Sendable, Hashable, Identifiable {
    /// The module id, unique in its configuration.
    public var id: String
    /// Its name as people read it.
    public var name: String
    /// How long a completion stays valid (ISO 8601 duration down to seconds, e.g. `P1Y`, `PT30S`); `nil` = never expires.
    public var validity: String?
    /// Whether every member of the group must hold it (default); `false` modules are assigned one worker at a time.
    public var required: Bool

    /// A module.
    public init(id: String, name: String, validity: String? = nil, required: Bool = true) {
        self.id = id
        self.name = name
        self.validity = validity
        self.required = required
    }

    enum CodingKeys: String, CodingKey { case id, name, validity, required }

    /// Reads a module; `required` defaults to `true`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        validity = try container.decodeIfPresent(String.self, forKey: .validity)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? true
    }

    /// When a completion at `completedAt` expires; `nil` when the module never expires.
    public func expiry(completedAt: Date) -> Date? { validity.flatMap(ISODuration.init).map { $0.added(to: completedAt) } }
}

/// The live compliance certificate of a configuration.
public struct ComplianceCertificateSettings: Codable, Sendable, Hashable {
    /// Whether certificates are issued.
    public var enabled: Bool
    /// The program id they are issued under (template `compliance`); default `compliance-CONFIGURATION`.
    public var program: String?
    /// The certificate's title; default "GROUP — Safety Training".
    public var title: String?
    /// Branding of the certificate.
    public var branding: Branding?

    /// Settings.
    public init(enabled: Bool, program: String? = nil, title: String? = nil, branding: Branding? = nil) {
        self.enabled = enabled
        self.program = program
        self.title = title
        self.branding = branding
    }
}
