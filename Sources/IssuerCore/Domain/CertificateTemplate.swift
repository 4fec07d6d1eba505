/// The built-in certificate designs a program chooses from (`template` in a program file). The
/// drawing adapter (CertificateDocuments) maps each to CertificateRendering's design of the same
/// name; IssuerCore stays free of the renderer. Stored as its name.
public enum CertificateTemplate: String, Sendable, Hashable, CaseIterable, Codable {
    /// "Certificate of Completion": the learner finished a course.
    case completion
    /// "Certificate of Achievement": adds the score or grade.
    case achievement
    /// "Compliance Certificate": lists the training modules with completion and expiry dates.
    case compliance

    /// Decodes a name; an unknown one is refused with its name and member path, never defaulted.
    public init(from decoder: any Decoder) throws {
        self = try ProgramDefinition.named(Self.self, from: decoder)
    }
}
