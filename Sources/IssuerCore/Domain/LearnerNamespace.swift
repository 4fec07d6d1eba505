/// Whose external ids a learner's id is: learners are scoped by the system that reports them, so
/// one reporting system can never reach, update or take over a learner another system reported.
///
/// - `local`: what the operator does on the issuer's own machine (`attest issue`, `attest import`,
///   compliance workers): one namespace, because these are all the same trusted person.
/// - `api:NAME`: everything an API key reports (`POST /api/v1/events`, Moodle events,
///   `POST /api/v1/credentials`), named after the key; key names are unique and never reused,
///   so no two keys share a namespace.
public struct LearnerNamespace: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The stored form (`local`, `api:moodle`).
    public let rawValue: String

    /// A namespace from its stored form.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The operator's own namespace (CLI, CSV import, compliance).
    public static let local = LearnerNamespace(rawValue: "local")

    /// The namespace of the API key named `name`.
    public static func apiKey(named name: String) -> LearnerNamespace {
        LearnerNamespace(rawValue: "api:" + name)
    }

    /// The stored form.
    public var description: String { rawValue }
}
