import Foundation

/// A running server writing its heartbeat.
public protocol UptimeWriting: UptimeReading {
    /// Inserts the run, or moves the ``UptimeRecord/lastSeenAt`` of the run with the same
    /// instance id forward (never back).
    func recordUptime(_ record: UptimeRecord) throws
}
