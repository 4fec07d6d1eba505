import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: UptimeWriting {
    func uptimeRecords(from start: Date, to end: Date) throws -> [UptimeRecord] {
        try Row.fetchAll(
            db, sql: "SELECT instance, startedAt, lastSeenAt FROM uptime WHERE startedAt < ? AND lastSeenAt >= ? ORDER BY startedAt, instance",
            arguments: [DatabaseTimestamp.text(from: end), DatabaseTimestamp.text(from: start)]
        ).map { row in
            UptimeRecord(
                instance: row["instance"], startedAt: try DatabaseTimestamp.date(reading: row["startedAt"], of: "an uptime record"),
                lastSeenAt: try DatabaseTimestamp.date(reading: row["lastSeenAt"], of: "an uptime record"))
        }
    }

    func recordUptime(_ record: UptimeRecord) throws {
        try db.execute(
            sql: """
                INSERT INTO uptime (instance, startedAt, lastSeenAt) VALUES (?, ?, ?)
                ON CONFLICT (instance) DO UPDATE SET lastSeenAt = max(lastSeenAt, excluded.lastSeenAt)
                """,
            arguments: [record.instance, DatabaseTimestamp.text(from: record.startedAt), DatabaseTimestamp.text(from: record.lastSeenAt)])
    }
}
