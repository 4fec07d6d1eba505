import Foundation

/// One run of one `attest serve` process, as it records itself: when it started and when it was
/// last seen alive (a heartbeat every ``UptimeRecord/heartbeat``, and once more at a graceful
/// stop). The monthly report's availability is the share of the month some run covered.
public struct UptimeRecord: Sendable, Hashable {
    /// How often a running server writes ``lastSeenAt``: a crash loses at most this much.
    public static let heartbeat: TimeInterval = 60

    /// A random id per process start.
    public var instance: String
    /// When the server opened its port.
    public var startedAt: Date
    /// Its last heartbeat.
    public var lastSeenAt: Date

    /// A run.
    public init(instance: String, startedAt: Date, lastSeenAt: Date) {
        self.instance = instance
        self.startedAt = startedAt
        self.lastSeenAt = lastSeenAt
    }

    /// The share (0…1) of `start..<end` that the union of `records` covers; `nil` for an empty
    /// window. Runs of several instances that overlap count once.
    public static func availability(of records: [UptimeRecord], from start: Date, to end: Date) -> Double? {
        guard end > start else { return nil }
        let spans = records.map { (max($0.startedAt, start), min($0.lastSeenAt, end)) }.filter { $0.0 < $0.1 }.sorted { $0.0 < $1.0 }
        var covered: TimeInterval = 0
        var current: (Date, Date)?
        for span in spans {
            if let open = current, span.0 <= open.1 {
                current = (open.0, max(open.1, span.1))
            } else {
                if let open = current { covered += open.1.timeIntervalSince(open.0) }
                current = span
            }
        }
        if let open = current { covered += open.1.timeIntervalSince(open.0) }
        return covered / end.timeIntervalSince(start)
    }
}
