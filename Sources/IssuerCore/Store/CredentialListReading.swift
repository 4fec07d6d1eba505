import Foundation

/// The staff console's list of credentials: filtered and paginated by the store (newest first,
/// a page at a time after a position), reading no document and only the learner's name and
/// address beside each credential.
public protocol CredentialListReading {
    /// At most `query.limit` credentials matching `query`, newest first, after `query.after`.
    func credentialList(_ query: CredentialListQuery) throws -> [CredentialListRow]
    /// How many credentials match `query` (its `after` and `limit` are ignored).
    func credentialListCount(_ query: CredentialListQuery) throws -> Int
}

/// Which credentials a list shows, and which page of them.
public struct CredentialListQuery: Sendable, Hashable {
    /// Only this program.
    public var programID: String?
    /// Only this state.
    public var state: CredentialState?
    /// Only credentials issued at or after this instant.
    public var issuedFrom: Date?
    /// Only credentials issued before this instant.
    public var issuedBefore: Date?
    /// Only this learner's credentials: Attest's learner id, the email address (any case) or the
    /// id in the reporting system (any namespace).
    public var learner: String?
    /// The page after this ``CredentialListRow/position`` (the next-older rows); the first page when `nil`.
    public var after: Int64?
    /// At most this many rows.
    public var limit: Int

    /// A query; every filter optional.
    public init(
        programID: String? = nil, state: CredentialState? = nil, issuedFrom: Date? = nil, issuedBefore: Date? = nil,
        learner: String? = nil, after: Int64? = nil, limit: Int = 50
    ) {
        self.programID = programID
        self.state = state
        self.issuedFrom = issuedFrom
        self.issuedBefore = issuedBefore
        self.learner = learner
        self.after = after
        self.limit = limit
    }

    /// Whether a credential of `learner` passes the filters (for stores that filter in memory).
    public func matches(_ record: CredentialRecord, learner holder: Learner?) -> Bool {
        if let programID, record.programID != programID { return false }
        if let state, record.state != state { return false }
        if let issuedFrom, record.issuedAt < issuedFrom { return false }
        if let issuedBefore, record.issuedAt >= issuedBefore { return false }
        if let learner {
            guard let holder else { return false }
            return holder.id == learner || holder.email.lowercased() == learner.lowercased() || holder.externalID == learner
        }
        return true
    }
}

/// One line of the credentials list.
public struct CredentialListRow: Sendable, Hashable, Identifiable {
    /// Where the row stands in insertion order: the key of the next page (``CredentialListQuery/after``).
    public var position: Int64
    /// The credential's short id (`/c/{id}`).
    public var id: String
    /// The learner it certifies.
    public var learnerID: String
    /// The name the certificate shows.
    public var learnerName: String
    /// The learner's email address.
    public var learnerEmail: String
    /// The program.
    public var programID: String
    /// Where it stands.
    public var state: CredentialState
    /// When it was issued.
    public var issuedAt: Date
    /// When it expires, if it does.
    public var validUntil: Date?
    /// When the learner claimed it, if they did.
    public var claimedAt: Date?
    /// Whether a PDF is stored.
    public var hasPDF: Bool

    /// A row.
    public init(
        position: Int64, id: String, learnerID: String, learnerName: String, learnerEmail: String, programID: String,
        state: CredentialState, issuedAt: Date, validUntil: Date?, claimedAt: Date?, hasPDF: Bool
    ) {
        self.position = position
        self.id = id
        self.learnerID = learnerID
        self.learnerName = learnerName
        self.learnerEmail = learnerEmail
        self.programID = programID
        self.state = state
        self.issuedAt = issuedAt
        self.validUntil = validUntil
        self.claimedAt = claimedAt
        self.hasPDF = hasPDF
    }
}
