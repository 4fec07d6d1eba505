import Foundation
import IssuerCore
import PostgresNIO

// The dashboard's counts as SQL aggregates: each answer is one row (or one row per day or
// bucket), whatever the number of completions, credentials and messages behind it.
extension PostgresTransaction {
    /// Seconds from a completion (the event's `completedAt`, in the store's timestamp form) to the
    /// issue of its first credential, in whole milliseconds (the same rounding as the other stores),
    /// for the credentials of the window `$1` … `$2`.
    private static let timesToCredential = """
        SELECT (round(extract(epoch FROM credential.issuedAt::timestamptz
                - (completion.event->>'completedAt')::timestamptz) * 1000) / 1000)::float8 AS seconds
        FROM credential JOIN completion ON completion.id = credential.completionID
        WHERE credential.issuedAt >= $1 AND credential.issuedAt < $2
            AND credential.state <> 'pending' AND credential.supersedes IS NULL
        """

    func monitoringCounts(from start: Date, to end: Date, unfinishedBefore: Date) throws -> MonitoringCounts {
        var counts = MonitoringCounts()
        if var row = try row(
            """
            SELECT count(*), count(*) FILTER (WHERE state = 'held' OR reviewedAt IS NOT NULL),
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM program WHERE program.id = completion.programID))
            FROM completion WHERE receivedAt >= $1 AND receivedAt < $2
            """, [start, end])
        {
            counts.completionsDecided = try row.int()
            counts.completionsEscalated = try row.int()
            counts.completionsWithoutProgram = try row.int()
        }
        counts.completionsHeldNow = try value(Int.self, "SELECT count(*) FROM completion WHERE state = 'held'") ?? 0
        if var row = try row(
            """
            SELECT count(*), count(*) FILTER (WHERE state = 'pending' AND issuedAt < $3),
                count(*) FILTER (WHERE state <> 'pending' AND supersedes IS NULL),
                count(*) FILTER (WHERE state <> 'pending' AND supersedes IS NULL AND (claimedAt IS NOT NULL
                    OR id IN (SELECT credentialID FROM engagement WHERE kind = 'shared')))
            FROM credential WHERE issuedAt >= $1 AND issuedAt < $2
            """, [start, end, unfinishedBefore])
        {
            counts.credentialsReserved = try row.int()
            counts.credentialsUnfinished = try row.int()
            counts.credentialsIssued = try row.int()
            counts.credentialsClaimed = try row.int()
        }
        if var row = try row(
            """
            SELECT count(*), count(*) FILTER (WHERE state = 'failed')
            FROM outboxMessage WHERE createdAt >= $1 AND createdAt < $2
            """, [start, end])
        {
            counts.deliveriesQueued = try row.int()
            counts.deliveriesFailed = try row.int()
        }
        return counts
    }

    func timeToCredentialCount(from start: Date, to end: Date) throws -> Int {
        try value(Int.self, "SELECT count(*) FROM (\(Self.timesToCredential)) AS times", [start, end]) ?? 0
    }

    func timesToCredential(from start: Date, to end: Date, ranks: Set<Int>) throws -> [Int: Double] {
        let wanted = ranks.filter { $0 >= 1 }.sorted()
        guard !wanted.isEmpty else { return [:] }
        var values: [(any PostgresBindable)?] = [start, end]
        var placeholders: [String] = []
        for rank in wanted {
            values.append(rank)
            placeholders.append("$\(values.count)")
        }
        // One sort for every rank asked for.
        let found = try rows(
            """
            SELECT rank, seconds FROM (
                SELECT seconds, row_number() OVER (ORDER BY seconds) AS rank FROM (\(Self.timesToCredential)) AS times) AS ranked
            WHERE rank IN (\(placeholders.joined(separator: ", ")))
            """, values)
        var times: [Int: Double] = [:]
        for row in found {
            var row = row
            let rank = try row.int()
            times[rank] = try row(Double.self)
        }
        return times
    }

    func timeToCredentialHistogram(from start: Date, to end: Date, bounds: [Double]) throws -> [Int] {
        var values: [(any PostgresBindable)?] = [start, end]
        var columns: [String] = []
        for (index, bound) in bounds.enumerated() {
            values.append(bound)
            let lower = index == 0 ? "" : "seconds >= $\(values.count - 1) AND "
            columns.append("count(*) FILTER (WHERE \(lower)seconds < $\(values.count))")
        }
        columns.append(bounds.isEmpty ? "count(*)" : "count(*) FILTER (WHERE seconds >= $\(values.count))")
        guard var row = try row("SELECT \(columns.joined(separator: ", ")) FROM (\(Self.timesToCredential)) AS times", values) else {
            return [Int](repeating: 0, count: bounds.count + 1)
        }
        return try columns.map { _ in try row.int() }
    }

    func credentialsIssuedPerDay(from start: Date, to end: Date) throws -> [DayCount] {
        try rows(
            """
            SELECT substr(issuedAt, 1, 10) AS day, count(*) FROM credential
            WHERE issuedAt >= $1 AND issuedAt < $2 AND state <> 'pending' AND supersedes IS NULL
            GROUP BY day ORDER BY day
            """, [start, end]
        ).map { row in
            var row = row
            return DayCount(day: try row(), count: try row.int())
        }
    }
}

extension Double: PostgresBindable {
    var postgresBind: PostgresData { PostgresData(double: self) }
}
