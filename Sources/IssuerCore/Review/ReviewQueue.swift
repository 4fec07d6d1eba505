import Foundation

/// How long a held completion has waited, as the queue's filter offers it.
public enum ReviewAge: String, Sendable, CaseIterable {
    /// Any age.
    case any
    /// Held less than a day.
    case underOneDay = "under-1-day"
    /// Held one to seven days.
    case oneToSevenDays = "1-7-days"
    /// Held more than seven days.
    case overSevenDays = "over-7-days"

    /// The filter bounds at `now`: received after `after`, at or before `atOrBefore`.
    public func bounds(now: Date) -> (after: Date?, atOrBefore: Date?) {
        let day: TimeInterval = 86_400
        return switch self {
        case .any: (nil, nil)
        case .underOneDay: (now.addingTimeInterval(-day), nil)
        case .oneToSevenDays: (now.addingTimeInterval(-7 * day), now.addingTimeInterval(-day))
        case .overSevenDays: (nil, now.addingTimeInterval(-7 * day))
        }
    }

    /// The words a filter shows.
    public var label: String {
        switch self {
        case .any: "Any age"
        case .underOneDay: "Less than a day"
        case .oneToSevenDays: "1 to 7 days"
        case .overSevenDays: "More than 7 days"
        }
    }
}

/// One page of the review queue, read in one snapshot: the held completions with the learner's
/// name and the program's title a list row shows, and how many there are in all.
public struct ReviewQueuePage: Sendable, Hashable {
    /// One row.
    public struct Entry: Sendable, Hashable {
        /// The held completion.
        public var completion: CompletionRecord
        /// The name the event gives for the certificate.
        public var learnerName: String
        /// The program's achievement name (its id when the program no longer exists).
        public var programTitle: String
    }

    /// The rows, oldest first.
    public var entries: [Entry]
    /// How many held completions pass the filter.
    public var total: Int
    /// The page number, from 1.
    public var page: Int
    /// Rows per page.
    public var pageSize: Int
    /// Whether a later page has rows.
    public var hasNextPage: Bool { page * pageSize < total }

    /// Page `page` (from 1) of `pageSize` rows of the completions passing `filter`, paged by the store.
    public static func read(_ filter: ReviewQueueFilter, page: Int, pageSize: Int, from reading: any IssuerReading) throws
        -> ReviewQueuePage
    {
        let page = max(1, page)
        let pageSize = min(max(1, pageSize), 200)
        let completions = try reading.heldCompletions(filter, limit: pageSize, offset: (page - 1) * pageSize)
        var titles: [String: String] = [:]
        let entries = try completions.map { completion in
            let programID = completion.event.programID
            if titles[programID] == nil { titles[programID] = try reading.program(id: programID)?.achievement.name ?? programID }
            return Entry(
                completion: completion, learnerName: completion.event.learner.preferredName ?? completion.event.learner.legalName,
                programTitle: titles[programID]!)
        }
        return ReviewQueuePage(entries: entries, total: try reading.heldCompletionCount(filter), page: page, pageSize: pageSize)
    }
}
