import Foundation

extension InMemoryTransaction: ScheduleWriting {
    func scheduledWork(dueBy now: Date, limit: Int) -> [ScheduledWork] {
        Array(
            state.scheduledWork.values.filter { $0.state == .scheduled && $0.dueAt <= now }
                .sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }.prefix(limit))
    }

    func scheduledWork(subjectID: String) -> [ScheduledWork] {
        state.scheduledWork.values.filter { $0.subjectID == subjectID }.sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
    }

    func scheduledWork(id: String) -> ScheduledWork? { state.scheduledWork[id] }

    func planScheduledWork(_ work: ScheduledWork) {
        let exists = state.scheduledWork.values.contains {
            $0.kind == work.kind && $0.subjectID == work.subjectID && $0.detail == work.detail
        }
        if !exists { state.scheduledWork[work.id] = work }
    }

    func finishScheduledWork(id: String, state newState: ScheduledWorkState, at: Date, note: String?) -> Bool {
        guard var work = state.scheduledWork[id], work.state == .scheduled else { return false }
        work.state = newState
        work.finishedAt = at
        work.note = note
        state.scheduledWork[id] = work
        return true
    }
}
