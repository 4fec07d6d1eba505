import Foundation
import IssuerCore
import PostgresNIO

// The console's figures per program (``IssuerCore/ProgramCountsReading``), as SQLiteTransaction+ProgramCounts.
extension PostgresTransaction: ProgramCountsReading {
    func programCounts() throws -> [String: ProgramCounts] {
        var counts: [String: ProgramCounts] = [:]
        let credentials = try rows(
            """
            SELECT programID, count(*) FILTER (WHERE state <> 'superseded'), max(issuedAt COLLATE "C")
            FROM credential GROUP BY programID
            """)
        for row in credentials {
            var row = row
            let programID = try row(String.self)
            counts[programID] = ProgramCounts(issued: try row.int(), lastIssuedAt: try row.optionalDate())
        }
        let completions = try rows(
            "SELECT programID, state, count(*) FROM completion WHERE state IN ('held', 'rejected') GROUP BY programID, state")
        for row in completions {
            var row = row
            let programID = try row(String.self)
            let state = try row(String.self)
            var figures = counts[programID] ?? .none
            if state == "held" { figures.held = try row.int() } else { figures.rejected = try row.int() }
            counts[programID] = figures
        }
        return counts
    }
}
