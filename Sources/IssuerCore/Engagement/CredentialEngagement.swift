import Foundation

/// What someone did with a credential that the issuer counts: opened its verification page
/// (other than through the learner's own link, which is a claim), downloaded its PDF, or added it
/// to a LinkedIn profile through the page's or the email's link.
public enum EngagementKind: String, Sendable, Hashable, CaseIterable {
    case viewed
    case downloaded
    case shared

    /// The webhook the first of the day queues.
    public var event: OutboxEvent {
        switch self {
        case .viewed: .credentialViewed
        case .downloaded: .credentialDownloaded
        case .shared: .credentialShared
        }
    }
}

/// One kind of engagement with one credential on one UTC day, as first seen.
public struct EngagementRecord: Sendable, Hashable {
    /// The credential.
    public var credentialID: String
    /// What happened.
    public var kind: EngagementKind
    /// The UTC day, `YYYY-MM-DD`.
    public var day: String
    /// When it first happened that day.
    public var at: Date

    /// A record.
    public init(credentialID: String, kind: EngagementKind, day: String, at: Date) {
        self.credentialID = credentialID
        self.kind = kind
        self.day = day
        self.at = at
    }
}

/// Records engagement: the first view, download or LinkedIn share of a credential on a UTC day
/// is stored once (``EngagementWriting``) and queues one `credential.viewed|downloaded|shared`
/// webhook in the same transaction; repeats that day change nothing. Not audited: nobody changed
/// anything, and every page view in a hash chain would drown the entries that matter.
public struct CredentialEngagement: Sendable {
    /// The store, clock and randomness.
    public let environment: IssuerEnvironment

    /// Engagement recorded through `environment`.
    public init(environment: IssuerEnvironment) {
        self.environment = environment
    }

    /// The UTC day of `date`, `YYYY-MM-DD`.
    public static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Records `kind` for the credential now; whether it was the first of its kind that day (and
    /// so queued a webhook). A credential that does not exist or is not signed records nothing.
    @discardableResult
    public func record(_ kind: EngagementKind, credentialID: String) async throws -> Bool {
        let now = environment.now()
        let random = environment.random
        let record = EngagementRecord(credentialID: credentialID, kind: kind, day: Self.day(of: now), at: now)
        return try await environment.store.write { transaction in
            guard let summary = try transaction.credentialSummary(id: credentialID), summary.isSigned,
                try transaction.recordEngagement(record)
            else { return false }
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-" + random.identifier(length: 12), channel: .webhook, event: kind.event, subjectID: credentialID,
                    recipient: nil, createdAt: now))
            return true
        }
    }
}
