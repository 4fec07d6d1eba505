import Foundation

/// The servers' own record of when they ran (``UptimeRecord``).
public protocol UptimeReading {
    /// The runs that overlap `start..<end` (started before `end`, last seen at or after `start`),
    /// earliest start first.
    func uptimeRecords(from start: Date, to end: Date) throws -> [UptimeRecord]
}
