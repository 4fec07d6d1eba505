import Foundation

/// A learner as staff see them on one page: who they are, and every credential they hold or held
/// (any state, oldest first) with its program, how its email went out and whether they claimed it.
public struct LearnerProfile: Sendable, Hashable {
    /// One credential.
    public struct Entry: Sendable, Hashable {
        /// The credential, without its files.
        public var credential: CredentialRecordSummary
        /// Its program's achievement name (the id when the program no longer exists).
        public var programTitle: String
        /// Its newest certificate email, if one was written (pending, sent or failed).
        public var latestEmail: OutboxMessage?
    }

    /// The learner.
    public var learner: Learner
    /// Every credential, oldest first.
    public var entries: [Entry]

    /// The profile of learner `learnerID`; `nil` when there is no such learner.
    public static func load(learnerID: String, from reading: any IssuerReading) throws -> LearnerProfile? {
        guard let learner = try reading.learner(id: learnerID) else { return nil }
        var titles: [String: String] = [:]
        let entries = try reading.credentialSummaries(filter: CredentialFilter(learnerID: learnerID)).map { credential in
            if titles[credential.programID] == nil {
                titles[credential.programID] = try reading.program(id: credential.programID)?.achievement.name ?? credential.programID
            }
            let email = try reading.outboxMessages(subjectID: credential.id, limit: 20).first { $0.channel == .email }
            return Entry(credential: credential, programTitle: titles[credential.programID]!, latestEmail: email)
        }
        return LearnerProfile(learner: learner, entries: entries)
    }
}
