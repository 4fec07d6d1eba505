import Foundation

/// The peak resident set of this process over one stretch of work: Linux's `VmHWM`, reset at the
/// stretch's start by writing `5` to `/proc/self/clear_refs` (getrusage's `ru_maxrss` cannot be
/// reset, so it would carry the peak of every group that ran before).
enum PeakMemory {
    /// Starts a new stretch: the high-water mark falls back to the current resident set.
    /// Returns false where the kernel does not allow it (then ``peakKiB()`` is the process's peak so far).
    @discardableResult
    static func reset() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// The highest resident set since the last ``reset()``, in KiB (`VmHWM`).
    static func peakKiB() -> Int { statusField("VmHWM") }

    /// The resident set now, in KiB (`VmRSS`).
    static func currentKiB() -> Int { statusField("VmRSS") }

    private static func statusField(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") })
        else { return 0 }
        return Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "") ?? 0
    }
}
