/// A person who completes programs and holds credentials.
public struct Learner: Codable, Sendable, Hashable, Identifiable {
    /// Attest's id for the learner.
    public var id: String
    /// The learner's id in the system that reported them (LMS user id, employee number).
    public var externalID: String
    /// The system whose ids `externalID` is one of (``LearnerNamespace``): the same external id
    /// from another system is another learner, and only this system's reports update this one.
    public var namespace: LearnerNamespace
    /// Where certificates are emailed.
    public var email: String
    /// The legal name, for records and audits.
    public var legalName: String
    /// The name printed on certificates; defaults to the legal name.
    public var preferredName: String?

    /// A learner.
    public init(
        id: String, externalID: String, namespace: LearnerNamespace = .local, email: String, legalName: String, preferredName: String? = nil
    ) {
        self.id = id
        self.externalID = externalID
        self.namespace = namespace
        self.email = email
        self.legalName = legalName
        self.preferredName = preferredName
    }

    /// The name a certificate shows.
    public var certificateName: String { preferredName ?? legalName }
}
