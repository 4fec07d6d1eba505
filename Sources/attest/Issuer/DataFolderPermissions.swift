import Delivery
import Foundation

/// The modes of what the data folder holds. The folder is the issuer's own: its database has
/// learners' names and addresses, `attest.json` webhook secrets, `outbox/` emails with PDFs,
/// passcodes and claim links.
///
/// `attest init` creates everything private. A folder made by an older Attest, copied with `cp`,
/// or unpacked from a backup may be wider: every command that opens the folder narrows it (the
/// folder and `outbox/` to 0700, the files to 0600) and says so once on standard error, rather
/// than refusing to run (an issuer that stops serving over a mode is worse than one that fixes it).
enum DataFolderPermissions {
    /// Narrows every wider mode in the data folder; returns one line per change.
    static func tighten(_ options: DataOptions) throws -> [String] {
        var changes: [String] = []
        func narrow(_ path: String, to mode: mode_t, holds: String) throws {
            if let old = try PrivateFiles.narrow(path, to: mode) {
                changes.append(
                    "\(path) was readable by other users (mode \(String(old, radix: 8))): narrowed to \(String(mode, radix: 8)), as it holds \(holds)"
                )
            }
        }
        try narrow(options.directory.path, to: PrivateFiles.folderMode, holds: "the issuer's data")
        try narrow(options.settingsPath, to: PrivateFiles.fileMode, holds: "webhook secrets")
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try narrow(options.databasePath + suffix, to: PrivateFiles.fileMode, holds: "learners' names and email addresses")
        }
        try narrow(options.auditHeadPath, to: PrivateFiles.fileMode, holds: "the audit chain's head")
        let outbox = options.outboxDirectory
        try narrow(outbox.path, to: PrivateFiles.folderMode, holds: "emails with certificates, passcodes and links")
        let emails = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []
        var widerEmails = 0
        for name in emails where name.hasSuffix(".eml") {
            if try PrivateFiles.narrow(outbox.appendingPathComponent(name).path, to: PrivateFiles.fileMode) != nil { widerEmails += 1 }
        }
        if widerEmails > 0 {
            changes.append("\(widerEmails) .eml files in \(outbox.path) were readable by other users: narrowed to 600")
        }
        return changes
    }

    /// ``tighten(_:)``, each change written to standard error as a warning.
    static func tightenAndWarn(_ options: DataOptions) throws {
        for change in try tighten(options) {
            FileHandle.standardError.write(Data("attest: warning: \(change)\n".utf8))
        }
    }
}
