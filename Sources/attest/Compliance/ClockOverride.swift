import Foundation
import IssuerCore
import VerifiableCredentials

/// The clock every command runs on. `ATTEST_CLOCK_FILE` names a file holding the current time as
/// ISO 8601 (`2026-11-23T09:00:00Z`), read at every tick, so end-to-end tests move time for a
/// running `attest serve` by rewriting the file.
///
/// - Warning: For tests only. A deployment must never set it: credentials, status lists and the
///   audit trail would carry whatever time the file says.
enum ClockOverride {
    /// The environment variable naming the clock file.
    static let variable = "ATTEST_CLOCK_FILE"

    /// The system clock, or the clock file's time when `ATTEST_CLOCK_FILE` is set.
    static func fromEnvironment() -> @Sendable () -> Date {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return { Date() } }
        return {
            // A half-written file (the test rewriting it) reads as the last good time would: try again briefly.
            for _ in 0..<20 {
                if let data = FileManager.default.contents(atPath: path),
                    let date = DateTimeStamp.parse(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                {
                    return date
                }
                usleep(5_000)
            }
            FileHandle.standardError.write(Data("attest: \(variable)=\(path) holds no ISO 8601 time; using the system clock\n".utf8))
            return Date()
        }
    }
}
