/// The paper a program's certificates are drawn on (`branding.pageSize`), always landscape.
/// Stored as its name; the drawing adapter maps it to CertificateRendering's page dimensions.
public enum PageSize: String, Sendable, Hashable, CaseIterable, Codable {
    /// ISO A4, 297 × 210 mm: the default.
    case a4
    /// US Letter, 11 × 8.5 in.
    case letter

    /// Decodes a name; an unknown one is refused with its name and member path, never defaulted.
    public init(from decoder: any Decoder) throws {
        self = try ProgramDefinition.named(Self.self, from: decoder)
    }
}
