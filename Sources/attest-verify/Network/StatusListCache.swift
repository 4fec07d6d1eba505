import Foundation

/// Status list credentials saved on disk between runs, each reused only while its freshness
/// lifetime lasts (the list's `ttl` or the response's `max-age`, the shorter when both are given).
///
/// The cache holds what the server sent, not a verdict: a cached list is verified again on every
/// use, so a corrupted or planted file can at worst make status indeterminate.
struct StatusListCache: Sendable {
    /// The folder, created (owner-only) on the first write.
    let directory: URL

    /// `$XDG_CACHE_HOME/attest-verify`, else `~/.cache/attest-verify`.
    static var defaultDirectory: URL {
        if let base = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent("attest-verify", isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/attest-verify", isDirectory: true)
    }

    /// One cache file's content.
    private struct Entry: Codable {
        var url: String
        /// Seconds since 1970 when the list was fetched.
        var fetchedAt: Double
        /// Seconds after `fetchedAt` the list may be reused for.
        var lifetime: Double
        /// The response body, as received.
        var body: String
    }

    /// The saved body for `url` if it is still fresh at `now`; nil when missing, stale or unreadable.
    func freshBody(for url: String, now: Date) -> Data? {
        guard let data = FileManager.default.contents(atPath: fileURL(for: url).path),
            let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.url == url
        else { return nil }
        let age = now.timeIntervalSince1970 - entry.fetchedAt
        // A negative age means the clock was turned back: the copy's age is unknown.
        guard age >= 0, age < entry.lifetime else { return nil }
        return Data(entry.body.utf8)
    }

    /// Saves `body` for `lifetime` seconds from `now`; a cache that cannot be written is skipped,
    /// it only costs a fetch next time.
    func store(_ body: Data, for url: String, lifetime: Double, now: Date) {
        guard lifetime > 0, let text = String(data: body, encoding: .utf8) else { return remove(url) }
        let entry = Entry(url: url, fetchedAt: now.timeIntervalSince1970, lifetime: lifetime, body: text)
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // .atomic writes a temporary file beside it and renames it: readers see the old or the new file, never half.
            try JSONEncoder().encode(entry).write(to: fileURL(for: url), options: .atomic)
        } catch {
            FileHandle.standardError.write(
                Data("attest-verify: warning: cannot write the cache in \(directory.path): \(error.localizedDescription)\n".utf8))
        }
    }

    /// Forgets `url` (for `Cache-Control: no-store`).
    func remove(_ url: String) {
        try? FileManager.default.removeItem(at: fileURL(for: url))
    }

    /// `status-<64-bit FNV-1a of the URL>.json`: the URL itself is inside and compared on reading,
    /// so two URLs that share a hash only cost each other a fetch.
    func fileURL(for url: String) -> URL {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return directory.appendingPathComponent("status-\(String(repeating: "0", count: 16 - hex.count))\(hex).json")
    }
}
