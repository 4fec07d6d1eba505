import Foundation

/// Planning ``ScheduledWork`` and marking it done, once.
public protocol ScheduleWriting: ScheduleReading {
    /// Inserts `work` unless work of the same kind, subject and detail exists (then nothing changes).
    func planScheduledWork(_ work: ScheduledWork) throws
    /// Moves work from ``ScheduledWorkState/scheduled`` to `state` at `at` with `note`; `false` when
    /// it was not scheduled any more (another instance or an earlier tick got there first). The
    /// compare-and-set is what makes each piece of work happen once.
    func finishScheduledWork(id: String, state: ScheduledWorkState, at: Date, note: String?) throws -> Bool
}
