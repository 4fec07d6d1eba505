import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files and folders only their owner may read: `.eml` files (PDFs, passcodes, claim links), the
/// settings file (webhook secrets), the audit head. Written so that they never exist, even for a
/// moment, with a wider mode than asked, whatever the process's umask.
///
/// - Warning: `Data.write(to:options: .atomic)` and `FileManager.createFile(atPath:contents:attributes:)`
///   create the file with the umask's mode (usually 0644) and narrow it afterwards, if at all.
public enum PrivateFiles {
    /// The mode of a private file: read and write by its owner.
    public static let fileMode: mode_t = 0o600
    /// The mode of a private folder: its owner only.
    public static let folderMode: mode_t = 0o700

    /// Replaces `url` atomically with `bytes`: a new file opened with mode 0600, written, flushed
    /// to disk when `durable`, and renamed over the old one (a reader sees the old or the new
    /// file, never half of one).
    public static func writeAtomically(_ bytes: [UInt8], to url: URL, durable: Bool = true) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw failure("create", errno, url.path) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do {
            // The umask can only narrow the mode given to open; this makes it exactly 0600.
            guard fchmod(descriptor, fileMode) == 0 else { throw failure("chmod", errno, url.path) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                guard written > 0 else { throw failure("write", errno, url.path) }
                offset += written
            }
            guard !durable || fsync(descriptor) == 0 else { throw failure("flush", errno, url.path) }
            closed = true
            guard close(descriptor) == 0 else { throw failure("close", errno, url.path) }
            guard rename(temporary, url.path) == 0 else { throw failure("rename", errno, url.path) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Creates `url` (and missing parents) as a 0700 folder, or narrows an existing one to 0700.
    public static func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(folderMode)])
        guard chmod(url.path, folderMode) == 0 else { throw failure("chmod", errno, url.path) }
    }

    /// Narrows `path` to `mode` when group or others have any access to it; returns the mode it
    /// had when it was narrowed, `nil` when it was already private or does not exist.
    public static func narrow(_ path: String, to mode: mode_t) throws -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        // A symbolic link is left alone: chmod would change whatever it points to.
        guard status.st_mode & S_IFMT != S_IFLNK else { return nil }
        let old = status.st_mode & 0o777
        guard old & 0o077 != 0 else { return nil }
        guard chmod(path, mode) == 0 else { throw failure("chmod", errno, path) }
        return old
    }

    /// `cannot OPERATION PATH: REASON`, with the system's reason for `code` (`errno`, passed before
    /// the path so that nothing can change it in between).
    private static func failure(_ operation: String, _ code: Int32, _ path: String) -> DeliveryError {
        DeliveryError(.privateFileFailed, "cannot \(operation) \(path): \(String(cString: strerror(code)))", isTransient: false)
    }
}
