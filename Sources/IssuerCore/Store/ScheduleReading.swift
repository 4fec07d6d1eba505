import Foundation

/// The ``ScheduledWork`` the ``WorkScheduler`` does.
public protocol ScheduleReading {
    /// Work still ``ScheduledWorkState/scheduled`` with `dueAt <= now`, earliest first, at most `limit`.
    func scheduledWork(dueBy now: Date, limit: Int) throws -> [ScheduledWork]
    /// Every piece of work about one completion or credential, earliest due first.
    func scheduledWork(subjectID: String) throws -> [ScheduledWork]
    /// One piece of work.
    func scheduledWork(id: String) throws -> ScheduledWork?
}
