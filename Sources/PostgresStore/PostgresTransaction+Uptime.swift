import Foundation
import IssuerCore
import PostgresNIO

// The servers' uptime record (``IssuerCore/UptimeWriting``), as SQLiteTransaction+Uptime.
extension PostgresTransaction: UptimeWriting {
    func uptimeRecords(from start: Date, to end: Date) throws -> [UptimeRecord] {
        try rows(
            "SELECT instance, startedAt, lastSeenAt FROM uptime WHERE startedAt < $1 AND lastSeenAt >= $2 ORDER BY startedAt, instance COLLATE \"C\"",
            [end, start]
        ).map { row in
            var row = row
            return UptimeRecord(instance: try row(), startedAt: try row.date(), lastSeenAt: try row.date())
        }
    }

    func recordUptime(_ record: UptimeRecord) throws {
        try execute(
            """
            INSERT INTO uptime (instance, startedAt, lastSeenAt) VALUES ($1, $2, $3)
            ON CONFLICT (instance) DO UPDATE SET lastSeenAt = greatest(uptime.lastSeenAt, excluded.lastSeenAt)
            """,
            [record.instance, record.startedAt, record.lastSeenAt])
    }
}
