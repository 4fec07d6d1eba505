import Foundation
import IssuerCore
import Synchronization

/// The CSV imports this console has checked or run, in memory and keyed by a random id, so the
/// progress page survives a reload (or is opened by a colleague) while the work goes on.
///
/// A restart of `attest serve` loses this view, not the work: every row a run took in is stored
/// with its decision, a credential left pending is finished at start-up, and uploading the same
/// file again shows (and runs) its rows as duplicates, so nothing is issued twice.
final class ImportJobs: Sendable {
    /// Where one import is.
    enum Phase: Sendable {
        /// Dry run done; waiting for someone to run it.
        case checked
        /// Running: `done` rows of the file's rows are finished.
        case running(done: Int)
        /// Finished, with every row's result.
        case finished([CompletionImport.RowResult])
        /// Stopped by an error: rows taken in before it stay; running the file again finishes the rest.
        case failed(String)
    }

    /// One import: the file, its dry run and its run.
    struct Job: Sendable {
        var id: String
        var fileName: String
        var program: Program
        /// Who uploaded it (audit actor and display name).
        var checkedBy: String
        var checkedByName: String
        var checkedAt: Date
        var rows: [CompletionCSV.Row]
        var dryRun: [CompletionImport.RowResult]
        var phase: Phase
        var startedBy: String?

        /// Rows done so far (all of them once finished).
        var done: Int {
            switch phase {
            case .checked: 0
            case .running(let done): done
            case .finished, .failed: rows.count
            }
        }

        /// How far, in whole per cent.
        var percent: Int { rows.isEmpty ? 100 : min(100, done * 100 / rows.count) }

        var isRunning: Bool {
            if case .running = phase { return true }
            return false
        }
    }

    /// Imports kept at most (the oldest that is not running is forgotten first): with files of at
    /// most 4 MiB, what they hold stays within a few hundred MB however many are uploaded.
    static let capacity = 10
    /// Files being read and checked at once at most.
    static let concurrentChecks = 2

    private let jobs = Mutex<[String: Job]>([:])
    private let checking = Mutex(0)

    /// The import `id`, if this console still has it.
    func job(_ id: String) -> Job? { jobs.withLock { $0[id] } }

    /// Every import kept, newest first.
    func all() -> [Job] { jobs.withLock { Array($0.values) }.sorted { $0.checkedAt > $1.checkedAt } }

    /// Keeps a checked file, forgetting the oldest idle import beyond ``capacity``.
    func add(_ job: Job) {
        jobs.withLock { jobs in
            jobs[job.id] = job
            while jobs.count > Self.capacity,
                let oldest = jobs.values.filter({ !$0.isRunning }).min(by: { $0.checkedAt < $1.checkedAt })
            {
                jobs[oldest.id] = nil
            }
        }
    }

    /// Runs `work` unless ``concurrentChecks`` files are being checked already (then `nil`).
    func admitCheck<T: Sendable>(_ work: () async throws -> T) async throws -> T? {
        let entered = checking.withLock { count in
            guard count < Self.concurrentChecks else { return false }
            count += 1
            return true
        }
        guard entered else { return nil }
        defer { checking.withLock { $0 -= 1 } }
        return try await work()
    }

    /// Marks `id` running if it is checked and no other import is running; returns the job as it
    /// now is, and whether this call started it.
    func claim(_ id: String, by actor: String) -> (job: Job?, started: Bool, busy: Bool) {
        jobs.withLock { jobs in
            guard var job = jobs[id] else { return (nil, false, false) }
            guard case .checked = job.phase else { return (job, false, false) }
            if jobs.values.contains(where: \.isRunning) { return (job, false, true) }
            job.phase = .running(done: 0)
            job.startedBy = actor
            jobs[id] = job
            return (job, true, false)
        }
    }

    /// Runs a claimed import in the background, updating its progress as rows are done.
    func start(_ id: String, importer: CompletionImport) {
        guard let job = job(id) else { return }
        Task {
            let phase: Phase
            do {
                let results = try await importer.run(job.rows, fileName: job.fileName) { done in
                    // Counts come from several finishing tasks: keep the largest, so the bar never goes back.
                    self.update(id) { if case .running(let shown) = $0.phase { $0.phase = .running(done: max(shown, done)) } }
                }
                phase = .finished(results)
            } catch {
                phase = .failed((error as? IssuerError)?.reason ?? "the store could not be written")
            }
            self.update(id) { $0.phase = phase }
        }
    }

    private func update(_ id: String, _ change: (inout Job) -> Void) {
        jobs.withLock { jobs in
            guard var job = jobs[id] else { return }
            change(&job)
            jobs[id] = job
        }
    }
}
