import Foundation

/// Which credentials to list.
public struct CredentialFilter: Sendable, Hashable {
    /// Only this learner's credentials.
    public var learnerID: String?
    /// Only credentials for this program.
    public var programID: String?
    /// Only credentials in one of these states.
    public var states: Set<CredentialState>?
    /// At most this many, the first in insertion order.
    public var limit: Int?

    /// A filter; every field optional.
    public init(learnerID: String? = nil, programID: String? = nil, states: Set<CredentialState>? = nil, limit: Int? = nil) {
        self.learnerID = learnerID
        self.programID = programID
        self.states = states
        self.limit = limit
    }

    /// Whether a record passes the filter (for stores that filter in memory).
    public func matches(_ record: CredentialRecord) -> Bool {
        (learnerID == nil || record.learnerID == learnerID) && (programID == nil || record.programID == programID)
            && (states == nil || states!.contains(record.state))
    }
}
