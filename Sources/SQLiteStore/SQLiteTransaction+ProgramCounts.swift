import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: ProgramCountsReading {
    func programCounts() throws -> [String: ProgramCounts] {
        var counts: [String: ProgramCounts] = [:]
        let credentials = try Row.fetchAll(
            db,
            sql: """
                SELECT programID, sum(CASE WHEN state <> 'superseded' THEN 1 ELSE 0 END) AS issued, max(issuedAt) AS lastIssuedAt
                FROM credential GROUP BY programID
                """)
        for row in credentials {
            let programID: String = row["programID"]
            counts[programID] = ProgramCounts(
                issued: row["issued"],
                lastIssuedAt: try (row["lastIssuedAt"] as String?).map { try DatabaseTimestamp.date(reading: $0, of: "a credential") })
        }
        let completions = try Row.fetchAll(
            db,
            sql: "SELECT programID, state, count(*) AS number FROM completion WHERE state IN ('held', 'rejected') GROUP BY programID, state"
        )
        for row in completions {
            let programID: String = row["programID"]
            let state: String = row["state"]
            var figures = counts[programID] ?? .none
            if state == "held" { figures.held = row["number"] } else { figures.rejected = row["number"] }
            counts[programID] = figures
        }
        return counts
    }
}
