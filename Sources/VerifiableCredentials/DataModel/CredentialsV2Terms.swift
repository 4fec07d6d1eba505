import CanonicalJSON

/// The top-level terms of `https://www.w3.org/ns/credentials/v2` (VC 2.0 §B.1, SHA-256
/// `59955ced…92734`), all of them `@protected`.
///
/// Kept here as a list rather than loaded, because the data model checks run without a JSON-LD
/// processor. A term whose definition there is a plain string carries that definition (as
/// `{"@id": …}`, the form `CredentialContext` compares), so that an inline context may repeat it
/// exactly, as JSON-LD allows. Object definitions are not copied: their redefinition by an inline
/// context is always reported, which is stricter than JSON-LD only for a byte-identical copy of a
/// whole scoped definition, something no real credential carries.
enum CredentialsV2Terms {
    /// Each term with its normalised definition, or `nil` for an object definition.
    static let definitions: [(term: String, definition: JSONValue?)] = [
        ("id", ["@id": "@id"]),
        ("type", ["@id": "@type"]),
        ("description", ["@id": "https://schema.org/description"]),
        ("name", ["@id": "https://schema.org/name"]),
        ("EnvelopedVerifiableCredential", ["@id": "https://www.w3.org/2018/credentials#EnvelopedVerifiableCredential"]),
        ("EnvelopedVerifiablePresentation", ["@id": "https://www.w3.org/2018/credentials#EnvelopedVerifiablePresentation"]),
        ("JsonSchemaCredential", ["@id": "https://www.w3.org/2018/credentials#JsonSchemaCredential"]),
        (
            "BitstringStatusListCredential",
            ["@id": "https://www.w3.org/ns/credentials/status#BitstringStatusListCredential"]
        ),
        ("digestMultibase", nil), ("digestSRI", nil), ("mediaType", nil),
        ("VerifiableCredential", nil), ("VerifiablePresentation", nil),
        ("JsonSchema", nil), ("BitstringStatusList", nil), ("BitstringStatusListEntry", nil),
        ("DataIntegrityProof", nil),
        ("...", nil), ("_sd", nil), ("_sd_alg", nil), ("aud", nil), ("cnf", nil), ("exp", nil),
        ("iat", nil), ("iss", nil), ("jku", nil), ("kid", nil), ("nbf", nil), ("sub", nil), ("x5u", nil),
    ]
}
