import Foundation
import IssuerCore
import PostgresNIO

// Engagement (``IssuerCore/EngagementWriting``), as SQLiteTransaction+Engagement.
extension PostgresTransaction: EngagementWriting {
    func engagement(credentialID: String) throws -> [EngagementRecord] {
        try rows("SELECT kind, day, at FROM engagement WHERE credentialID = $1 ORDER BY at, kind COLLATE \"C\"", [credentialID]).map { row in
            var row = row
            let kind = try Self.named(try row(), as: EngagementKind.self, of: "engagement of \(credentialID)", column: "kind")
            return EngagementRecord(credentialID: credentialID, kind: kind, day: try row(), at: try row.date())
        }
    }

    func recordEngagement(_ record: EngagementRecord) throws -> Bool {
        try execute(
            "INSERT INTO engagement (credentialID, kind, day, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1",
            [record.credentialID, record.kind.rawValue, record.day, record.at]) == 1
    }
}
