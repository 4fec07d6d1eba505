import Delivery
import Foundation
import IssuerCore

/// `DATA/audit-head`: the audit chain's newest entry as `SEQUENCE:HASH`, kept beside the database
/// so that deleting the newest audit rows (which leaves a shorter chain that checks) is noticed by
/// `attest audit verify`.
///
/// Rewritten (0600, atomically, by rename) after each commit that moved the head, from the head
/// that commit saw; it only ever moves forward, so it names an entry that was committed and may
/// lag the database by the commits of a process that has not written it yet, never lead it.
/// Cost per commit: the head is read in the committing transaction (one indexed row), and the
/// ~80-byte file is written only when the head moved, without fsync (the database is durable
/// first; after a power loss the file holds an older head, which the chain still contains).
///
/// - Warning: The file lives beside the data, so an attacker who can rewrite the database can
///   rewrite it too. It catches careless or partial tampering; the head an auditor writes down
///   (`attest audit verify` prints it) and passes back with `--expect-head` is the real anchor.
struct AuditHeadFile: Sendable {
    /// The file.
    let path: String

    /// The recorded head; `nil` when there is no file.
    /// - Throws: ``CLIError`` when the file exists but does not hold `SEQUENCE:HASH`.
    func read() throws -> AuditHead? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try AuditHead(parsing: String(decoding: data, as: UTF8.self))
        } catch {
            throw CLIError("the audit head file \(path) is unreadable: \(error.reason)")
        }
    }

    /// Records `head` unless the file already names the same or a later entry.
    func advance(to head: AuditHead) throws {
        if let recorded = try? read(), recorded.sequence >= head.sequence { return }
        try PrivateFiles.writeAtomically(Array("\(head)\n".utf8), to: URL(fileURLWithPath: path), durable: false)
    }
}
