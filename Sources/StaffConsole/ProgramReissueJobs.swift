import Foundation
import IssuerCore

/// The bulk reissues this console is running or has run, one per program, so the progress page
/// can be reloaded (or opened by a colleague) while the work goes on. The work itself is
/// ``IssuerCore/ProgramReissue``, which is safe to run again: after a restart the console simply
/// shows the count still to do, and confirming again carries on.
actor ProgramReissueJobs {
    /// One run.
    struct Job: Sendable {
        /// What it set out to do.
        var plan: ProgramReissue.Plan
        /// Who started it (audit actor).
        var startedBy: String
        /// How far it has come.
        var progress: ProgramReissue.Progress
        /// What it did, once finished.
        var summary: ProgramReissue.Summary?
        /// Why it stopped, if it failed as a whole.
        var failure: String?

        /// Whether it is still working.
        var isRunning: Bool { summary == nil && failure == nil }
        /// How far, in whole per cent (100 when there was nothing to do).
        var percent: Int { progress.total == 0 ? 100 : progress.done * 100 / progress.total }
    }

    private var jobs: [String: Job] = [:]

    /// The latest run for `programID`, if this console started one.
    func job(programID: String) -> Job? { jobs[programID] }

    /// Starts `plan` unless a run for its program is still working (then that one is kept);
    /// returns the run in progress.
    @discardableResult
    func start(_ plan: ProgramReissue.Plan, reissue: ProgramReissue, reason: String?) -> Job {
        if let running = jobs[plan.programID], running.isRunning { return running }
        let job = Job(
            plan: plan, startedBy: reissue.actor, progress: ProgramReissue.Progress(done: 0, total: plan.total), summary: nil,
            failure: nil)
        jobs[plan.programID] = job
        Task { await self.run(plan, reissue: reissue, reason: reason) }
        return job
    }

    private func run(_ plan: ProgramReissue.Plan, reissue: ProgramReissue, reason: String?) async {
        do {
            let summary = try await reissue.run(programID: plan.programID, fromVersion: plan.fromVersion, reason: reason) { progress in
                await self.update(plan.programID) { $0.progress = progress }
            }
            update(plan.programID) {
                $0.summary = summary
                $0.plan = summary.plan
            }
        } catch {
            let reason = (error as? IssuerError)?.reason ?? String(describing: error)
            update(plan.programID) { $0.failure = reason }
        }
    }

    private func update(_ programID: String, _ change: (inout Job) -> Void) {
        guard var job = jobs[programID] else { return }
        change(&job)
        jobs[programID] = job
    }
}
