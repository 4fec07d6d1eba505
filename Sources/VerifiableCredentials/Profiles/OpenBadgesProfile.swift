import CanonicalJSON

/// What 1EdTech Open Badges 3.0 requires of an `OpenBadgeCredential` (or `AchievementCredential`)
/// beyond the VC data model: its context, an `id`, a validity start, an issuer profile, a subject
/// with an `id` or an `identifier`, and an achievement with `id`, `type`, `name`, `description`
/// and `criteria`.
public enum OpenBadgesProfile {
    /// The Open Badges 3.0 context URLs (3.0.0 to 3.0.3).
    public static let contexts: Set<String> = [
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]

    /// Whether the credential claims to be an Open Badge.
    public static func applies(to credential: JSONValue) -> Bool {
        let types = credential["type"]?.asArray.compactMap(\.stringValue) ?? []
        return types.contains("OpenBadgeCredential") || types.contains("AchievementCredential")
    }

    /// Every Open Badges rule the credential breaks, in words; empty when it conforms.
    public static func violations(in credential: JSONValue) -> [String] {
        var found: [String] = []
        let contexts = credential["@context"]?.asArray.compactMap(\.stringValue) ?? []
        if !contexts.dropFirst().contains(where: Self.contexts.contains) {
            found.append("the Open Badges 3.0 context is missing from @context")
        }
        if credential["id"]?.stringValue == nil { found.append("an Open Badge needs an id") }
        if credential["validFrom"] == nil && credential["issuanceDate"] == nil { found.append("an Open Badge needs validFrom") }
        let issuer = credential["issuer"]
        if issuer?.objectValue == nil || issuer?["id"]?.stringValue == nil {
            found.append("the issuer must be a Profile object with an id")
        }
        let subjects = credential["credentialSubject"]?.asArray ?? []
        // OB 3.0 B.1.3 AchievementSubject: "Either id or at least one identifier MUST be supplied."
        if subjects.contains(where: { $0["id"] == nil && ($0["identifier"]?.asArray ?? []).isEmpty }) {
            found.append("credentialSubject needs an id or an identifier (Open Badges 3.0 B.1.3)")
        }
        guard let achievement = subjects.first?["achievement"]?.objectValue else {
            return found + ["credentialSubject.achievement is missing"]
        }
        for member in ["id", "type", "name", "description", "criteria"] where achievement[member] == nil {
            found.append("credentialSubject.achievement has no \(member)")
        }
        return found
    }
}
