import Foundation
import IssuerCore
import Synchronization

/// The issuer's store (SQLite or PostgreSQL), with the audit chain's head written to
/// ``AuditHeadFile`` after each commit that moved it. Every `attest` command and `attest serve` use it, so the file follows
/// every audit entry they append.
final class AuditHeadRecordingStore: IssuerStore {
    /// The database.
    let base: any IssuerStore
    /// The head file beside it.
    let headFile: AuditHeadFile
    /// The newest sequence this process wrote to the file, and whether a failure was reported.
    private let state = Mutex<(recorded: Int, warned: Bool)>((0, false))

    init(base: any IssuerStore, headFile: AuditHeadFile) {
        self.base = base
        self.headFile = headFile
    }

    func write<T: Sendable>(_ work: @Sendable (any IssuerTransaction) throws -> T) async throws -> T {
        let (result, head) = try await base.write { transaction in
            (try work(transaction), try transaction.lastAuditEntry().map(AuditHead.init))
        }
        if let head { record(head) }
        return result
    }

    func read<T: Sendable>(_ work: @Sendable (any IssuerReading) throws -> T) async throws -> T {
        try await base.read(work)
    }

    /// Writes `head` (committed) to the file when it is newer than what this process wrote. The
    /// commit stands whatever happens here: a file that cannot be written is reported once.
    private func record(_ head: AuditHead) {
        state.withLock { state in
            guard head.sequence > state.recorded else { return }
            do {
                try headFile.advance(to: head)
                state.recorded = head.sequence
            } catch {
                if !state.warned {
                    state.warned = true
                    FileHandle.standardError.write(
                        Data("attest: warning: cannot record the audit head in \(headFile.path): \(error)\n".utf8))
                }
            }
        }
    }
}
