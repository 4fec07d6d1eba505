import Foundation
import GRDB
import IssuerCore

// The dashboard's counts as SQL aggregates: each answer is one row (or one row per day or
// bucket), whatever the number of completions, credentials and messages behind it.
extension SQLiteTransaction: MonitoringReading {
    /// Seconds from a completion (the event's `completedAt`, in the store's timestamp form) to the
    /// issue of its first credential, in whole milliseconds (the same rounding as the in-memory
    /// store), for the credentials of a window.
    private static let timesToCredential = """
        SELECT round((julianday(credential.issuedAt) - julianday(json_extract(completion.event, '$.completedAt'))) * 86400000) / 1000.0
            AS seconds
        FROM credential JOIN completion ON completion.id = credential.completionID
        WHERE credential.issuedAt >= :start AND credential.issuedAt < :end
            AND credential.state <> 'pending' AND credential.supersedes IS NULL
        """

    func monitoringCounts(from start: Date, to end: Date, unfinishedBefore: Date) throws -> MonitoringCounts {
        let window = Self.window(start, end)
        var counts = MonitoringCounts()
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) AS decided,
                    coalesce(sum(state = 'held' OR reviewedAt IS NOT NULL), 0) AS escalated,
                    coalesce(sum(NOT EXISTS (SELECT 1 FROM program WHERE program.id = completion.programID)), 0) AS withoutProgram
                FROM completion WHERE receivedAt >= :start AND receivedAt < :end
                """, arguments: window)
        {
            counts.completionsDecided = row["decided"]
            counts.completionsEscalated = row["escalated"]
            counts.completionsWithoutProgram = row["withoutProgram"]
        }
        counts.completionsHeldNow = try Int.fetchOne(db, sql: "SELECT count(*) FROM completion WHERE state = 'held'") ?? 0
        var credentialArguments = window
        credentialArguments += ["unfinishedBefore": DatabaseTimestamp.text(from: unfinishedBefore)]
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) AS reserved,
                    coalesce(sum(state = 'pending' AND issuedAt < :unfinishedBefore), 0) AS unfinished,
                    coalesce(sum(state <> 'pending' AND supersedes IS NULL), 0) AS issued,
                    coalesce(sum(state <> 'pending' AND supersedes IS NULL AND (claimedAt IS NOT NULL
                        OR id IN (SELECT credentialID FROM engagement WHERE kind = 'shared'))), 0) AS claimed
                FROM credential WHERE issuedAt >= :start AND issuedAt < :end
                """, arguments: credentialArguments)
        {
            counts.credentialsReserved = row["reserved"]
            counts.credentialsUnfinished = row["unfinished"]
            counts.credentialsIssued = row["issued"]
            counts.credentialsClaimed = row["claimed"]
        }
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) AS queued, coalesce(sum(state = 'failed'), 0) AS failed
                FROM outboxMessage WHERE createdAt >= :start AND createdAt < :end
                """, arguments: window)
        {
            counts.deliveriesQueued = row["queued"]
            counts.deliveriesFailed = row["failed"]
        }
        return counts
    }

    func timeToCredentialCount(from start: Date, to end: Date) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(Self.timesToCredential))", arguments: Self.window(start, end)) ?? 0
    }

    func timesToCredential(from start: Date, to end: Date, ranks: Set<Int>) throws -> [Int: Double] {
        let wanted = ranks.filter { $0 >= 1 }.sorted()
        guard !wanted.isEmpty else { return [:] }
        var arguments = Self.window(start, end)
        var placeholders: [String] = []
        for (index, rank) in wanted.enumerated() {
            arguments += ["rank\(index)": rank]
            placeholders.append(":rank\(index)")
        }
        // One sort for every rank asked for.
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT rank, seconds FROM (SELECT seconds, row_number() OVER (ORDER BY seconds) AS rank FROM (\(Self.timesToCredential)))
                WHERE rank IN (\(placeholders.joined(separator: ", ")))
                """, arguments: arguments)
        var found: [Int: Double] = [:]
        for row in rows { found[row["rank"]] = row["seconds"] }
        return found
    }

    func timeToCredentialHistogram(from start: Date, to end: Date, bounds: [Double]) throws -> [Int] {
        var arguments = Self.window(start, end)
        var columns: [String] = []
        for (index, bound) in bounds.enumerated() {
            arguments += ["bound\(index)": bound]
            let lower = index == 0 ? "" : "seconds >= :bound\(index - 1) AND "
            columns.append("coalesce(sum(\(lower)seconds < :bound\(index)), 0)")
        }
        columns.append(bounds.isEmpty ? "count(*)" : "coalesce(sum(seconds >= :bound\(bounds.count - 1)), 0)")
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(columns.joined(separator: ", ")) FROM (\(Self.timesToCredential))", arguments: arguments)
        else { return [Int](repeating: 0, count: bounds.count + 1) }
        return (0..<columns.count).map { row[$0] }
    }

    func credentialsIssuedPerDay(from start: Date, to end: Date) throws -> [DayCount] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT substr(issuedAt, 1, 10) AS day, count(*) AS issued FROM credential
                WHERE issuedAt >= :start AND issuedAt < :end AND state <> 'pending' AND supersedes IS NULL
                GROUP BY day ORDER BY day
                """, arguments: Self.window(start, end)
        ).map { DayCount(day: $0["day"], count: $0["issued"]) }
    }

    private static func window(_ start: Date, _ end: Date) -> StatementArguments {
        ["start": DatabaseTimestamp.text(from: start), "end": DatabaseTimestamp.text(from: end)]
    }
}
