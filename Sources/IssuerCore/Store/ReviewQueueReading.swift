import Foundation

/// The completions held for review, filtered and paged by the store (in SQL for the database), so
/// a queue of any length costs one page to read.
public protocol ReviewQueueReading {
    /// Held completions passing `filter`, oldest first (by `receivedAt`, then id), skipping `offset`
    /// and at most `limit`.
    func heldCompletions(_ filter: ReviewQueueFilter, limit: Int, offset: Int) throws -> [CompletionRecord]
    /// How many completions pass `filter` (the count beside "Review" and above the queue).
    func heldCompletionCount(_ filter: ReviewQueueFilter) throws -> Int
}

/// Which held completions to list: by program and by how long they have waited.
public struct ReviewQueueFilter: Sendable, Hashable {
    /// Only completions of this program.
    public var programID: String?
    /// Only completions received at or before this moment (held at least so long).
    public var receivedAtOrBefore: Date?
    /// Only completions received after this moment (held at most so long).
    public var receivedAfter: Date?

    /// A filter; every field optional.
    public init(programID: String? = nil, receivedAtOrBefore: Date? = nil, receivedAfter: Date? = nil) {
        self.programID = programID
        self.receivedAtOrBefore = receivedAtOrBefore
        self.receivedAfter = receivedAfter
    }

    /// Whether a completion passes (for stores that filter in memory); only held ones ever do.
    public func matches(_ completion: CompletionRecord) -> Bool {
        completion.state == .held && (programID == nil || completion.event.programID == programID)
            && (receivedAtOrBefore.map { completion.receivedAt <= $0 } ?? true)
            && (receivedAfter.map { completion.receivedAt > $0 } ?? true)
    }
}
