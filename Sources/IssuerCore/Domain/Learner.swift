/// A person who completes programs and holds credentials.
public struct Learner: Codable, Sendable, Hashable, Identifiable {
    /// Attest's id for the learner.
    public var id: String
    /// The learner's id in the system that reported them (LMS user id, employee number).
    public var externalID: String
    /// Where certificates are emailed.
    public var email: String
    /// The legal name, for records and audits.
    public var legalName: String
    /// The name printed on certificates; defaults to the legal name.
    public var preferredName: String?

    /// A learner.
    public init(id: String, externalID: String, email: String, legalName: String, preferredName: String? = nil) {
        self.id = id
        self.externalID = externalID
        self.email = email
        self.legalName = legalName
        self.preferredName = preferredName
    }

    /// The name a certificate shows.
    public var certificateName: String { preferredName ?? legalName }
}
