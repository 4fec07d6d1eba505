import Foundation

extension InMemoryTransaction: LearnerDirectoryReading, ReviewQueueReading {
    func learners(matching search: LearnerSearchText, limit: Int, offset: Int) -> [Learner] {
        let found = state.learners.values.filter(search.matches).sorted {
            ($0.certificateName.lowercased(), $0.id) < ($1.certificateName.lowercased(), $1.id)
        }
        return Array(found.dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    func outboxMessages(subjectID: String, limit: Int) -> [OutboxMessage] {
        let rows = state.outbox.values.filter { $0.subjectID == subjectID }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        return Array(rows.prefix(max(0, limit)))
    }

    func heldCompletions(_ filter: ReviewQueueFilter, limit: Int, offset: Int) -> [CompletionRecord] {
        let held = state.completions.values.filter(filter.matches).sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
        return Array(held.dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    func heldCompletionCount(_ filter: ReviewQueueFilter) -> Int {
        state.completions.values.filter(filter.matches).count
    }
}
